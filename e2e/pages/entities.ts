/** The Entities view: the list, an entity's page, the editor, suggestions. */
import { expect, type Locator, type Page } from '@playwright/test';

export class EntitiesPage {
  readonly list: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('navigation', { name: 'Entities' });
    this.form = page.getByRole('form', { name: /entity|Edit / });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Entities' }).click();
    await expect(this.list).toBeVisible();
  }

  /** The page of the open entity. */
  entityPage(name: string): Locator {
    return this.page.getByRole('article', { name: `Entity: ${name}` });
  }

  async open(name: string): Promise<Locator> {
    await this.list.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\d*$`) }).click();
    const page = this.entityPage(name);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    return page;
  }

  async create(fields: { type: string; name: string; roundOf?: string; aliases?: string[] }): Promise<void> {
    await this.list.getByRole('button', { name: 'New entity…' }).click();
    const form = this.page.getByRole('form', { name: 'New entity' });
    await form.getByLabel('Type').selectOption({ label: fields.type });
    await form.getByLabel('Name').fill(fields.name);
    if (fields.roundOf) await form.getByLabel('Round of').selectOption({ label: fields.roundOf });
    if (fields.aliases) await form.getByLabel(/Aliases/).fill(fields.aliases.join('\n'));
    await form.getByRole('button', { name: 'Save entity' }).click();
  }
}
