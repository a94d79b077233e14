/** The notebook header, menu and dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export class NotebookPage {
  readonly name: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Notebook name');
  }

  async command(label: 'New notebook…' | 'Open notebook…' | 'Rename notebook…' | 'Recreate sample notebook…'): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Notebook ▾' }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
    return this.page.getByRole('dialog');
  }

  async create(name: string): Promise<void> {
    const dialog = await this.command('New notebook…');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create notebook' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.name).toHaveText(name);
  }

  async rename(name: string): Promise<void> {
    const dialog = await this.command('Rename notebook…');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.name).toHaveText(name);
  }
}
