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
