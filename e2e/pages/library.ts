/** The library and reader, as a user finds them: by role and accessible name. */
import { expect, type Locator, type Page } from '@playwright/test';

export class LibraryPage {
  readonly list: Locator;
  readonly reader: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('listbox', { name: 'Sources' });
    this.reader = page.getByRole('article', { name: 'Reader' });
  }

  /** The row of the source whose title matches. */
  source(title: string | RegExp): Locator {
    return this.list.getByRole('option', { name: title });
  }

  async titles(): Promise<string[]> {
    return this.list.locator('.source-title').allInnerTexts();
  }

  async open(title: string | RegExp): Promise<void> {
    await this.source(title).click();
    await expect(this.reader.getByRole('heading', { level: 1 })).toHaveText(title);
  }

  /** The reader's text, paragraph by paragraph. */
  paragraphs(): Locator {
    return this.reader.locator('.reader-text p');
  }
}
