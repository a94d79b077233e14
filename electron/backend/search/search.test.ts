/**
 * Search over the API on the sample notebook: the relevance table the issue asks for (what must be
 * in the top three), filters and their messages, and the index kept current by every change —
 * through the worker thread the app really uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api/contract';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
const HT = '000_7baca0de28e0a4fd';
const NIE = '001_60f2b3d7fc804a95';
const HINDU_ROUND = '002_a01556cca16e92d0';
const ROUND_11 = '003_b6ce8270c2cda9db';
const ROUND_23 = '004_5f1f928ad2ca457a';

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const search = (query: string, asYouType = false) => t.call('search:query', { query, limit: 10, asYouType });
type Results = Output<'search:query'>;
const top3 = <T>(list: T[]) => list.slice(0, 3);
const marked = (h: { text: string; ranges: [number, number][] }) => h.ranges.map(([s, e]) => h.text.slice(s, e));

/** The relevance table: each query, and what must be among its first three results. */
const TABLE: { query: string; entity?: string; annotation?: string; source?: string }[] = [
  { query: 'cyberdom', entity: 'Kerala Police Cyberdome', source: HT },
  { query: 'abrahm', entity: 'Manoj Abraham', annotation: 'The biggest impact of the pandemic', source: HT },
  { query: 'telegarm', entity: 'Telegram', source: ROUND_11 },
  { query: 'p hunt 20.2', entity: 'P-Hunt 20.2', annotation: 'registered 268 cases', source: HT },
  { query: 'P-HUNT_20.2', entity: 'P-Hunt 20.2' },
  { query: 'p hunt 20.3', entity: 'P-Hunt 20.3', source: HINDU_ROUND },
  { query: 'P Hunt 23.1', entity: 'P-Hunt 23.1', annotation: 'at least 270 devices', source: ROUND_23 },
  { query: '268', annotation: 'registered 268 cases', source: HT },
  { query: '"child sexual abuse material"', source: NIE },
  { query: 'countering child sexual expolitation', entity: 'CCSE', source: ROUND_23 },
  { query: 'pocso', entity: 'POCSO Act', annotation: 'recorded 269 cases' },
  { query: 'section 67b', entity: 'IT Act, section 67B', annotation: 'All the 11 people have been charged' },
  { query: 'interpol', entity: 'Interpol' },
];

