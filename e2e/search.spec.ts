/** Search: the Ctrl/Cmd+K palette, typo-tolerant results in groups, and Enter to the passage. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';

/** Ctrl+K once the notebook is on screen (the shortcut belongs to an open notebook). */
async function openPalette(page: Page) {
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeVisible();
}

test('Ctrl+K, “abrahm”: Manoj Abraham and the passages quoting him; Enter opens the source at the words found', async ({ dossier }) => {
  const page = dossier.page;
  const library = new LibraryPage(page);
  await expect(library.list).toBeVisible();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  const box = palette.getByRole('searchbox', { name: 'Search the notebook' });
  await expect(box).toBeFocused();
  await box.fill('abrahm');

  const entities = palette.getByRole('listbox', { name: 'Entities' });
  const annotations = palette.getByRole('listbox', { name: 'Annotations' });
  const sources = palette.getByRole('listbox', { name: 'Sources' });
  await expect(entities.getByRole('option').first()).toContainText('Manoj Abraham');
  await expect(entities.locator('mark').first()).toHaveText('Abraham');
  // His quotes (the words he said, which do not name him) come by their link to him, and say so.
  await expect(annotations.getByRole('option')).toHaveCount(2);
  await expect(annotations.getByRole('option').filter({ hasText: '“We have arrested 11 persons now and many are under observation,”' })).toContainText('linked to Manoj Abraham');
  await expect(annotations.getByRole('option').filter({ hasText: '“The biggest impact of the pandemic, besides health issues, is online crime.”' })).toContainText('linked to Manoj Abraham');
  await expect(sources.getByRole('option')).toHaveCount(4);
  await expect(sources.getByRole('option').first()).toContainText(HT_TITLE);
  await expect(sources.getByRole('option').first().locator('mark').first()).toHaveText('Abraham');
  await dossier.screenshot('search-palette');

  // Down past the entity and the annotations to the first source, and Enter.
  const passages = await annotations.getByRole('option').count();
  for (let i = 0; i <= passages; i++) await box.press('ArrowDown');
  await expect(sources.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(palette).toBeHidden();
  await expect(library.reader.getByRole('heading', { level: 1 })).toHaveText(HT_TITLE);
  const hit = new ReaderPage(page).text.locator('mark.search-hit');
  await expect(hit).toHaveText('Abraham');
  await expect(hit).toBeInViewport();
  await dossier.screenshot('search-hit-in-reader');
});

test('Enter on a passage opens it selected in its source; on an entity, its page', async ({ dossier }) => {
  const page = dossier.page;
  // The library filtered to another source first: opening the hit lifts the filter, so the open source is in the list.
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.getByRole('searchbox', { name: /Filter/ }).fill('P-Hunt_20.3');
  await expect(new LibraryPage(page).list.getByRole('option')).toHaveCount(1);
  await openPalette(page);
  const palette = page.getByRole('dialog', { name: 'Search' });
  const box = palette.getByRole('searchbox', { name: 'Search the notebook' });
  await box.fill('268');
  await expect(palette.getByRole('listbox', { name: 'Annotations' }).getByRole('option').first()).toContainText('registered 268 cases');
  await box.press('Enter');
  await expect(new ReaderPage(page).card('registered 268 cases')).toHaveClass(/selected/);
  await expect(page.getByRole('searchbox', { name: /Filter/ })).toHaveValue('');
  await expect(new LibraryPage(page).list.getByRole('option', { selected: true })).toContainText('Kerala cyber wing arrests 41');

  await page.keyboard.press('Control+K');
  await box.fill('P-HUNT_20.3');
  await expect(palette.getByRole('listbox', { name: 'Entities' }).getByRole('option').first()).toContainText('P-Hunt 20.3');
  await box.press('Enter');
  await expect(page.getByRole('article', { name: 'Entity: P-Hunt 20.3' }).getByRole('heading', { level: 1 })).toHaveText('P-Hunt 20.3');
});

test('the full view: filters, the syntax, and a clear word on what could not be understood', async ({ dossier }) => {
  const page = dossier.page;
  await openPalette(page);
  const palette = page.getByRole('dialog', { name: 'Search' });
  await palette.getByRole('searchbox', { name: 'Search the notebook' }).fill('kind:figure entity:"p hunt 20.2"');
  await expect(palette.getByRole('listbox', { name: 'Annotations' }).getByRole('option')).toHaveCount(5);
  await palette.getByRole('button', { name: 'All results' }).click();

  const view = page.getByRole('main');
  const annotations = view.getByRole('listbox', { name: 'Annotations' });
  await expect(annotations.getByRole('option')).toHaveCount(5);
  await expect(annotations).toContainText('registered 268 cases');
  await expect(annotations).toContainText('recorded 269 cases');
  await expect(page.getByRole('complementary', { name: 'Search syntax' })).toContainText('kind:figure');
  await dossier.screenshot('search-view');

  const box = view.getByRole('searchbox', { name: 'Search the notebook' });
  await box.fill('raids kind:photo "596 locations');
  await expect(view.getByRole('status').filter({ hasText: '“photo” is not a kind of annotation' })).toBeVisible();
  await expect(view.getByRole('status').filter({ hasText: 'A quote is not closed' })).toBeVisible();
  await expect(view.getByRole('listbox', { name: 'Sources' }).getByRole('option')).toHaveCount(1);
  await dossier.screenshot('search-view-problems');

  await box.fill('zzqx');
  await expect(view).toContainText('Nothing matches “zzqx”.');
});
