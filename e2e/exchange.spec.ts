/** Moving work in and out from the Notebook menu: annotations as CSV and W3C, a backup restored as a notebook. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { NotebookPage } from './pages/notebook';

async function menu(page: Page, item: string) {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menu', { name: 'Notebook' }).getByRole('menuitem', { name: item }).click();
  return page.getByRole('dialog');
}

test('a backup of the notebook restores as a notebook that opens with the same sources', async ({ dossier }) => {
  const page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  const archive = join(dossier.home, 'p-hunt-backup.zip');
  let dialog = await menu(page, 'Back up notebook…');
  await dialog.getByRole('textbox', { name: 'Save as' }).fill(archive);
  await dialog.getByRole('button', { name: 'Back up' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Saved the whole notebook (8 files) to ${archive}`);
  await dossier.screenshot('backup-done');
  await dialog.getByRole('button', { name: 'Close' }).click();

  dialog = await menu(page, 'Restore from backup…');
  await dialog.getByRole('textbox', { name: 'File' }).fill(join(dossier.home, 'missing.zip'));
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('alert')).toContainText('There is no file at');
  await dialog.getByRole('textbox', { name: 'File' }).fill(archive);
  await dialog.getByRole('textbox', { name: /Restore into/ }).fill(join(dossier.home, 'restored'));
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Restored “Operation P-Hunt (sample)” into ${join(dossier.home, 'restored')} and opened it.`);
  await dossier.screenshot('restore-done');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByLabel('Notebook name')).toHaveAttribute('title', `Operation P-Hunt (sample) — ${join(dossier.home, 'restored')}`);
  await expect(new LibraryPage(page).list.getByRole('option')).toHaveCount(5);
});

test('annotations export as CSV (asking before replacing) and a W3C file that is not JSON is refused', async ({ dossier }) => {
  const page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  const csv = join(dossier.home, 'annotations.csv');
  await writeFile(csv, 'old');
  const dialog = await menu(page, 'Export annotations…');
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  await dialog.getByRole('textbox', { name: 'Save as' }).fill(csv);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('alertdialog', { name: 'Replace the file?' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved 16 annotations to');
  expect((await readFile(csv, 'utf8')).split('\r\n')[0]).toMatch(/^\uFEFFid,source_id,source_title/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await writeFile(join(dossier.home, 'broken.jsonld'), 'this is not json');
  const importing = await menu(page, 'Import annotations…');
  await importing.getByRole('textbox', { name: 'File' }).fill(join(dossier.home, 'broken.jsonld'));
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(importing.getByRole('alert')).toContainText('It is not JSON');
  await dossier.screenshot('import-annotations-refused');
});

test('a snapshot taken from the Notebook menu puts the notebook back as it was, and the restore can be undone', async ({ dossier }) => {
  const page = dossier.page;
  const notebook = new NotebookPage(page);
  await expect(new LibraryPage(page).list).toBeVisible();
  let dialog = await menu(page, 'Snapshots…');
  await expect(dialog.getByText('No snapshots yet.')).toBeVisible();
  await dossier.screenshot('snapshots-empty');
  await dialog.getByRole('button', { name: 'Take a snapshot now' }).click();
  await expect(dialog.getByRole('status')).toContainText('Took a snapshot: 5 sources, 16 annotations.');
  await expect(dialog.getByRole('list', { name: 'Snapshots' }).getByRole('listitem')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await notebook.rename('Renamed by mistake');
  dialog = await menu(page, 'Snapshots…');
  await dialog.getByRole('button', { name: /^Restore the snapshot of / }).click();
  await expect(dialog.getByRole('group', { name: 'Restore this snapshot?' })).toContainText('how it is now is kept as a snapshot first');
  await dossier.screenshot('snapshots-confirm');
  await dialog.getByRole('group', { name: 'Restore this snapshot?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('status')).toContainText('The notebook is back as it was at that snapshot.');
  await expect(notebook.name).toHaveText('Operation P-Hunt (sample)');
  const items = dialog.getByRole('list', { name: 'Snapshots' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('before a restore');
  await dossier.screenshot('snapshots-restored');

  // Undo: the snapshot of the state the restore replaced.
  await items
    .first()
    .getByRole('button', { name: /^Restore the snapshot of / })
    .click();
  await dialog.getByRole('group', { name: 'Restore this snapshot?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(notebook.name).toHaveText('Renamed by mistake');
  await expect(new LibraryPage(page).list.getByRole('option')).toHaveCount(5);
});
