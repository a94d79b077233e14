/**
 * Team notebooks, as two reporters use them side by side: Asha shares the sample notebook through
 * the team's CouchDB server from Notebook → Share…, Ben joins it from his own Dossier, a highlight
 * Asha makes appears on Ben's screen without a reload, and when both edit the same note while
 * Asha's laptop is offline, the header says so and the Conflicts panel shows both versions with
 * their authors until Asha combines them — for Ben too. Undo takes back only a reporter's own
 * edit: over a colleague's later edit of the same note it says who, and changes nothing.
 *
 * Each reporter is a browser-mode host of their own (their own data folder) in Chromium; the
 * server is the in-memory CouchDB-protocol server of the unit tests (or COUCHDB_URL), and Asha
 * reaches it through a proxy the test can cut, as a train tunnel would.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { startCouchServer, type CouchServer } from '../electron/backend/testing/couch-server';
import { startProxy, type Proxy } from '../electron/backend/testing/tcp-proxy';
import { openInBrowser, type RunningDossier } from './fixtures/hosts';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';
const SENTENCE = 'Many electronic devices and phones were seized from them.';

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'browser', 'two reporters side by side run as two browser-mode hosts; the desktop app shares through the same backend');
});

let couch: CouchServer;
test.beforeAll(async () => {
  couch = await startCouchServer();
});
test.afterAll(async () => {
  await couch?.close();
});

interface Reporter {
  page: Page;
  name: string;
  stop(): Promise<void>;
}

const running: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop().catch(() => undefined);
});

async function reporter(browser: Browser, name: string): Promise<Reporter> {
  const home = await mkdtemp(join(tmpdir(), `dossier-e2e-${name.split(' ')[0].toLowerCase()}-`));
  // A healed network is noticed within a second, as the unit tests do.
  const dossier: RunningDossier = await openInBrowser(browser, home, [], { DOSSIER_SYNC_RETRY_MAX_MS: '1000' });
  running.push(async () => {
    await dossier.stop();
    await rm(home, { recursive: true, force: true });
  });
  await expect(dossier.page.getByRole('button', { name: 'Notebook ▾' })).toBeVisible();
  return { page: dossier.page, name, stop: dossier.stop };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/browser-sharing-${name}.png` });
}

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where}: ${v.id} — ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function openShare(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Share…' }).click();
  return page.getByRole('dialog');
}

async function fillServer(dialog: Locator, who: Reporter, server: string, database: string): Promise<void> {
  await dialog.getByLabel('Your name, as colleagues see it beside your edits').fill(who.name);
  await dialog.getByLabel('Server address').fill(server);
  await dialog.getByLabel('Database').fill(database);
  await dialog.getByLabel('Your name on the server').fill(couch.auth?.username ?? '');
  await dialog.getByLabel('Password').fill(couch.auth?.password ?? '');
}

/** A colleague joins the notebook shared in `database` from their own Dossier, straight to the server. */
async function joiner(browser: Browser, name: string, database: string): Promise<Reporter> {
  const who = await reporter(browser, name);
  const dialog = await openShare(who.page);
  await dialog.getByRole('radio', { name: 'Join a notebook colleagues share' }).check();
  await fillServer(dialog, who, couch.server, database);
  await dialog.getByRole('button', { name: 'Join notebook' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  return who;
}

/** Asha shares the sample, Ben joins it, both read the HT article, and Asha's highlight of SENTENCE has reached Ben. */
async function twoReportersOnOnePassage(browser: Browser) {
  const database = couch.newDatabase();
  const asha = await reporter(browser, 'Asha Menon');
  const dialog = await openShare(asha.page);
  await fillServer(dialog, asha, couch.server, database);
  await dialog.getByRole('button', { name: 'Share notebook' }).click();
  await expect(dialog.getByRole('heading', { name: 'Sharing' })).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const ben = await joiner(browser, 'Ben Thomas', database);
  await new LibraryPage(asha.page).open(HT_TITLE);
  await new LibraryPage(ben.page).open(HT_TITLE);
  const aReader = new ReaderPage(asha.page);
  const bReader = new ReaderPage(ben.page);
  await aReader.annotate(SENTENCE, { note: 'first' });
  await expect(bReader.card(SENTENCE)).toContainText('first', { timeout: 30_000 });
  return { asha, ben, aReader, bReader };
}

/** The header's sync button, whose accessible name is the state in words. */
const syncButton = (page: Page) => page.getByRole('button', { name: /^Sharing: / });

async function editNote(reader: ReaderPage, note: string): Promise<void> {
  await reader.card(SENTENCE).getByRole('button', { name: 'Edit' }).click();
  await expect(reader.editor).toBeVisible();
  await reader.editor.getByLabel('Note').fill(note);
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await expect(reader.editor).toBeHidden();
}

test('Asha shares the notebook, Ben joins it, edits travel, and a conflict is shown with both authors until Asha combines it', async ({ browser }) => {
  test.setTimeout(240_000);
  const net: Proxy = await startProxy(couch.server);
  running.push(() => net.close());
  const database = couch.newDatabase();
  const found: string[] = [];

  // Asha shares the sample notebook.
  const asha = await reporter(browser, 'Asha Menon');
  const dialog = await openShare(asha.page);
  await expect(dialog.getByRole('heading', { name: 'Share or join a notebook' })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Share this notebook' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Share notebook' })).toBeDisabled();
  await fillServer(dialog, asha, net.server, database);
  await screenshot(asha.page, 'share-dialog');
  found.push(...(await seriousViolations(asha.page, 'Share dialog')));
  await dialog.getByRole('button', { name: 'Share notebook' }).click();
  await expect(dialog.getByRole('heading', { name: 'Sharing' })).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText(`database ${database}`);
  await expect(dialog.getByRole('status').filter({ hasText: /^Shared: / })).toBeVisible();
  await expect(dialog).toContainText('Your password is kept');
  await screenshot(asha.page, 'shared');
  found.push(...(await seriousViolations(asha.page, 'Sharing dialog')));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(syncButton(asha.page)).toHaveAccessibleName(/^Sharing: Synced with 127\.0\.0\.1:\d+/, { timeout: 30_000 });

  // Ben joins it from his own Dossier (straight to the server), and gets the whole notebook.
  const ben = await joiner(browser, 'Ben Thomas', database);
  await expect(syncButton(ben.page)).toHaveAccessibleName(/^Sharing: Synced/, { timeout: 30_000 });
  const aLibrary = new LibraryPage(asha.page);
  const bLibrary = new LibraryPage(ben.page);
  await expect(bLibrary.list).toBeVisible();
  await bLibrary.open(HT_TITLE);
  await aLibrary.open(HT_TITLE);

  // Asha highlights a sentence; it appears on Ben's screen, which he did not reload.
  const aReader = new ReaderPage(asha.page);
  const bReader = new ReaderPage(ben.page);
  await aReader.annotate(SENTENCE, { note: 'first' });
  await expect(bReader.card(SENTENCE)).toContainText('first', { timeout: 30_000 });
  await expect(bReader.mark(SENTENCE)).toBeVisible();

  // Asha's laptop goes offline; both change the same note.
  net.cut();
  await expect(syncButton(asha.page)).toHaveAccessibleName(/^Sharing: Offline since .* can be reached\.$/, { timeout: 30_000 });
  await editNote(aReader, 'Asha: 268 cases (Mathrubhumi)');
  await expect(syncButton(asha.page)).toHaveText(/Offline · 1 waiting/, { timeout: 30_000 });
  await screenshot(asha.page, 'offline');
  await editNote(bReader, 'Ben: The Hindu says 269');
  await expect(syncButton(ben.page)).toHaveAccessibleName(/^Sharing: Synced/, { timeout: 30_000 });

  // Back online: the conflict is counted in the header, and the panel shows both versions by author.
  net.heal();
  const badge = asha.page.getByRole('button', { name: '1 conflict' });
  await expect(badge).toBeVisible({ timeout: 45_000 });
  await screenshot(asha.page, 'conflict-badge');
  await badge.click();
  const panel = asha.page.getByRole('dialog', { name: 'Conflicts' });
  const versions = panel.getByRole('group', { name: 'Versions' });
  await expect(versions.getByRole('region', { name: 'Asha Menon’s version' })).toContainText('Asha: 268 cases (Mathrubhumi)');
  await expect(versions.getByRole('region', { name: 'Ben Thomas’s version' })).toContainText('Ben: The Hindu says 269');
  await expect(panel.getByRole('heading', { level: 3 })).toContainText(`An annotation: “${SENTENCE}”`);
  // Nothing was chosen for her: her screen still shows one of the two, and both are kept.
  await screenshot(asha.page, 'conflicts-panel');
  found.push(...(await seriousViolations(asha.page, 'Conflicts panel')));

  await panel.getByRole('button', { name: 'Combine the notes…' }).click();
  const combined = panel.getByLabel('Combined note');
  await expect(combined).toHaveValue(/Asha: 268 cases \(Mathrubhumi\)[\s\S]*Ben: The Hindu says 269|Ben: The Hindu says 269[\s\S]*Asha: 268 cases \(Mathrubhumi\)/);
  await combined.fill('268 (Mathrubhumi) vs 269 (The Hindu): cite both');
  await screenshot(asha.page, 'conflicts-combine');
  await panel.getByRole('button', { name: 'Keep the combined version' }).click();
  await expect(panel).toContainText('No conflicts: nothing was changed on two laptops at once.');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(badge).toBeHidden();
  await expect(aReader.card(SENTENCE)).toContainText('268 (Mathrubhumi) vs 269 (The Hindu): cite both');

  // Settled for the whole team: Ben sees the combined note and no conflict.
  await expect(bReader.card(SENTENCE)).toContainText('268 (Mathrubhumi) vs 269 (The Hindu): cite both', { timeout: 30_000 });
  // Who wrote what stays visible: Asha made the highlight, and the combined note is hers.
  await expect(bReader.card(SENTENCE).locator('.card-author')).toHaveText('Asha Menon');
  await expect(ben.page.getByRole('button', { name: /conflict/ })).toHaveCount(0);
  await expect(syncButton(ben.page)).toHaveAccessibleName(/^Sharing: Synced/, { timeout: 30_000 });
  await screenshot(ben.page, 'ben-settled');

  // In the Annotations view, Ben lists what each made or changed.
  await bReader.annotate('said additional director general of police Manoj Abraham', { note: 'ADGP: who is quoted' });
  await ben.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Annotations' }).click();
  const view = ben.page.getByRole('main', { name: 'All annotations of the notebook' });
  const by = view.getByLabel('Made or changed by');
  await expect(by.locator('option')).toHaveText(['Anyone', 'Asha Menon', 'Ben Thomas']);
  await by.selectOption({ label: 'Asha Menon' });
  await expect(view.getByRole('status')).toHaveText(/^1 of \d+ annotations$/);
  await expect(view.getByRole('listitem')).toHaveCount(1);
  await expect(view.getByRole('listitem')).toContainText('by Asha Menon');
  await expect(view.getByRole('listitem')).toContainText('268 (Mathrubhumi) vs 269 (The Hindu): cite both');
  await by.selectOption({ label: 'Ben Thomas' });
  await expect(view.getByRole('listitem')).toHaveCount(1);
  await expect(view.getByRole('listitem')).toContainText('ADGP: who is quoted');
  await screenshot(ben.page, 'annotations-by-author');
  expect(found).toEqual([]);
});

