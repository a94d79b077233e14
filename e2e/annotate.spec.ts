/** Annotating: highlights and notes that stay on their words, undo, and new versions. */
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { EntitiesPage } from './pages/entities';
import { ReaderPage } from './pages/reader';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';
/** A sentence of 000 that the sample does not annotate. */
const SENTENCE = 'Many electronic devices and phones were seized from them.';

test('a highlight with a note and the tag “figure” stays on the same words after a reload', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  await reader.annotate(SENTENCE, { note: 'Devices in round **20.2**: how many? 001 says 280', tags: ['figure'], kind: 'Figure' });
  await expect(reader.mark(SENTENCE)).toHaveText(SENTENCE);
  const card = reader.card(SENTENCE);
  await expect(card).toContainText('how many? 001 says 280');
  await expect(card.getByRole('list', { name: 'Tags' })).toHaveText('figure');
  await expect(card.locator('strong')).toHaveText('20.2');
  await dossier.screenshot('annotate-note');

  await dossier.page.reload();
  await library.open(HT_TITLE);
  await expect(reader.mark(SENTENCE)).toHaveText(SENTENCE);
  await expect(reader.mark(SENTENCE)).toHaveClass(/kind-figure/);
  await expect(reader.card(SENTENCE)).toContainText('how many? 001 says 280');
});

test('delete, then undo with Ctrl+Z, brings the annotation back as it was', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  await reader.annotate('said additional director general of police Manoj Abraham', { note: 'ADGP', tags: ['people'] });
  await reader.card('said additional director general').getByRole('button', { name: 'Delete' }).click();
  await expect(reader.card('said additional director general')).toHaveCount(0);
  await expect(dossier.page.getByRole('status').filter({ hasText: 'Annotation deleted.' })).toBeVisible();
  await dossier.page.locator('body').press('Control+z');
  await expect(reader.card('said additional director general')).toContainText('ADGP');
  await expect(reader.mark('Manoj Abraham')).toBeVisible();
});

test('overlapping and adjacent highlights both show and both open their annotation', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  // Wait until the sample's annotations of 000 are shown before counting them.
  await expect(reader.card('registered 268 cases')).toBeVisible();
  const before = await reader.panel.getByRole('article').count();
  await reader.select('Most of the arrested were found');
  await dossier.page.keyboard.press('h');
  await expect(reader.card('Most of the arrested were found')).toBeVisible();
  await reader.annotate('arrested were found to be using all kinds', { kind: 'Figure', note: 'overlap' });
  await reader.select(' of encrypted handles to upload');
  await reader.toolbar.getByRole('button', { name: /Highlight/ }).click();
  await expect(reader.panel.getByRole('article')).toHaveCount(before + 3);

  await reader.text.locator('mark', { hasText: /^Most of the $/ }).click();
  await expect(reader.card('Most of the arrested were found')).toHaveClass(/selected/);
  await reader.text.locator('mark', { hasText: /^ to be using all kinds$/ }).click();
  await expect(reader.card('arrested were found to be using')).toHaveClass(/selected/);
  await reader.text.locator('mark', { hasText: /^ of encrypted handles to upload$/ }).click();
  await expect(reader.card(' of encrypted handles to upload')).toHaveClass(/selected/);
  await dossier.screenshot('annotate-overlaps');
});

