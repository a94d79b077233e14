/** Entities: rounds of the operation, linking passages, mentions, suggestions. */
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { testdata } from '../electron/backend/testing/testdata';
import { expect, test } from './fixtures/dossier';
import { EntitiesPage } from './pages/entities';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';

test('a round created under Operation P-Hunt, linked from the “268 cases” passage, leads back to it', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  // The sample ships round 20.2; the reporter deletes it to make it again, as new.
  const shipped = await entities.open('P-Hunt 20.2');
  await shipped.getByRole('button', { name: 'Delete…' }).click();
  await shipped.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(entities.list.getByRole('button', { name: /^P-Hunt 20\.2/ })).toHaveCount(0);

  await entities.create({ type: 'Operation', name: 'P-Hunt 20.2', roundOf: 'Operation P-Hunt' });
  const round = entities.entityPage('P-Hunt 20.2');
  await expect(round).toContainText('round of Operation P-Hunt');
  await expect(round).toContainText('No passage is linked to P-Hunt 20.2 yet.');
  await expect(round.getByRole('button', { name: 'find where the sources name P-Hunt 20.2' })).toBeVisible();
  const operation = await entities.open('Operation P-Hunt');
  await expect(operation.getByRole('region', { name: 'Rounds' })).toContainText('P-Hunt 20.2');

  // Link the highlighted “268 cases” passage of article 000 to the round.
  await dossier.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' }).click();
  const library = new LibraryPage(dossier.page);
  const reader = new ReaderPage(dossier.page);
  await library.open(HT_TITLE);
  const card = reader.card('registered 268 cases');
  await card.getByRole('button', { name: 'Edit' }).click();
  await reader.editor.getByRole('combobox', { name: 'Entities' }).fill('p hunt 20.2');
  await reader.editor
    .getByRole('listbox', { name: 'Matching entities' })
    .getByRole('option', { name: /^P-Hunt 20\.2/ })
    .click();
  await dossier.screenshot('entity-picker');
  await reader.editor.getByRole('button', { name: 'Save' }).click();
  await card.getByRole('list', { name: 'Linked entities' }).getByRole('button', { name: 'P-Hunt 20.2' }).click();

  const page = entities.entityPage('P-Hunt 20.2');
  await expect(page.getByRole('region', { name: 'Linked passages' })).toContainText('registered 268 cases');
  await dossier.screenshot('entity-page');
  await page.getByRole('button', { name: /registered 268 cases/ }).click();
  await expect(library.reader.getByRole('heading', { level: 1 })).toHaveText(HT_TITLE);
  await expect(reader.card('registered 268 cases')).toHaveClass(/selected/);
});

test('every unlinked mention of a round is listed with its context and linked in one action', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  const page = await entities.open('CCSE');
  await page.getByRole('button', { name: 'Find mentions in the sources' }).click();
  const mentions = page.getByRole('region', { name: 'Mentions' });
  await expect(mentions.getByRole('listitem')).toHaveCount(8);
  await expect(mentions).toContainText('Countering Child Sexual Expolitation');
  await dossier.screenshot('entity-mentions');
  await mentions.getByRole('button', { name: 'Link all 8' }).click();
  await expect(mentions).toContainText('Every place that names CCSE is linked.');
  await expect(page.getByRole('region', { name: 'Linked passages' }).getByRole('heading', { level: 2 })).toContainText('9');

  // The Annotations view stays the reporter's own: the 8 linked mentions are counted, not listed, until asked for.
  await dossier.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Annotations' }).click();
  const view = dossier.page.getByRole('main', { name: 'All annotations of the notebook' });
  await expect(view.getByRole('status')).toHaveText(/^\d+ of \d+ annotations · 8 linked mentions not listed$/);
  const rows = view.getByRole('list', { name: 'All annotations' }).locator('.annotation-row');
  const own = await rows.count();
  await dossier.screenshot('annotations-mentions-apart');
  await view.getByRole('combobox', { name: 'Linked mentions' }).selectOption('only');
  await expect(rows).toHaveCount(8);
  await view.getByRole('combobox', { name: 'Linked mentions' }).selectOption('hide');
  await expect(rows).toHaveCount(own);
  // By entity: CCSE's passages that the reporter wrote, then with its mentions.
  await view.getByRole('combobox', { name: 'Entity' }).selectOption({ label: 'CCSE (9)' });
  await expect(rows).toHaveCount(1);
  await view.getByRole('combobox', { name: 'Linked mentions' }).selectOption('show');
  await expect(rows).toHaveCount(9);
  await dossier.screenshot('annotations-by-entity');
});

test('a suggestion from the text is accepted as an alias of an entity', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  await entities.create({ type: 'Person', name: 'K Sharaf Ali' });
  await expect(entities.entityPage('K Sharaf Ali')).toBeVisible();
  await entities.list.getByRole('button', { name: 'Suggestions' }).click();
  const suggestion = dossier.page.getByRole('listitem', { name: 'Suggestion: Sharaf Ali' });
  await expect(suggestion).toContainText('K Sharaf Ali had collected pornographic material');
  await suggestion.getByRole('combobox', { name: 'Entity to add Sharaf Ali to' }).selectOption({ label: 'K Sharaf Ali' });
  await dossier.screenshot('entity-suggestions');
  await suggestion.getByRole('button', { name: 'Add as alias' }).click();
  await expect(suggestion).toHaveCount(0);
  await expect(dossier.page.getByRole('region', { name: 'Suggested entities' }).getByRole('status')).toHaveText('Added Sharaf Ali as another name of K Sharaf Ali.');
  const page = await entities.open('K Sharaf Ali');
  await expect(page).toContainText('Also written: Sharaf Ali');
});

