/** The reader with its annotations: selecting text, the toolbar, the side panel and its editor. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ReaderPage {
  readonly text: Locator;
  readonly panel: Locator;
  readonly toolbar: Locator;
  readonly editor: Locator;
  readonly review: Locator;

  constructor(readonly page: Page) {
    this.text = page.locator('.reader-text');
    this.panel = page.getByRole('complementary', { name: 'Annotations of this source' });
    this.toolbar = page.getByRole('toolbar', { name: 'Selection' });
    this.editor = page.getByRole('form', { name: /annotation/i });
    this.review = this.panel.getByRole('region', { name: 'Needs review' });
  }

  /**
   * Selects `quote` in the text as a drag would, and lets the app see the mouse-up — once the
   * source's annotations are in (their highlights re-render the text, which would drop a selection
   * made before).
   */
  async select(quote: string): Promise<void> {
    await expect(this.panel).toHaveAttribute('aria-busy', 'false');
    await this.text.evaluate((root, q) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const whole = nodes.map((n) => n.data).join('');
      const at = whole.indexOf(q);
      if (at < 0) throw new Error(`"${q}" is not in the text`);
      const locate = (offset: number): [Text, number] => {
        let seen = 0;
        for (const n of nodes) {
          if (offset <= seen + n.data.length) return [n, offset - seen];
          seen += n.data.length;
        }
        throw new Error('offset past the text');
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + q.length));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      range.startContainer.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }, quote);
    await expect(this.toolbar).toBeVisible();
  }

  /** The highlight marks that make up an annotated passage. */
  mark(text: string): Locator {
    return this.text.locator('mark', { hasText: text });
  }

  /** The card of the annotation whose quote starts with `quote`. */
  card(quote: string): Locator {
    const start = quote
      .trim()
      .slice(0, 40)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.panel.getByRole('article', { name: new RegExp(`:\\s*${start}`) });
  }

  async annotate(quote: string, fields: { note?: string; tags?: string[]; kind?: string }): Promise<void> {
    await this.select(quote);
    await this.page.keyboard.press('n');
    await expect(this.editor).toBeVisible();
    if (fields.kind) await this.editor.getByLabel('Kind').selectOption({ label: fields.kind });
    if (fields.note) await this.editor.getByLabel('Note').fill(fields.note);
    for (const tag of fields.tags ?? []) {
      await this.editor.getByLabel('Tags').fill(tag);
      await this.editor.getByLabel('Tags').press('Enter');
    }
    await this.editor.getByRole('button', { name: 'Save' }).click();
    await expect(this.editor).toBeHidden();
  }
}
