/**
 * A spreadsheet as a reporter gets it: a council's budget workbook (two sheets and an empty one,
 * money, percentages and dates formatted), imported, each sheet read as a table with the
 * spreadsheet's column letters and row numbers, a figure highlighted in its cell, and a cell's
 * words found by search.
 */
import * as XLSX from '@e965/xlsx';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

async function workbookFile(): Promise<string> {
  const book = XLSX.utils.book_new();
  const spending = XLSX.utils.aoa_to_sheet(
    [
      ['Service', 'Budget 2023', 'Change', 'Agreed'],
      ['Adult social care', 1200.5, 0.125, new Date(Date.UTC(2023, 2, 31))],
      ['Libraries', 87, -0.3, new Date(Date.UTC(2023, 1, 14))],
    ],
    { cellDates: true },
  );
  for (const ref of ['B2', 'B3']) spending[ref].z = '"£"#,##0.00';
  for (const ref of ['C2', 'C3']) spending[ref].z = '0.0%';
  for (const ref of ['D2', 'D3']) spending[ref].z = 'dd/mm/yyyy';
  XLSX.utils.book_append_sheet(book, spending, 'Spending');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Source: council budget book, p. 14']]), 'Notes');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Empty');
  const file = join(await mkdtemp(join(tmpdir(), 'dossier-e2e-sheet-')), 'council-budget.xlsx');
  await writeFile(file, new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', cellDates: true }) as ArrayBuffer));
  return file;
}

test('a workbook: each sheet a table with its columns and rows, a figure highlighted in its cell, found by search', async ({ dossier }) => {
  const page = dossier.page;
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: /paths/i }).fill(await workbookFile());
  await dialog.getByRole('button', { name: 'Read files' }).click();
  const item = dialog.getByRole('list', { name: 'Files to import' }).getByRole('listitem', { name: 'File council-budget.xlsx' });
  await expect(item).toContainText('Excel workbook');
  await expect(item).toContainText('Its 2 sheets “Spending”, “Notes” become sources of their own, linked to the workbook.');
  await expect(item).toContainText('Its sheet “Empty” is empty.');
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await expect(dialog.getByRole('status')).toContainText('3 imported');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const library = new LibraryPage(page);
  // The workbook's row (its sheets' rows say "— Spending", "— Notes").
  await library.source(/^council-budget Undated/).click();
  await expect(library.reader.getByRole('heading', { level: 1 })).toHaveText('council-budget');
  await expect(library.reader.getByRole('list', { name: 'Sheets of this workbook' }).getByRole('button')).toHaveText(['council-budget — Spending', 'council-budget — Notes']);
  await library.reader.getByRole('button', { name: 'council-budget — Spending' }).click();
  const table = library.reader.getByRole('table', { name: 'Sheet Spending' });
  await expect(table.getByRole('columnheader')).toHaveText(['A', 'B', 'C', 'D']);
  await expect(table.getByRole('row').nth(2)).toContainText('£1,200.50');
  await expect(table.getByRole('row').nth(2)).toContainText('12.5%');
  await expect(table.getByRole('row').nth(2)).toContainText('31/03/2023');
  await expect(library.reader.getByRole('definition').filter({ hasText: /^Spending$/ })).toBeVisible();

  const reader = new ReaderPage(page);
  await reader.select('£1,200.50');
  await page.keyboard.press('h');
  await expect(table.locator('td mark.hl')).toHaveText('£1,200.50');
  await dossier.screenshot('reader-sheet');

  // A cell's words are found like any others.
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  await palette.getByRole('searchbox', { name: 'Search the notebook' }).fill('social care');
  await expect(palette.getByRole('listbox', { name: 'Sources' }).getByRole('option').first()).toContainText('council-budget — Spending');
});