test('suggestions are filtered by type and words, and many are added or dismissed at once, each said', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  await entities.list.getByRole('button', { name: 'Suggestions' }).click();
  const panel = dossier.page.getByRole('region', { name: 'Suggested entities' });
  const cards = panel.getByRole('listitem').filter({ has: dossier.page.getByRole('checkbox') });
  await expect(cards.first()).toBeVisible();
  const all = await cards.count();
  // Places only.
  await panel.getByRole('combobox', { name: 'Type' }).selectOption('place');
  await expect(cards.first()).toBeVisible();
  for (const label of await panel.locator('.suggestion .kind-label').allTextContents()) expect(label).toBe('Place');
  await dossier.screenshot('entity-suggestions-places');
  // Two of them added in one go.
  const names = (await panel.locator('.suggestion strong').allTextContents()).slice(0, 2);
  for (const name of names) await panel.getByRole('checkbox', { name: `Choose ${name}` }).check();
  await panel.getByRole('button', { name: 'Add 2 as new entities' }).click();
  await expect(panel.getByRole('status')).toHaveText('Added 2 new entities.');
  for (const name of names) await expect(entities.list.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first()).toBeVisible();
  await expect(panel.getByRole('listitem', { name: `Suggestion: ${names[0]}` })).toHaveCount(0);
  // Back to every type: words narrow them; those chosen are dismissed for good.
  await panel.getByRole('combobox', { name: 'Type' }).selectOption('');
  await panel.getByRole('searchbox', { name: 'Words' }).fill('ICMEC');
  await expect(panel.getByRole('listitem', { name: 'Suggestion: ICMEC' })).toBeVisible();
  await panel.getByRole('checkbox', { name: /^Choose all \d+ shown$/ }).check();
  await panel.getByRole('button', { name: /^Dismiss \d+$/ }).click();
  await expect(panel.getByRole('status')).toContainText('they will not be suggested again');
  await expect(panel.getByRole('listitem', { name: 'Suggestion: ICMEC' })).toHaveCount(0);
  await panel.getByRole('searchbox', { name: 'Words' }).fill('');
  await expect.poll(() => cards.count()).toBeLessThan(all);
  await dossier.screenshot('entity-suggestions-bulk');
});

test('a name another entity already uses is refused, and nothing is created', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  await expect(entities.list.getByRole('button', { name: /^CCSE/ })).toBeVisible();
  const count = await entities.list.getByRole('listitem').count();
  await entities.create({ type: 'Organisation', name: 'Cyber-dome' });
  await expect(dossier.page.getByRole('form', { name: 'New entity' }).getByRole('alert')).toHaveText(
    '“Cyber-dome” is already a name or alias of Kerala Police Cyberdome. Merge the two, or choose another name.',
  );
  await dossier.screenshot('entity-duplicate-name');
  await expect(entities.list.getByRole('listitem')).toHaveCount(count);
});

test('an operation’s rounds are in time order, a partial date says its precision, and no description shows an internal id', async ({ dossier }) => {
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  const operation = await entities.open('Operation P-Hunt');
  // 20.3 is dated only “2020”: it is not put before October 2020 on a guess, and says so.
  await expect(operation.getByRole('region', { name: 'Rounds' }).getByRole('listitem')).toHaveText([
    /^P-Hunt 20\.2 Oct 2020 \(day not known\)/,
    /^P-Hunt 20\.3 2020 \(month not known\)/,
    /^P-Hunt 23\.1 Feb 2023 \(day not known\)/,
  ]);
  for (const name of ['Operation P-Hunt', 'P-Hunt 20.2', 'P-Hunt 20.3', 'Manoj Abraham', 'CCSE']) {
    const page = await entities.open(name);
    await expect(page.locator('header')).not.toContainText(/\b00\d\b/);
  }
  await dossier.screenshot('entity-rounds');
});

test('on a notebook whose names were never read, the suggestions come at once with the reading’s progress, and fill in', async ({ dossier }) => {
  const pages = testdata('readability-pages', 'The suggestions’ progress on real pages');
  test.skip(!pages, 'the shared test data is absent');
  // 60 real news pages in one import; then the app is closed before it reads their names, and its cache of them is gone.
  const paths = readdirSync(pages!, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .slice(0, 60)
    .map((d) => join(pages!, d.name, 'source.html'));
  const imported = await dossier.page.request.post(`${dossier.baseUrl}/api/import:paths`, { data: { paths }, headers: { 'content-type': 'application/json', 'x-dossier-token': dossier.token! } });
  expect(imported.ok()).toBe(true);
  await dossier.restart(() => rm(join(dossier.home, 'notebooks', 'operation-p-hunt-sample', 'cache', 'entity-candidates.json'), { force: true }));
  const entities = new EntitiesPage(dossier.page);
  await entities.goto();
  await entities.list.getByRole('button', { name: 'Suggestions' }).click();
  const panel = dossier.page.getByRole('region', { name: 'Suggested entities' });
  const reading = panel.getByRole('status').filter({ hasText: 'Reading names in the sources' });
  await expect(reading).toContainText(/: \d+ of \d{2}\. (The cards below are those found so far|Cards appear here as names are found)/);
  await dossier.screenshot('entity-suggestions-reading');
  // The panel asks again while the worker reads, and the progress goes once every text is read.
  await expect(reading).toHaveCount(0, { timeout: 90_000 });
  const cards = panel.getByRole('listitem').filter({ has: dossier.page.getByRole('checkbox') });
  await expect(cards.first()).toBeVisible();
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText(/^Suggested entities \((\d{3,})\)$/);
});
