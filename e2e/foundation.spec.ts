/** The foundation's journeys: first start on the sample, reading, notebooks that survive restarts. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { NotebookPage } from './pages/notebook';

const TITLES = [
  'Kerala police arrest 11 in third round of crackdown on child pornography',
  'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’',
  'Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded',
  '‘P-HUNT 23.1’: 12 arrested, 142 cases filed, 270 devices seized',
  'Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested',
];

test('first start shows the five sample articles with their dates, 002 undated', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  await expect(new NotebookPage(dossier.page).name).toHaveText('Operation P-Hunt (sample)');
  await expect(library.list.getByRole('option')).toHaveCount(5);
  expect(await library.titles()).toEqual(TITLES);
  await expect(library.source(/registers 268 cases/)).toContainText('5 Oct 2020 · 396 words · Hindustan Times');
  await expect(library.source(/P-HUNT 23\.1/)).toContainText('27 Feb 2023 · 375 words · Outlet not named');
  await expect(library.source(/P-Hunt_20\.3/)).toContainText('Undated');
  // The undated article is never given today's date.
  await expect(library.list).not.toContainText(String(new Date().getFullYear()));
  await expect(dossier.page.getByText(/^Select a source in the list to read it/)).toBeVisible();
  await dossier.screenshot('library-first-start');
  if (dossier.baseUrl) {
    // Nothing left the machine: every request went to the local host.
    expect(dossier.requests.filter((u) => !u.startsWith(dossier.baseUrl!))).toEqual([]);
  }
});

test('opening article 001 shows its full text in paragraphs, as text', async ({ dossier }) => {
  const library = new LibraryPage(dossier.page);
  await library.open(TITLES[2]);
  await expect(library.reader).toContainText('10 Oct 2020');
  await expect(library.reader).toContainText('Not named in the source');
  const paragraphs = library.paragraphs();
  await expect(paragraphs).toHaveCount(6);
  await expect(paragraphs.first()).toHaveText(/^Thiruvananthapuram: The Kerala Police had statewide raids/);
  await expect(paragraphs.nth(2)).toContainText('recorded 269 cases under the Information Technology (IT) Act');
  await expect(paragraphs.last()).toContainText('said a press release by the P-Hunt team.');
  await dossier.screenshot('reader-001');

  // The caption of 000 and the "First Published" line of 003 are kept as received.
  await library.open(TITLES[1]);
  await expect(library.paragraphs().first()).toContainText('(HT representative photo)');
  await library.open(TITLES[0]);
  await expect(library.paragraphs().last()).toHaveText('First Published: Oct 13, 2019 16:32 IST');
  await library.open(TITLES[4]);
  await expect(library.reader.locator('.reader-meta')).toContainText('Undated');
});

test('a new notebook, renamed, survives a restart of the backend', async ({ dossier }) => {
  const notebook = new NotebookPage(dossier.page);
  await notebook.create('Election finance');
  // An empty notebook says how to fill it, and the way in is one click.
  await expect(dossier.page.getByText(/This notebook has no sources yet\. Bring in the articles of the story/)).toBeVisible();
  await dossier.page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: 'Import files…' }).click();
  await expect(dossier.page.getByRole('dialog', { name: 'Import files' })).toBeVisible();
  await dossier.page.keyboard.press('Escape');
  await expect(dossier.page.getByRole('dialog', { name: 'Import files' })).toBeHidden();
  await notebook.rename('Kerala CSAM follow-up');
  await dossier.screenshot('notebook-renamed-empty');

  const page = await dossier.restart();
  const after = new NotebookPage(page);
  await expect(after.name).toHaveText('Kerala CSAM follow-up');
  await expect(page.getByText(/This notebook has no sources yet\./)).toBeVisible();

  // The sample is still there, in the recent list, with its five sources.
  const dialog = await after.command('Open notebook…');
  await dossier.screenshot('open-dialog');
  await dialog.getByRole('button', { name: /Operation P-Hunt \(sample\)/ }).click();
  await expect(after.name).toHaveText('Operation P-Hunt (sample)');
  await expect(new LibraryPage(page).list.getByRole('option')).toHaveCount(5);
});

test('bad input in a dialog gets a clear error and changes nothing', async ({ dossier }) => {
  const notebook = new NotebookPage(dossier.page);
  const dialog = await notebook.command('Open notebook…');
  await dialog.getByLabel('Notebook folder').fill('/no/such/folder');
  await dialog.getByRole('button', { name: 'Open folder' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('There is no folder at /no/such/folder.');
  await dossier.screenshot('open-error');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(notebook.name).toHaveText('Operation P-Hunt (sample)');
  await expect(new LibraryPage(dossier.page).list.getByRole('option')).toHaveCount(5);
});

test('recreating the sample keeps the old one as a backup and opens a fresh copy', async ({ dossier }) => {
  const notebook = new NotebookPage(dossier.page);
  await notebook.rename('Sample with my edits');
  const dialog = await notebook.command('Recreate sample notebook…');
  await expect(dialog).toContainText('renamed to a dated backup');
  await dialog.getByRole('button', { name: 'Recreate sample' }).click();
  await expect(notebook.name).toHaveText('Operation P-Hunt (sample)');
  await expect(new LibraryPage(dossier.page).list.getByRole('option')).toHaveCount(5);
});

test('browser mode refuses an API request without the token', async ({ dossier }) => {
  test.skip(dossier.host !== 'browser', 'the token guards browser mode only');
  const response = await dossier.page.request.post(`${dossier.baseUrl}/api/sources:list`, { data: {}, headers: { 'content-type': 'application/json' } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // A page opened without the key says what to do instead of showing an empty app.
  const page = await dossier.page.context().newPage();
  await page.goto(`${dossier.baseUrl}/`);
  await expect(page.getByRole('alert')).toContainText('opened without its key');
  await page.screenshot({ path: 'e2e/screenshots/browser-no-token.png' });
});

test('a damaged source file is set aside with a clear notice, restored from the open cache saying from when, and the notebook opens', async ({ dossier }) => {
  const shard = join(dossier.home, 'notebooks', 'operation-p-hunt-sample', 'sources', '004_5f1f928ad2ca457a.json');
  const page = await dossier.restart(async () => {
    const text = await readFile(shard, 'utf8');
    await writeFile(shard, text.slice(0, 200));
  });
  const library = new LibraryPage(page);
  // The sample was closed once (its open cache written): the damaged source comes back from it.
  await expect(library.list.getByRole('option')).toHaveCount(5);
  const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(notice).toContainText('sources/004_5f1f928ad2ca457a.json');
  await expect(notice).toContainText('not valid JSON');
  await expect(notice).toContainText('Could not read the file of “‘P-HUNT 23.1’: 12 arrested, 142 cases filed, 270 devices seized”');
  await expect(notice).toContainText(/It was restored as it was on \d{4}-\d\d-\d\d \d\d:\d\d UTC, from the notebook's open cache/);
  await expect(notice).toContainText('Kept at quarantine/004_5f1f928ad2ca457a.json.');
  await dossier.screenshot('damaged-shard-notice');
  await library.open(TITLES[1]);
});

test('an imported page full of scripts runs nothing and sends nothing when it is read', async ({ dossier }) => {
  test.skip(dossier.host !== 'browser', 'the import is driven over the browser-mode API here; the import dialog comes with the import UI');
  const page = dossier.page;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const fixture = join(process.cwd(), 'electron/backend/import/fixtures/hostile-article.html');
  const response = await page.request.post(`${dossier.baseUrl}/api/import:paths`, {
    data: { paths: [fixture] },
    headers: { 'content-type': 'application/json', 'x-dossier-token': dossier.token! },
  });
  expect((await response.json()).value.outcomes[0]).toMatchObject({ status: 'imported', title: 'Kerala police arrest 41 in P-Hunt raids' });
  await page.reload();
  const library = new LibraryPage(page);
  await library.open('Kerala police arrest 41 in P-Hunt raids');
  await expect(library.reader).toContainText('registered 268 cases');
  await expect(library.reader).toContainText('Example Daily');
  await expect(library.reader.locator('script, iframe, img, form, object, embed')).toHaveCount(0);
  await dossier.screenshot('imported-hostile-page');
  expect(dialogs).toEqual([]);
  const outside = dossier.requests.filter((u) => !u.startsWith(dossier.baseUrl!));
  expect(outside).toEqual([]);
});