test('a server that refuses the password is said in the Share dialog, and the notebook stays unshared', async ({ browser }) => {
  test.skip(!couch.auth, 'the CouchDB at COUCHDB_URL takes no password');
  const asha = await reporter(browser, 'Asha Menon');
  const dialog = await openShare(asha.page);
  await fillServer(dialog, asha, couch.server, couch.newDatabase());
  await dialog.getByLabel('Password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Share notebook' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/refused the name or password/, { timeout: 30_000 });
  await expect(dialog.getByRole('heading', { name: 'Share or join a notebook' })).toBeVisible();
  await screenshot(asha.page, 'share-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(syncButton(asha.page)).toHaveCount(0);
});

test('Undo takes back only the reporter’s own edit: after a colleague changed the same note, it says who and changes nothing', async ({ browser }) => {
  test.setTimeout(180_000);
  const { asha, ben, aReader, bReader } = await twoReportersOnOnePassage(browser);
  await editNote(aReader, 'Asha: 268 cases');
  await expect(bReader.card(SENTENCE)).toContainText('Asha: 268 cases', { timeout: 30_000 });
  await editNote(bReader, 'Ben: The Hindu says 269');
  await expect(aReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269', { timeout: 30_000 });

  // Asha presses Ctrl+Z for her edit: Ben's note is not hers to take back.
  await asha.page.locator('body').press('Control+z');
  await expect(asha.page.getByRole('alert')).toContainText('Ben Thomas changed this annotation’s note since your edit, so it was not undone: nothing was changed.');
  await screenshot(asha.page, 'undo-refused');
  await expect(aReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269');
  // Nothing waits to be sent from Asha's laptop, and Ben's note stands at his.
  await expect(syncButton(asha.page)).toHaveAccessibleName(/^Sharing: Synced/, { timeout: 30_000 });
  await expect(bReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269');
  await expect(ben.page.getByRole('button', { name: /conflict/ })).toHaveCount(0);
});

test('a snapshot restored on Asha’s laptop keeps what Ben changed since, and says so', async ({ browser }) => {
  test.setTimeout(180_000);
  const { asha, aReader, bReader } = await twoReportersOnOnePassage(browser);
  // The Snapshots dialog, each time it is open (a locator is looked up when used).
  const dialog = asha.page.getByRole('dialog');

  // Asha takes a snapshot; then Ben changes the note, and Asha sees it.
  await asha.page.getByRole('button', { name: 'Notebook ▾' }).click();
  await asha.page.getByRole('menuitem', { name: 'Snapshots…' }).click();
  await dialog.getByRole('button', { name: 'Take a snapshot now' }).click();
  await expect(dialog.getByRole('status')).toContainText('Took a snapshot');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await editNote(bReader, 'Ben: The Hindu says 269');
  await expect(aReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269', { timeout: 30_000 });

  // Asha restores the snapshot: the dialog says what a restore does in a shared notebook.
  await asha.page.getByRole('button', { name: 'Notebook ▾' }).click();
  await asha.page.getByRole('menuitem', { name: 'Snapshots…' }).click();
  await dialog.getByRole('button', { name: /^Restore the snapshot of / }).click();
  const question = dialog.getByRole('group', { name: 'Restore this snapshot?' });
  await expect(question).toContainText('This notebook is shared: only your own edits since then are rolled back');
  await expect(question.getByRole('checkbox', { name: /Roll back what colleagues changed since as well/ })).not.toBeChecked();
  // Before she chooses, she sees what Ben changed since: kept, or rolled back for everyone if she ticks the box.
  const theirs = question.getByRole('list', { name: 'What colleagues changed since then' });
  await expect(theirs.getByRole('listitem')).toHaveCount(1);
  await expect(theirs).toContainText(`Ben Thomas changed the highlight “${SENTENCE}`);
  await expect(question).toContainText('Since then, colleagues made this change, which the restore keeps');
  await question.getByRole('checkbox', { name: /Roll back what colleagues changed since as well/ }).check();
  await expect(question).toContainText('This change by a colleague will be rolled back for everyone');
  await screenshot(asha.page, 'snapshot-restore-shared-for-team');
  await question.getByRole('checkbox', { name: /Roll back what colleagues changed since as well/ }).uncheck();
  await screenshot(asha.page, 'snapshot-restore-shared');
  await question.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('status')).toContainText('1 record that colleagues changed since (Ben Thomas) was kept as it is', { timeout: 60_000 });
  await screenshot(asha.page, 'snapshot-restored-shared');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(aReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269');
  await expect(bReader.card(SENTENCE)).toContainText('Ben: The Hindu says 269');
});