test('a new version where “268” became “269” puts the annotation under Needs review instead of moving it', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  // The sample ships a figure annotation on “registered 268 cases”.
  await expect(reader.card('registered 268 cases')).toBeVisible();
  const total = await reader.panel.getByRole('article').count();
  const text = await dossier.page.evaluate(async () => {
    const paragraphs = [...document.querySelectorAll('.reader-text p')].map((p) => p.textContent);
    return paragraphs.join('\n\n');
  });

  await dossier.page.getByRole('button', { name: 'New version…' }).click();
  const dialog = dossier.page.getByRole('dialog');
  await dialog.getByLabel('Text file').setInputFiles({ name: '000-updated.txt', mimeType: 'text/plain', buffer: Buffer.from(` date 2020-10-05 ${text.replace('268 cases', '269 cases')}`) });
  await expect(dialog.getByLabel('Or paste the new text')).toHaveValue(/269 cases/);
  await dialog.getByRole('button', { name: 'Save new version' }).click();
  await expect(dialog).toBeHidden();
  await expect(dossier.page.getByRole('status').filter({ hasText: 'New version saved' })).toContainText(
    `Of ${total} annotations: ${total - 1} unchanged, 0 moved, 0 matched approximately, 1 needs review`,
  );

  await expect(reader.review.getByRole('article')).toHaveCount(1);
  await expect(reader.review).toContainText('registered 268 cases');
  await expect(reader.review).toContainText('The text no longer says “268” where this passage was.');
  await expect(reader.mark('269')).toHaveCount(0);
  await expect(reader.mark('arrested 41 people')).toBeVisible();
  await expect(library.reader).toContainText('2 (latest shown; earlier texts kept)');
  await dossier.screenshot('annotate-needs-review');

  // The user re-attaches it to the new figure.
  await reader.review.getByRole('button', { name: 'Re-attach…' }).click();
  await reader.select('registered 269 cases');
  await reader.toolbar.getByRole('button', { name: 'Attach here' }).click();
  await expect(reader.review).toHaveCount(0);
  await expect(reader.mark('registered 269 cases')).toHaveClass(/kind-figure/);
});

test('a note that is too long cannot be saved, and says so', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  // Wait until the sample's annotations of 000 are shown before counting them.
  await expect(reader.card('registered 268 cases')).toBeVisible();
  const before = await reader.panel.getByRole('article').count();
  await reader.select('Many electronic devices');
  await dossier.page.keyboard.press('n');
  await reader.editor.getByLabel('Note').fill('x'.repeat(100_001));
  await expect(reader.editor).toContainText('Too long: 100,001 of at most 100,000 characters.');
  await expect(reader.editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dossier.screenshot('annotate-note-too-long');
  await reader.editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(reader.panel.getByRole('article')).toHaveCount(before);
});

test('the Annotations view lists, filters and opens passages across sources', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  await reader.annotate('Many electronic devices and phones were seized from them.', { kind: 'Figure', tags: ['devices'] });
  await library.open('Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded');
  await reader.annotate('led to the seizure of 280 devices', { kind: 'Figure', tags: ['devices'] });
  await reader.annotate('said Manoj Abraham IPS', { kind: 'Quote', tags: ['devices'] });

  await dossier.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Annotations' }).click();
  const list = dossier.page.getByRole('list', { name: 'All annotations' });
  const rows = list.getByRole('listitem').filter({ has: dossier.page.getByRole('button') });
  // The sample's sixteen, and three more.
  await expect(dossier.page.getByRole('status').filter({ hasText: 'annotations' })).toHaveText('19 annotations');
  // Notes are rendered as in the side panel, never as raw Markdown; a quote says who speaks.
  const row268 = rows.filter({ hasText: 'registered 268 cases' });
  await expect(row268.locator('.note-markdown strong')).toHaveText(['268', '269']);
  await expect(row268).not.toContainText('**');
  await expect(row268).toContainText('cases registered = 268 cases (P-Hunt 20.2)');
  await expect(rows.filter({ hasText: 'under observation' })).toContainText('Speaker: Manoj Abraham');
  await dossier.screenshot('annotations-view-all');
  await dossier.page.getByRole('combobox', { name: 'Tag' }).selectOption('devices');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Many electronic devices');
  await dossier.page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Event' });
  await expect(dossier.page.getByText('No annotation matches these filters.')).toBeVisible();
  await dossier.page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Quote' });
  await expect(rows).toHaveCount(1);
  await dossier.screenshot('annotations-view');
  await list.getByRole('button', { name: /said Manoj Abraham IPS/ }).click();
  await expect(library.reader.getByRole('heading', { level: 1 })).toHaveText('Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded');
  await expect(reader.card('said Manoj Abraham IPS')).toHaveClass(/selected/);
});

