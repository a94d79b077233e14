/**
 * The desktop menu's commands, delivered to the page as the preload delivers them (here a stand-in
 * for window.dossierMenu, installed before the page loads): each runs through the same dialogs and
 * API calls as the page's own Notebook menu.
 */
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

test('the menu’s commands open the views, the settings, the shortcut sheet and the notebook dialogs', async ({ dossier }) => {
  const page = dossier.page;
  await page.addInitScript(() => {
    const w = window as unknown as { dossierMenu: unknown; __menu: ((c: string) => void)[] };
    w.__menu = [];
    w.dossierMenu = { onCommand: (listener: (c: string) => void) => (w.__menu.push(listener), () => (w.__menu = w.__menu.filter((l) => l !== listener))) };
  });
  await page.reload();
  await expect(new LibraryPage(page).list).toBeVisible();
  const send = (command: string) => page.evaluate((c) => (window as unknown as { __menu: ((c: string) => void)[] }).__menu.forEach((l) => l(c)), command);

  await send('view:pictures');
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pictures' })).toHaveAttribute('aria-current', 'page');
  await send('view:factsheet');
  await expect(page.getByRole('main', { name: 'Fact sheet' })).toBeVisible();
  await send('app:settings');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  // On a laptop screen (1440×900) the whole sheet is in the window, nothing cut off at its right.
  await page.setViewportSize({ width: 1440, height: 900 });
  await send('app:shortcuts');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const box = (await sheet.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1440);
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  expect(await sheet.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await dossier.screenshot('shortcut-sheet-1440');
  await page.keyboard.press('Escape');
  await send('notebook:new');
  const dialog = page.getByRole('dialog', { name: /New notebook/i });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox').first().fill('Menu-made notebook');
  await dialog.getByRole('button', { name: /Create/ }).click();
  await expect(page.getByLabel('Notebook name')).toHaveText('Menu-made notebook');
  // After Open Recent the main process reopens a notebook and asks the page to reload its state.
  await send('app:reload');
  await expect(page.getByLabel('Notebook name')).toHaveText('Menu-made notebook');
  // A command the page does not know does nothing.
  await send('rm -rf');
  await expect(page.getByLabel('Notebook name')).toHaveText('Menu-made notebook');
});
