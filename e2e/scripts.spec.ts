/**
 * Text in Indian scripts shows in the fonts shipped with the app, never as boxes and never fetched
 * from the network: a Malayalam and a Hindi article pasted in (real Wikipedia paragraphs from
 * ../shared/testdata/languages), opened in the reader, load the
 * Noto faces for their scripts from the app's own origin; and a word of a Chinese article, written
 * without spaces, is found by search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testdata } from '../electron/backend/testing/testdata';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

const LANGUAGES = testdata('languages', 'The reader and search in other scripts');
const text = (file: string) => readFileSync(join(LANGUAGES!, file), 'utf8');

async function paste(page: Page, title: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: 'Or paste the text of an article' }).fill(`${title}\n\n${body}`);
  await dialog.getByRole('button', { name: 'Use pasted text' }).click();
  await dialog.getByRole('button', { name: 'Import 1 source' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** How many of the app's own faces for a script (told by its range of characters) the page has loaded. */
function loaded(page: Page, range: RegExp): Promise<number> {
  return page.evaluate(
    (source) => [...document.fonts].filter((f) => f.family.startsWith('Dossier Indic') && new RegExp(source, 'i').test(f.unicodeRange) && f.status === 'loaded').length,
    range.source,
  );
}

test.skip(!LANGUAGES, 'the shared test data is absent');

test('Malayalam and Hindi show in the fonts shipped with the app, and a Chinese word is found inside its sentence', async ({ dossier }) => {
  const page = dossier.page;
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fonts.push(r.url());
  });
  await paste(page, 'കേരളം: ഭക്ഷണവും സംസ്കാരവും', text('ml-malayalam.txt'));
  await paste(page, 'मंगल ग्रह', text('hi-hindi.txt'));
  await paste(page, '火星', text('zh-chinese.txt'));
  const library = new LibraryPage(page);
  await library.open(/കേരളം/);
  await expect(page.locator('.reader-text')).toContainText('ഭക്ഷണ');
  // The pasted text did not say its language: the reader shows the one its script tells.
  await expect(page.getByRole('combobox', { name: 'Language of this source' })).toHaveValue('ml');
  await expect.poll(() => loaded(page, /d00-d7f/i)).toBeGreaterThan(0);
  await dossier.screenshot('reader-malayalam');
  await library.open(/मंगल/);
  await expect(page.locator('.reader-text')).toContainText('ग्रह');
  await expect(page.getByRole('combobox', { name: 'Language of this source' })).toHaveValue('hi');
  await expect.poll(() => loaded(page, /900-97f/i)).toBeGreaterThan(0);
  await dossier.screenshot('reader-hindi');
  // Detection guesses; the reporter corrects it (a Marathi text is written in Devanagari too), and a tag of their own.
  const language = page.getByRole('combobox', { name: 'Language of this source' });
  await language.selectOption('mr');
  await library.open(/കേരളം/);
  await library.open(/मंगल/);
  await expect(language).toHaveValue('mr');
  await language.selectOption({ label: 'Other…' });
  await page.getByRole('textbox', { name: 'Language tag' }).fill('hi-IN');
  await page.getByRole('button', { name: 'Set' }).click();
  await expect(language).toHaveValue('hi-IN');
  // Each face declares its characters: nothing of Tamil is loaded for these pages.
  expect(await loaded(page, /b82-bfa/i)).toBe(0);
  // Every font came from the app itself.
  const origin = new URL(page.url()).origin;
  expect(fonts.length).toBeGreaterThan(0);
  for (const url of fonts) expect(new URL(url).origin).toBe(origin);

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  await palette.getByRole('searchbox', { name: 'Search the notebook' }).fill('行星');
  const source = palette.getByRole('listbox', { name: 'Sources' }).getByRole('option').first();
  await expect(source).toContainText('火星');
  await expect(source.locator('mark').first()).toContainText('行星');
  await dossier.screenshot('search-chinese');
});

test('Arabic reads right to left, and a highlight holds exactly the words selected', async ({ dossier }) => {
  const page = dossier.page;
  await paste(page, 'المريخ', text('ar-arabic.txt'));
  const library = new LibraryPage(page);
  await library.open('المريخ');
  const reader = new ReaderPage(page);
  const paragraph = reader.text.locator('p', { hasText: 'الكوكب الأحمر' });
  // Each paragraph takes its direction from its own words; the reader shows the language found.
  expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
  await expect(page.getByRole('combobox', { name: 'Language of this source' })).toHaveValue('ar');
  const words = 'الكوكب الرابع من حيث البعد عن الشمس';
  await reader.select(words);
  await page.keyboard.press('h');
  await expect(reader.text.locator('mark.hl')).toHaveText(words);
  await expect(reader.card(words)).toBeVisible();
  // The card quotes the words right to left too.
  expect(
    await reader
      .card(words)
      .locator('.quote')
      .evaluate((q) => getComputedStyle(q).direction),
  ).toBe('rtl');
  // The highlight is drawn over those words, inside the right-to-left line.
  const box = await reader.text.locator('mark.hl').boundingBox();
  const line = await paragraph.boundingBox();
  expect(box && line && box.x >= line.x && box.x + box.width <= line.x + line.width + 1).toBe(true);
  await dossier.screenshot('reader-arabic');
});