test('a selection that starts above the text is cut at the text’s edge', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  // Drag from the title down into the first words of the text.
  await dossier.page.evaluate(() => {
    const title = document.querySelector('.reader-header h1')!;
    const first = document.querySelector('.reader-text p')!;
    const text = first.firstChild!.firstChild as Text;
    const range = document.createRange();
    range.setStart(title.firstChild!, 3);
    range.setEnd(text, 'Most of the arrested'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    first.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await reader.toolbar.getByRole('button', { name: /Highlight/ }).click();
  await expect(reader.card('Most of the arrested')).toBeVisible();
  await expect(reader.text.locator('mark').first()).toHaveText('Most of the arrested');
});

test('a quote’s speaker is found by name or created in place, and the quote is then on the person’s page', async ({ dossier }) => {
  const page = dossier.page;
  const reader = new ReaderPage(page);
  const QUOTE = '“We will keep watching every channel until it is closed,” said Sreejith K, a cyber cell inspector.';
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: 'Or paste the text of an article' }).fill(`Cyber cell briefing on P-Hunt\n\n${QUOTE}`);
  await dialog.getByRole('button', { name: 'Use pasted text' }).click();
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await new LibraryPage(page).open('Cyber cell briefing on P-Hunt');

  await reader.select('“We will keep watching every channel until it is closed,”');
  await page.keyboard.press('n');
  await reader.editor.getByLabel('Kind').selectOption({ label: 'Quote' });
  const speaker = reader.editor.getByRole('combobox', { name: 'Speaker' });
  // A person of the notebook is found by part of the name, before any offer to create one.
  await speaker.fill('Prakash');
  const people = reader.editor.getByRole('listbox', { name: 'People' });
  await expect(people.getByRole('option').first()).toHaveText('P Prakash');
  // Esc takes back what was typed, not the whole note being written.
  await speaker.press('Escape');
  await expect(speaker).toHaveValue('');
  await expect(people).toBeHidden();
  await expect(reader.editor).toBeVisible();
  await speaker.fill('Sreejith K');
  await expect(people.getByRole('option', { name: 'Create person “Sreejith K”' })).toBeVisible();
  await dossier.screenshot('annotate-speaker-create');
  await speaker.press('ArrowDown');
  await speaker.press('Enter');
  await expect(reader.editor).toContainText('Sreejith K (new person)');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor).toBeHidden();
  await expect(reader.card('“We will keep watching')).toContainText('Speaker: Sreejith K');

  const entities = new EntitiesPage(page);
  await entities.goto();
  const person = await entities.open('Sreejith K');
  await expect(person.getByRole('region', { name: 'Linked passages' })).toContainText('We will keep watching every channel until it is closed,” — speaker');
  await dossier.screenshot('entity-speaker-page');
});

test('an entity typed in the Entities field is created on save, and a name typed but not chosen is never dropped without a word', async ({ dossier }) => {
  const page = dossier.page;
  const reader = new ReaderPage(page);
  await new LibraryPage(page).open(HT_TITLE);
  await reader.select('registered 268 cases');
  await page.keyboard.press('n');
  const field = reader.editor.getByRole('combobox', { name: 'Entities' });
  // Typed and not chosen: saving says so, and keeps the editor open with the name.
  await field.fill('Europol');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor.getByRole('alert')).toContainText('“Europol” is typed in Entities but not chosen');
  await expect(field).toHaveValue('Europol');
  const list = reader.editor.getByRole('listbox', { name: 'Matching entities' });
  await expect(list.getByRole('option', { name: 'Create “Europol” as an organisation' })).toBeVisible();
  await dossier.screenshot('annotate-entity-create');
  await list.getByRole('option', { name: 'Create “Europol” as an organisation' }).click();
  await expect(reader.editor).toContainText('Europol (new organisation)');
  await expect(field).toHaveValue('');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor).toBeHidden();
  await expect(page.getByRole('article', { name: 'Passage: registered 268 cases' })).toContainText('Europol');

  const entities = new EntitiesPage(page);
  await entities.goto();
  const made = await entities.open('Europol');
  await expect(made).toContainText('Organisation');
  await expect(made.getByRole('region', { name: 'Linked passages' })).toContainText('registered 268 cases');
});

