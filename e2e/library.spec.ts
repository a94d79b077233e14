/** The library with many sources: a filter box, sort and filters, and a date or outlet set on several at once. */
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

test('the library filters by words, outlet, date range and “no date”, sorts, and sets a date and an outlet on several sources at once', async ({ dossier }) => {
  const page = dossier.page;
  const library = new LibraryPage(page);
  await expect(library.list.getByRole('option')).toHaveCount(5);
  const nav = page.getByRole('navigation', { name: 'Library' });
  const count = nav.getByRole('status');
  await expect(count).toHaveText('5 sources');

  // Words of the title, any case.
  await nav.getByRole('searchbox', { name: 'Filter sources by title, outlet, byline or sender' }).fill('p-hunt ARRESTED');
  await expect(count).toHaveText('3 of 5 sources Show all');
  expect(await library.titles()).toEqual([
    'Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded',
    '‘P-HUNT 23.1’: 12 arrested, 142 cases filed, 270 devices seized',
    'Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested',
  ]);
  await nav.getByRole('searchbox').fill('');

  // Sort and filter.
  await nav.getByText('Sort and filter').click();
  await nav.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Date, newest first' });
  expect((await library.titles())[0]).toBe('‘P-HUNT 23.1’: 12 arrested, 142 cases filed, 270 devices seized');
  // Undated stays last, newest first or not.
  expect((await library.titles()).at(-1)).toBe('Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested');
  await nav.getByRole('combobox', { name: 'Outlet' }).selectOption({ label: 'Hindustan Times (1)' });
  expect(await library.titles()).toEqual(['Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’']);
  await nav.getByRole('combobox', { name: 'Outlet' }).selectOption({ label: 'Outlet not named (4)' });
  await expect(library.list.getByRole('option')).toHaveCount(4);
  await nav.getByRole('combobox', { name: 'Outlet' }).selectOption({ label: 'All outlets' });
  await nav.getByRole('textbox', { name: 'from' }).fill('2020');
  await nav.getByRole('textbox', { name: 'to' }).fill('2020-12');
  await expect(count).toHaveText('2 of 5 sources Show all');
  await nav.getByRole('textbox', { name: 'to' }).fill('2020-13');
  await expect(nav.getByRole('alert')).toHaveText('“2020-13” is not a date: write 2020, 2020-10 or 2020-10-04.');
  await nav.getByRole('textbox', { name: 'to' }).fill('');
  await nav.getByRole('textbox', { name: 'from' }).fill('');
  await nav.getByRole('checkbox', { name: 'Only sources with no date' }).check();
  expect(await library.titles()).toEqual(['Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested']);
  await dossier.screenshot('library-filters');
  await nav.getByRole('checkbox', { name: 'Only sources with no date' }).uncheck();

  // Several at once: the two sources of round 20.2 get an outlet; the undated one a date.
  await nav.getByRole('button', { name: 'Edit several…' }).click();
  const bulk = nav.getByRole('region', { name: 'Edit several sources' });
  await nav.getByRole('searchbox').fill('41');
  await library.source(/^Operation P Hunt: 41 arrested/).click();
  await library.source(/^Third round/).click();
  await expect(library.source(/^Operation P Hunt: 41 arrested/)).toHaveAttribute('aria-selected', 'true');
  await expect(bulk).toContainText('2 of 3 shown ticked');
  await bulk.getByRole('combobox', { name: 'Outlet' }).fill('The Hindu');
  await bulk.getByRole('button', { name: 'Set outlet' }).click();
  await expect(bulk.getByRole('status')).toHaveText('Outlet “The Hindu” set on 2 sources.');
  await library.source(/^Operation P Hunt: 41 arrested/).click();
  await bulk.getByRole('textbox', { name: 'Date' }).fill('2020-30');
  await expect(bulk.getByRole('button', { name: 'Set date' })).toBeDisabled();
  await expect(bulk).toContainText('“2020-30” is not a date');
  await bulk.getByRole('textbox', { name: 'Date' }).fill('2020-12');
  await bulk.getByRole('button', { name: 'Set date' }).click();
  await expect(bulk.getByRole('status')).toHaveText('Date 2020-12 set on 1 source.');
  await dossier.screenshot('library-bulk-edit');
  await bulk.getByRole('button', { name: 'Done' }).click();
  await nav.getByRole('searchbox').fill('');
  await expect(library.source(/^Third round/)).toContainText('Dec 2020');
  await expect(library.source(/^Third round/)).toContainText('The Hindu');
  await expect(library.source(/^Operation P Hunt: 41 arrested/)).toContainText('The Hindu');

  // Kept on disk: after a restart the list says the same.
  const restarted = await dossier.restart();
  const again = new LibraryPage(restarted);
  await expect(again.source(/^Third round/)).toContainText('Dec 2020');
  await expect(again.source(/^Third round/)).toContainText('The Hindu');
});
