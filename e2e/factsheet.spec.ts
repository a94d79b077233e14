/** The fact sheet: the P-Hunt sheet with its 268/269 conflict, exported, opened, resolved. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

async function openFactSheet(page: Page) {
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' }).click();
  const view = page.getByRole('main', { name: 'Fact sheet' });
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Fact sheet: Operation P-Hunt');
  return view;
}

const conflictCell = (page: Page) => page.getByRole('table', { name: 'Key figures' }).getByRole('cell', { name: /P-Hunt 20\.2, cases registered/ });

test('the P-Hunt fact sheet shows the 268 / 269 conflict; Markdown and HTML exports say the same, and the HTML opens', async ({ dossier }) => {
  const page = dossier.page;
  const view = await openFactSheet(page);
  const cell = conflictCell(page);
  await expect(cell).toContainText('Sources disagree');
  await expect(cell).toContainText('268 cases');
  await expect(cell).toContainText('269 cases');
  await expect(cell).toContainText('Hindustan Times');
  await expect(view.getByRole('status').filter({ hasText: 'unresolved' })).toHaveText(/^1 unresolved conflict · 0 resolved/);
  await expect(page.getByRole('table', { name: 'Key figures' }).getByRole('cell', { name: /P-Hunt 20\.2, arrests/ })).toContainText('Corroborated by 1 named outlet and 1 source naming none');
  await dossier.screenshot('factsheet-conflict');
  // Every value with the exact words of its passage.
  await view.getByText('Where each figure comes from').click();
  await expect(view.locator('.figure-sources')).toContainText('268 cases — Hindustan Times: [2] “registered 268 cases”');

  // Markdown, where the reporter says.
  const exportPanel = page.getByRole('region', { name: 'Export the fact sheet' });
  const saveAs = exportPanel.getByRole('textbox', { name: 'Save as' });
  await saveAs.fill(join(dossier.home, 'p-hunt.md'));
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  await expect(exportPanel.getByRole('status')).toHaveText(new RegExp(`^Saved p-hunt\\.md \\([\\d.]+ KB\\) at \\d\\d:\\d\\d, in ${dossier.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.$`));
  const markdown = await readFile(join(dossier.home, 'p-hunt.md'), 'utf8');
  expect(markdown).toContain('**Sources disagree:** 268 cases [2] vs 269 cases [3]');
  expect(markdown).toContain('“registered 268 cases”');

  // HTML; a second export to the same file asks first.
  await exportPanel.getByRole('combobox', { name: 'Format' }).selectOption('html');
  await expect(saveAs).toHaveValue(join(dossier.home, 'p-hunt.html'));
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  await expect(exportPanel.getByRole('status')).toContainText('p-hunt.html');
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  const question = exportPanel.getByRole('alertdialog', { name: 'Replace the file?' });
  await expect(question).toContainText('already exists. Replace it?');
  await dossier.screenshot('factsheet-replace-question');
  await question.getByRole('button', { name: 'Replace' }).click();
  await expect(exportPanel.getByRole('status')).toContainText('Saved p-hunt.html');
  // Away and back: the panel says the format, the path and the last save together, none stale.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' }).click();
  await expect(exportPanel.getByRole('combobox', { name: 'Format' })).toHaveValue('html');
  await expect(saveAs).toHaveValue(join(dossier.home, 'p-hunt.html'));
  await expect(exportPanel.getByRole('status')).toContainText('Saved p-hunt.html');
  await dossier.screenshot('factsheet-export-saved');
  // Another subject: another file, and no word of the last one.
  await page.getByRole('combobox', { name: 'Fact sheet for' }).selectOption({ label: '   P-Hunt 20.2 (round)' });
  await expect(saveAs).toHaveValue(/p-hunt-20-2-fact-sheet\.html$/);
  await expect(exportPanel.getByRole('status')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Fact sheet for' }).selectOption({ label: 'Operation P-Hunt — Operation' });

  // The page opens on its own, with the conflict marked in words.
  const opened = await page.context().newPage();
  await opened.goto(pathToFileURL(join(dossier.home, 'p-hunt.html')).href);
  await expect(opened.getByRole('heading', { level: 1 })).toHaveText('Fact sheet: Operation P-Hunt');
  const table = opened.getByRole('table');
  await expect(table.locator('td.conflict')).toContainText('Sources disagree');
  await expect(table.locator('td.conflict')).toContainText('268 cases');
  await expect(table.locator('td.conflict')).toContainText('269 cases');
  await expect(opened.locator('#source-2')).toContainText('Hindustan Times');
  await opened.screenshot({ path: `e2e/screenshots/${dossier.host}-factsheet-exported-html.png`, fullPage: true });
  await opened.close();
});

test('a conflict is resolved with a required reason, shown as resolved, and reopened; a citation opens its passage', async ({ dossier }) => {
  const page = dossier.page;
  await openFactSheet(page);
  const cell = conflictCell(page);
  await cell.getByRole('button', { name: 'Resolve…' }).click();
  const form = cell.getByRole('form', { name: /Resolve cases registered for P-Hunt 20\.2/ });
  await form.getByRole('radio', { name: '269 cases' }).check();
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(form.getByRole('alert')).toHaveText('Say why this value stands: the note is required.');
  await form.getByRole('textbox', { name: 'Why (required)' }).fill('The FIR register lists 269.');
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(cell).toContainText('Sources disagree — resolved');
  await expect(cell).toContainText('Stands: 269 cases — The FIR register lists 269.');
  await expect(page.getByRole('main', { name: 'Fact sheet' }).getByRole('status').filter({ hasText: 'unresolved' })).toHaveText(/^0 unresolved conflicts · 1 resolved/);
  await dossier.screenshot('factsheet-resolved');
  await cell.getByRole('button', { name: 'Reopen' }).click();
  await expect(cell.getByRole('button', { name: 'Resolve…' })).toBeVisible();

  // A citation opens its passage in the reader, selected.
  await cell.getByRole('button', { name: /Source 3: “recorded 269 cases/ }).click();
  await expect(new LibraryPage(page).reader.getByRole('heading', { level: 1 })).toHaveText('Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded');
  await expect(new ReaderPage(page).card('recorded 269 cases')).toHaveClass(/selected/);
});

test('an export to a folder that does not exist is refused with the reason, and nothing is written', async ({ dossier }) => {
  const page = dossier.page;
  await openFactSheet(page);
  const exportPanel = page.getByRole('region', { name: 'Export the fact sheet' });
  await exportPanel.getByRole('textbox', { name: 'Save as' }).fill(join(dossier.home, 'no-such-folder', 'sheet.md'));
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  await expect(exportPanel.getByRole('alert')).toContainText('no-such-folder does not exist');
  await dossier.screenshot('factsheet-export-refused');
});

test('a passage marked as a figure gets its metric and value proposed, is checked as typed, and shows in the fact sheet', async ({ dossier }) => {
  const page = dossier.page;
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open('Kerala police arrest 11 in third round of crackdown on child pornography');
  await reader.select('arrested 11 people');
  await page.keyboard.press('n');
  await reader.editor.getByLabel('Kind').selectOption({ label: 'Figure' });
  const figure = reader.editor.getByRole('group', { name: 'Figure' });
  await expect(figure).toContainText('Proposed from the passage: arrests = 11 people. Check it.');
  await expect(figure.getByLabel('Metric')).toHaveValue('arrests');
  await expect(figure.getByLabel('Value')).toHaveValue('11');
  await expect(figure.getByLabel('Unit')).toHaveValue('people');
  await figure.getByLabel('Value').fill('eleven-ish');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor.getByRole('alert')).toContainText('The value must be a number, not “eleven-ish”.');
  await dossier.screenshot('annotate-figure-fields');
  await figure.getByLabel('Value').fill('11');
  await figure.getByLabel('As of (date)').fill('2019-10-13');
  await figure.getByLabel('What the figure is about').selectOption({ label: 'Operation P-Hunt' });
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor).toBeHidden();
  await expect(reader.card('arrested 11 people')).toContainText('arrests = 11 people (Operation P-Hunt, as of 13 Oct 2019)');

  await openFactSheet(page);
  const cell = page.getByRole('table', { name: 'Key figures' }).getByRole('cell', { name: /Operation P-Hunt, arrests: Single source/ });
  await expect(cell).toContainText('11 people');
});

test('“maximum fine of Rs 10 lakh” proposes the qualifier “at most”, and every qualifier the parser proposes can be picked', async ({ dossier }) => {
  const page = dossier.page;
  const reader = new ReaderPage(page);
  await new LibraryPage(page).open('Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’');
  await reader.select('maximum fine of Rs 10 lakh');
  await page.keyboard.press('n');
  await reader.editor.getByLabel('Kind').selectOption({ label: 'Figure' });
  const figure = reader.editor.getByRole('group', { name: 'Figure' });
  await expect(figure).toContainText('Proposed from the passage: fine = at most Rs 10 lakh. Check it.');
  await expect(figure.getByLabel('Qualifier')).toHaveValue('at most');
  const offered = await figure.getByLabel('Qualifier').locator('option').allInnerTexts();
  expect(offered).toEqual(expect.arrayContaining(['at most', 'at least', 'nearly', 'about', 'around', 'over', 'under', 'up to', 'more than']));
});

test('a summary written in Markdown shows as formatted text, and every export format carries it as such, never as asterisks', async ({ dossier }) => {
  const page = dossier.page;
  const view = await openFactSheet(page);
  await view.getByRole('button', { name: 'Write a summary' }).click();
  const summary = 'Police gave **268** cases; the *New Indian Express* gave 269.\n\n- checked with the FIR register\n- asked **Cyberdome** for the press note';
  await view.getByRole('textbox', { name: 'Summary' }).fill(summary);
  await view.getByRole('button', { name: 'Save summary' }).click();
  const shown = view.locator('.sheet-summary');
  await expect(shown.locator('strong').first()).toHaveText('268');
  await expect(shown.locator('em')).toHaveText('New Indian Express');
  await expect(shown.getByRole('listitem')).toHaveCount(2);
  await expect(shown).not.toContainText('**');
  await dossier.screenshot('factsheet-markdown-summary');
  // Every format, as the export panel writes it.
  const exportPanel = page.getByRole('region', { name: 'Export the fact sheet' });
  const saveAs = exportPanel.getByRole('textbox', { name: 'Save as' });
  for (const format of ['md', 'html', 'docx', 'pdf', 'json']) {
    await exportPanel.getByRole('combobox', { name: 'Format' }).selectOption(format);
    await saveAs.fill(join(dossier.home, `summary.${format}`));
    await exportPanel.getByRole('button', { name: 'Export' }).click();
    await expect(exportPanel.getByRole('status')).toContainText(`Saved summary.${format}`, { timeout: 60_000 });
  }
  // Markdown as written; HTML rendered; JSON as typed (Word and PDF are read back in api/factsheet.test.ts).
  expect(await readFile(join(dossier.home, 'summary.md'), 'utf8')).toContain(`## Summary\n\n${summary}\n`);
  const html = await readFile(join(dossier.home, 'summary.html'), 'utf8');
  expect(html).toContain('<strong>268</strong>');
  expect(html).toContain('<em>New Indian Express</em>');
  expect(html).not.toContain('**268**');
  expect(JSON.parse(await readFile(join(dossier.home, 'summary.json'), 'utf8')).summary).toBe(summary);
  const docx = await readFile(join(dossier.home, 'summary.docx'));
  expect(docx.subarray(0, 2).toString()).toBe('PK');
  const pdf = await readFile(join(dossier.home, 'summary.pdf'));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