test('a selection with an unmatched quotation mark is offered the balanced passage, never changed silently, and warned of in the fact sheet', async ({ dossier }) => {
  const page = dossier.page;
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(HT_TITLE);
  // The opening mark of Abraham's quote, selected without its closing one.
  await reader.select('“The biggest impact of the pandemic, besides health issues, is online crime. True, lockdown has increased digital usage');
  const offer = reader.toolbar.getByRole('group', { name: 'Quotation marks' });
  await expect(offer).toContainText('The passage opens “ without closing it.');
  await dossier.screenshot('annotate-marks-offer');
  await offer.getByRole('button', { name: 'Take in the closing ”' }).click();
  await expect(offer).toBeHidden();
  await page.keyboard.press('h');
  await expect(reader.card('“The biggest impact of the pandemic')).toBeVisible();
  await expect(reader.mark('as many are repeat offenders,”')).toBeVisible();

  // In the editor: the offer is there too; kept as selected, the passage is saved as it is and the fact sheet warns.
  await library.open('Kerala police arrest 11 in third round of crackdown on child pornography');
  await reader.select('under operation “P Hunt');
  await page.keyboard.press('n');
  const editorOffer = reader.editor.getByRole('group', { name: 'Quotation marks' });
  await expect(editorOffer).toContainText('The passage opens “ without closing it.');
  await expect(editorOffer.getByRole('button', { name: 'Leave out the “' })).toBeVisible();
  await editorOffer.getByRole('button', { name: 'Take in the closing ”' }).click();
  await expect(reader.editor.locator('.editor-quote')).toHaveText('under operation “P Hunt”');
  await expect(editorOffer).toBeHidden();
  await reader.editor.getByRole('button', { name: 'Cancel' }).click();

  await reader.select('“P Hunt');
  await page.keyboard.press('n');
  await reader.editor.getByLabel('Kind').selectOption({ label: 'Quote' });
  await reader.editor.getByRole('combobox', { name: 'Entities' }).fill('Operation P-Hunt');
  await reader.editor.getByRole('combobox', { name: 'Entities' }).press('Enter');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor).toBeHidden();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' }).click();
  const quotes = page.getByRole('main', { name: 'Fact sheet' }).getByRole('region', { name: 'Quotes' });
  await expect(quotes).toContainText('“P Hunt (⚠ Check the quotation marks: the passage opens “ without closing it.)');
  // The sample's own quotes balance: no warning, and no mark added after an attribution.
  await expect(quotes.getByText('⚠ Check the quotation marks')).toHaveCount(1);
  await expect(quotes).toContainText('“We have arrested 11 persons now and many are under observation,”');
  await quotes.scrollIntoViewIfNeeded();
  await dossier.screenshot('factsheet-marks-warning');
});

test('a passage is annotated with the keyboard alone: j to a source, / to select its words, N, a note, Ctrl+Enter', async ({ dossier }) => {
  const page = dossier.page;
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await expect(library.list.getByRole('option')).toHaveCount(5);
  await page.locator('body').press('j');
  await expect(library.reader.getByRole('heading', { level: 1 })).toHaveText('Kerala police arrest 11 in third round of crackdown on child pornography');
  await expect(reader.panel).toHaveAttribute('aria-busy', 'false');
  await page.locator('body').press('/');
  const finder = page.getByRole('search', { name: 'Select words in this source' });
  await finder.getByRole('textbox', { name: 'Select the words' }).pressSequentially('UNDER THE scanner of');
  await expect(finder.getByRole('status')).toHaveText(/^Found\./);
  await expect(page.locator('mark.search-hit')).toHaveText(/^under the scanner of$/i);
  await dossier.screenshot('annotate-keyboard-find');
  await page.keyboard.press('Escape');
  await expect(finder).toBeHidden();
  // Selected now: the selection's toolbar is there, and its keys work.
  await expect(reader.toolbar).toBeVisible();
  await page.keyboard.press('n');
  await expect(reader.editor).toBeVisible();
  await expect(reader.editor.locator('.editor-quote')).toHaveText(/^under the scanner of$/i);
  await page.keyboard.type('Typed without a mouse.');
  await page.keyboard.press('Control+Enter');
  await expect(reader.editor).toBeHidden();
  await expect(reader.card('under the scanner of')).toContainText('Typed without a mouse.');
  // Words that are not in the source say so, and select nothing.
  await page.locator('body').press('/');
  await finder.getByRole('textbox', { name: 'Select the words' }).fill('no such words here');
  await expect(finder.getByRole('status')).toHaveText('These words are not in this source.');
});