describe('relevance on the sample notebook', () => {
  for (const row of TABLE) {
    it(`“${row.query}” finds ${[row.entity, row.annotation && `“${row.annotation}…”`, row.source].filter(Boolean).join(', ')}`, async () => {
      const r = await search(row.query);
      expect(r.problems).toEqual([]);
      if (row.entity) expect(top3(r.entities).map((e) => e.name.text)).toContain(row.entity);
      if (row.annotation) expect(top3(r.annotations).some((a) => a.quote.text.includes(row.annotation!))).toBe(true);
      if (row.source) expect(top3(r.sources).map((s) => s.id)).toContain(row.source);
    });
  }

  it('highlights the words a typo matched, as the text spells them', async () => {
    const r = await search('abrahm');
    expect(marked(r.entities[0].name)).toEqual(['Abraham']);
    const ht = r.sources.find((s) => s.id === HT)!;
    expect(marked(ht.snippet)).toContain('Abraham');
    // The hit is where the reader opens: the text there is the word.
    const text = (await t.call('sources:get', { id: HT })).text;
    expect(text.slice(ht.hit!.start, ht.hit!.end)).toBe('Abraham');
    // His quotes do not name him (the sample quotes the words he said): they come by their link to him, and say so.
    expect(r.annotations.map((a) => a.quote.text.slice(0, 20)).sort()).toEqual(['The biggest impact o', '“We have arrested 11']);
    for (const a of r.annotations) expect([a.linkedTo, marked(a.quote)]).toEqual(['Manoj Abraham', []]);
  });

  it('combines a speaker’s name, typo and all, with kind:quote: the README’s “abrahm kind:quote”', async () => {
    for (const query of ['abrahm kind:quote', 'manoj kind:quote', 'kind:quote abraham']) {
      const r = await search(query);
      expect(r.problems, query).toEqual([]);
      expect(r.annotations.map((a) => [a.kind, a.linkedTo, a.quote.text.slice(0, 20)]).sort(), query).toEqual([
        ['quote', 'Manoj Abraham', 'The biggest impact o'],
        ['quote', 'Manoj Abraham', '“We have arrested 11'],
      ]);
      // The filter is on annotations: no entity is listed beside them.
      expect(r.entities, query).toEqual([]);
    }
    // His name with a kind he has no passage of finds nothing rather than everything.
    expect((await search('abrahm kind:event')).annotations).toEqual([]);
  });

  it('ranks an exact word above the typo matches of another', async () => {
    // "arrested" is in every article; "arrests" (two letters off) is in the titles of some.
    const r = await search('arrested');
    const first = r.sources[0];
    expect(marked(first.snippet).map((w) => w.toLowerCase())).toContain('arrested');
  });

  it('combines filters: the figures of round 20.2 are 268 in one outlet and 269 in another', async () => {
    const r = await search('kind:figure entity:"p hunt 20.2"');
    expect(r.annotations.map((a) => a.quote.text).sort()).toEqual([
      'arrested 41 people',
      'have arrested 41 people',
      'led to the seizure of 280 devices',
      'recorded 269 cases under the Information Technology (IT) Act and Protection of Children from Sexual Offences (POCSO) Act',
      'registered 268 cases',
    ]);
    expect(r.sources).toEqual([]);
    expect(r.entities).toEqual([]);
  });

  it('takes in an operation’s rounds, and dates and negations', async () => {
    const operation = await search('entity:"Operation P-Hunt" kind:figure');
    // Every figure of the sample is about a round of the operation.
    expect(operation.annotations).toHaveLength(9);
    const after = await search('arrested after:2021');
    expect(after.sources.map((s) => s.id)).toEqual([ROUND_23]);
    const without = await search('arrested -whatsapp');
    for (const s of without.sources) expect((await t.call('sources:get', { id: s.id })).text.toLowerCase()).not.toContain('whatsapp');
    expect(without.sources.length).toBeGreaterThan(0);
  });

  it('answers a malformed query with its problems and a best-effort search', async () => {
    const r: Results = await search('raids author:police kind:photo "596 locations');
    expect(r.problems).toHaveLength(3);
    expect(r.sources.map((s) => s.id)).toEqual([HINDU_ROUND]);
  });

  it('refuses a query that is not text, changing nothing', async () => {
    expect((await t.refusal('search:query', { query: 42 })).code).toBe('INVALID_INPUT');
    expect((await t.refusal('search:query', { query: 'x'.repeat(2001) })).code).toBe('INVALID_INPUT');
  });
});

describe('the index follows every change', () => {
  it('finds a new annotation, then its edit, and forgets it when deleted', async () => {
    const text = (await t.call('sources:get', { id: ROUND_11 })).text;
    const start = text.indexOf('Telegram');
    const a = await t.call('annotations:create', { sourceId: ROUND_11, start, end: start + 8, note: 'Ask the platform about the quarrymen channel', tags: [] });
    expect((await search('quarrymen')).annotations.map((x) => x.id)).toEqual([a.id]);
    await t.call('annotations:update', { id: a.id, note: 'Ask about the stonemasons channel' });
    expect((await search('quarrymen')).annotations).toEqual([]);
    expect((await search('stonemasons')).annotations.map((x) => x.id)).toEqual([a.id]);
    await t.call('annotations:delete', { id: a.id });
    expect((await search('stonemasons')).annotations).toEqual([]);
  });

  it('finds a new source at once, with Malayalam and accented words', async () => {
    await t.app.requireNotebook().addSource({
      title: 'ഓപ്പറേഷൻ പി ഹണ്ട്: അറസ്റ്റ്',
      outlet: 'Manorama',
      published: '2021-06-01',
      text: 'കേരള പോലീസ് ഓപ്പറേഷൻ പി ഹണ്ട് നടത്തി. El fiscal José Núñez habló.',
      provenance: { method: 'paste', fileName: null, url: null },
    });
    const ml = await search('ഹണ്ട്');
    expect(ml.sources.map((s) => s.title.text)).toEqual(['ഓപ്പറേഷൻ പി ഹണ്ട്: അറസ്റ്റ്']);
    expect(marked(ml.sources[0].title)).toEqual(['ഹണ്ട്']);
    const accented = await search('jose nunez');
    expect(marked(accented.sources[0].snippet)).toEqual(['José', 'Núñez']);
  });

  it('finds an entity by a new alias, and the passages linked to it', async () => {
    const telegram = (await t.call('entities:list', {})).find((e) => e.name === 'Telegram')!;
    await t.call('entities:addAlias', { id: telegram.id, alias: 'Telegram Messenger' });
    const r = await search('telegram messenger');
    expect(r.entities[0]).toMatchObject({ id: telegram.id, alias: { text: 'Telegram Messenger' } });
  });
});
