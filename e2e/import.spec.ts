/** Importing: choose files, watch them read, review and correct, find them in the library. */
import { join } from 'node:path';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { NotebookPage } from './pages/notebook';

const FIXTURES = join(process.cwd(), 'e2e/fixtures/import');

test('import two web pages and a text file through the menu, review them, and find them in the library', async ({ dossier }) => {
  const page = dossier.page;
  const notebook = new NotebookPage(page);
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: /paths/i }).fill(['ht-raids.html', 'onmanorama-round.html', 'press-note.txt'].map((f) => join(FIXTURES, f)).join('\n'));
  await dialog.getByRole('button', { name: 'Read files' }).click();

  await expect(dialog.getByRole('status').filter({ hasText: 'files read' })).toContainText('3 files read');
  const files = dialog.getByRole('list', { name: 'Files to import' });
  const ht = files.getByRole('listitem', { name: 'File ht-raids.html' });
  await expect(ht.getByRole('textbox', { name: 'Title' })).toHaveValue('41 held in statewide raids against online child abuse material');
  await expect(ht.getByRole('textbox', { name: 'Outlet' })).toHaveValue('Hindustan Times');
  await expect(ht.getByRole('textbox', { name: 'Published' })).toHaveValue('2020-10-05');
  await expect(ht).toContainText('registered 268 cases');
  const note = files.getByRole('listitem', { name: 'File press-note.txt' });
  await expect(note.getByRole('textbox', { name: 'Published' })).toHaveValue('2021-06-14');
  await note.getByRole('textbox', { name: 'Outlet' }).fill('Kerala Police');
  await dossier.screenshot('import-review');
  await dialog.getByRole('button', { name: 'Import 3 sources' }).click();

  const report = dialog.getByRole('list', { name: 'Import report' });
  await expect(report.getByRole('listitem')).toHaveCount(3);
  await expect(dialog.getByRole('status')).toContainText('3 imported, 0 duplicate, 0 not imported.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const library = new LibraryPage(page);
  await expect(library.list.getByRole('option')).toHaveCount(8);
  await expect(library.source(/41 held in statewide raids/)).toContainText('5 Oct 2020 · ');
  await expect(library.source(/41 held in statewide raids/)).toContainText('Hindustan Times');
  await expect(library.source(/P-Hunt: 12 arrested in Kerala/)).toContainText('27 Feb 2023');
  await expect(library.source(/P-Hunt: 12 arrested in Kerala/)).toContainText('Onmanorama');
  await expect(library.source(/Kerala Police press note/)).toContainText('14 Jun 2021 · ');
  await expect(library.source(/Kerala Police press note/)).toContainText('Kerala Police');
  await library.open('41 held in statewide raids against online child abuse material');
  await expect(library.reader).toContainText('saved web page (ht-raids.html)');
  // The page's address is words to read; opening it says it goes to the web browser, in icon and words.
  const open = library.reader.getByRole('link', { name: /in your web browser \(goes online\)$/ });
  await expect(open).toHaveText('↗ Open in browser');
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', 'noopener noreferrer');
  await dossier.screenshot('reader-source-url');
  await expect(notebook.name).toHaveText('Operation P-Hunt (sample)');
});

test('a file that cannot be read is named with its reason at review, and the rest still imports', async ({ dossier }) => {
  const page = dossier.page;
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: /paths/i }).fill([join(FIXTURES, 'press-note.txt'), join(FIXTURES, 'missing.pdf'), join(process.cwd(), 'seeds/000_7baca0de28e0a4fd.txt')].join('\n'));
  await dialog.getByRole('button', { name: 'Read files' }).click();
  const files = dialog.getByRole('list', { name: 'Files to import' });
  await expect(files.getByRole('listitem', { name: 'File missing.pdf' })).toContainText('missing.pdf does not exist.');
  await expect(files.getByRole('listitem', { name: 'File 000_7baca0de28e0a4fd.txt' })).toContainText('is the same text as “Kerala cyber wing arrests 41');
  await dossier.screenshot('import-review-problems');
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await expect(dialog.getByRole('status')).toContainText('1 imported');
});

test('pasted text and a dropped file go through the same review', async ({ dossier }) => {
  const page = dossier.page;
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: 'Or paste the text of an article' }).fill('Kerala Police statement on P-Hunt 21.1\n\n16 people were arrested and 392 devices seized.');
  await dossier.screenshot('import-choose');
  await dialog.getByRole('button', { name: 'Use pasted text' }).click();
  const files = dialog.getByRole('list', { name: 'Files to import' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files.getByRole('textbox', { name: 'Title' })).toHaveValue('Kerala Police statement on P-Hunt 21.1');
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Drop a file on the window.
  const transfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['---\ntitle: A dropped note\ndate: 2021-06-15\n---\nNotes from the press briefing.'], 'briefing.md', { type: 'text/markdown' }));
    return dt;
  });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(dialog.getByRole('list', { name: 'Files to import' }).getByRole('textbox', { name: 'Title' })).toHaveValue('A dropped note');
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const library = new LibraryPage(page);
  await expect(library.source(/A dropped note/)).toContainText('15 Jun 2021');
  await expect(library.source(/Kerala Police statement on P-Hunt 21.1/)).toBeVisible();
});
