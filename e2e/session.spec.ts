/** Starting where the reporter left off: the view, the source open and how far down it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

const TITLE = 'Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested';

/** The sessions the backend keeps in state.json (one per notebook). */
const sessions = async (home: string): Promise<{ view: string; sourceId: string | null; scrollTop: number }[]> =>
  Object.values(JSON.parse(await readFile(join(home, 'state.json'), 'utf8')).sessions ?? {});

test('a restart opens the same view, the same source, scrolled where it was', async ({ dossier }) => {
  let page = dossier.page;
  await page.setViewportSize({ width: 1280, height: 520 });
  await new LibraryPage(page).open(TITLE);
  await page.locator('.annotated-reader .reader-scroll').evaluate((el) => (el.scrollTop = 400));
  // Kept a moment after the scrolling stops.
  await expect.poll(() => sessions(dossier.home)).toEqual([expect.objectContaining({ view: 'library', scrollTop: 400, sourceId: expect.stringMatching(/^002_/) })]);

  page = await dossier.restart();
  await page.setViewportSize({ width: 1280, height: 520 });
  const again = new LibraryPage(page);
  await expect(again.reader.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(again.source(TITLE)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.locator('.annotated-reader .reader-scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(350);
  await dossier.screenshot('session-restored');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' }).click();
  await expect.poll(() => sessions(dossier.home)).toEqual([expect.objectContaining({ view: 'factsheet' })]);
  page = await dossier.restart();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' })).toHaveAttribute('aria-current', 'page');
});

test('the sources list and the annotations panel are resized by dragging or with the arrow keys, and keep their width', async ({ dossier }) => {
  let page = dossier.page;
  const library = new LibraryPage(page);
  await library.open(TITLE);
  const list = page.getByRole('separator', { name: 'Resize the sources list' });
  await expect(list).toHaveAttribute('aria-valuenow', '300');
  await list.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(list).toHaveAttribute('aria-valuenow', '348');
  await expect.poll(() => page.locator('.library-pane').evaluate((el) => el.getBoundingClientRect().width)).toBe(348);
  // Dragged: the annotations panel gets wider as its handle moves left.
  const panel = page.getByRole('separator', { name: 'Resize the annotations panel' });
  const box = (await panel.boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x - 97, box.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect(panel).toHaveAttribute('aria-valuenow', '440');
  await dossier.screenshot('panes-resized');
  await expect.poll(async () => JSON.parse(await readFile(join(dossier.home, 'settings.json'), 'utf8')).panes).toEqual({ library: 348, annotations: 440 });
  page = await dossier.restart();
  await expect(page.getByRole('separator', { name: 'Resize the sources list' })).toHaveAttribute('aria-valuenow', '348');
});
