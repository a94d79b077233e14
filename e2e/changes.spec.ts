/**
 * The change stream: what changes in the backend, whoever changed it, appears in every open view
 * without a reload — here a second window of browser mode (as a colleague's synced edit or an
 * import finishing would), and a notebook opened in the other window.
 */
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';
import { ReaderPage } from './pages/reader';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';

test('an annotation, an entity and another notebook made in one window appear in the other without a reload', async ({ dossier }) => {
  test.skip(dossier.host !== 'browser', 'two windows on one backend is browser mode');
  const page = dossier.page;
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(HT_TITLE);
  await expect(reader.panel).toHaveAttribute('aria-busy', 'false');
  const cards = reader.panel.getByRole('article');
  const before = await cards.count();

  // The other window: the same backend, its own page.
  const other = await page.context().newPage();
  await other.goto(`${dossier.baseUrl}/#token=${dossier.token}`);
  await expect(new LibraryPage(other).list).toBeVisible();
  const call = async (channel: string, input: unknown) => {
    const r = await other.request.post(`${dossier.baseUrl}/api/${channel}`, { data: input, headers: { 'content-type': 'application/json', 'x-dossier-token': dossier.token! } });
    const body = (await r.json()) as { ok: boolean; value: unknown };
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.value;
  };
  const sources = (await call('sources:list', {})) as { id: string; title: string }[];
  const source = sources.find((s) => s.title === HT_TITLE)!;
  const { text } = (await call('sources:get', { id: source.id })) as { text: string };
  const words = 'cyber wing';
  const at = text.indexOf(words);
  expect(at).toBeGreaterThanOrEqual(0);
  await call('annotations:create', { sourceId: source.id, start: at, end: at + words.length, kind: 'passage', note: 'Made in the other window' });
  // The first window's open source shows it, without a reload or a click.
  await expect(cards).toHaveCount(before + 1);
  await expect(reader.panel).toContainText('Made in the other window');

  // An entity made there is in this window's Entities view.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Entities' }).click();
  const entities = page
    .getByRole('navigation', { name: /entities/i })
    .or(page.locator('.entity-list'))
    .first();
  await expect(entities).toBeVisible();
  await call('entities:create', { type: 'person', name: 'Anita Verghese' });
  await expect(page.getByRole('button', { name: /^Anita Verghese/ })).toBeVisible();

  // Another notebook opened there: this window's Pictures follow it.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pictures' }).click();
  await expect(page.getByRole('main', { name: 'Pictures of the notebook' }).getByRole('group', { name: /^Timeline: \d+ dated marks$/ })).toBeVisible();
  await call('notebook:create', { name: 'Budget 2005' });
  await expect(page.getByLabel('Notebook name')).toHaveText('Budget 2005');
  await expect(page.getByRole('main', { name: 'Pictures of the notebook' })).toContainText(/Nothing dated yet/);
  await dossier.screenshot('changes-other-notebook-pictures');
  await other.close();
});
