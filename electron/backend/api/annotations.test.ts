import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/api/contract';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
let dataDir: string;
let call: TestApp['call'];
let refusal: TestApp['refusal'];

beforeEach(async () => {
  t = await startTestApp();
  ({ dataDir, call, refusal } = t);
  // The sample ships annotations; these tests start from an article without any.
  for (const a of await call('annotations:list', { sourceId: HT })) await call('annotations:delete', { id: a.id });
});
afterEach(() => t.close());

const HT = '000_7baca0de28e0a4fd';
/** The shard of article 000 on disk, to check that refusals change nothing. */
const shardOf000 = () => readFile(join(dataDir, 'notebooks', 'operation-p-hunt-sample', 'sources', `${HT}.json`), 'utf8');

async function annotate(quote: string, extra: Partial<Input<'annotations:create'>> = {}) {
  const { text } = await call('sources:get', { id: HT });
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return call('annotations:create', { sourceId: HT, start, end: start + quote.length, ...extra });
}

describe('annotations over the API', () => {
  it('creates an annotation with W3C-style selectors over the normalised text', async () => {
    const a = await annotate('registered 268 cases', { kind: 'figure', note: 'Cases in round **20.2**', tags: ['figure', ' Figure ', 'P-Hunt 20.2'] });
    const { text, contentHash } = await call('sources:get', { id: HT });
    expect(a).toMatchObject({
      sourceId: HT,
      kind: 'figure',
      anchor: { state: 'exact' },
      note: 'Cases in round **20.2**',
      tags: ['figure', 'P-Hunt 20.2'],
      target: { contentHash, quote: { exact: 'registered 268 cases' } },
    });
    expect(a.target.quote.prefix).toBe(text.slice(a.target.position.start - 32, a.target.position.start));
    expect(a.target.quote.suffix).toBe(text.slice(a.target.position.end, a.target.position.end + 32));
    expect(await call('annotations:list', { sourceId: HT })).toEqual([a]);
  });

  it('lists annotations in text order and every tag with its count', async () => {
    await annotate('Manoj Abraham', { tags: ['people'] });
    await annotate('registered 268 cases', { tags: ['figure', 'people'] });
    expect((await call('annotations:list', { sourceId: HT })).map((a) => a.target.quote.exact)).toEqual(['registered 268 cases', 'Manoj Abraham']);
    const tags = await call('annotations:tags', {});
    expect(tags.find((t) => t.tag === 'people')).toEqual({ tag: 'people', count: 2 });
    const all = (await call('annotations:listAll', {})).filter((i) => i.source.id === HT);
    expect(all).toHaveLength(2);
    expect(all[0].source).toMatchObject({ title: expect.stringMatching(/268 cases/), outlet: 'Hindustan Times', published: '2020-10-05' });
  });

  it.each([
    ['an empty selection', { start: 10, end: 10 }, /empty/],
    ['a reversed selection', { start: 20, end: 10 }, /empty/],
    ['a selection past the end of the text', { start: 10, end: 1_000_000 }, /outside the text/],
    ['a negative offset', { start: -1, end: 10 }, /start: must not be negative/],
    ['a fractional offset', { start: 1.5, end: 10 }, /start: must be a whole number/],
    ['a note of 1 MB', { start: 0, end: 10, note: 'x'.repeat(1024 * 1024) }, /note: a note can be at most 100,000 characters/],
    ['a tag of 200 characters', { start: 0, end: 10, tags: ['t'.repeat(200)] }, /at most 80 characters/],
    ['an unknown kind', { start: 0, end: 10, kind: 'rumour' }, /kind/],
  ])('refuses %s with a clear error and changes nothing', async (_label, fields, message) => {
    const before = await shardOf000();
    const error = await refusal('annotations:create', { sourceId: HT, ...fields });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
    expect(await shardOf000()).toBe(before);
  });

  it('refuses a blank passage between paragraphs', async () => {
    const { text } = await call('sources:get', { id: HT });
    const gap = text.indexOf('\n\n');
    expect(await refusal('annotations:create', { sourceId: HT, start: gap, end: gap + 2 })).toMatchObject({ code: 'INVALID_INPUT', message: /only spaces/ });
  });

  it('edits, deletes and restores (undo) an annotation exactly as it was', async () => {
    const a = await annotate('Manoj Abraham');
    const edited = await call('annotations:update', { id: a.id, note: 'ADGP, heads the cyber wing', tags: ['people'], kind: 'quote' });
    expect(edited).toMatchObject({ id: a.id, note: 'ADGP, heads the cyber wing', tags: ['people'], kind: 'quote', createdAt: a.createdAt });
    const deleted = await call('annotations:delete', { id: a.id });
    expect(deleted).toEqual(edited);
    expect(await call('annotations:list', { sourceId: HT })).toEqual([]);
    expect(await call('annotations:restore', { annotation: deleted })).toEqual(edited);
    expect(await call('annotations:list', { sourceId: HT })).toEqual([edited]);
    expect((await refusal('annotations:restore', { annotation: deleted })).code).toBe('ALREADY_EXISTS');
    expect((await refusal('annotations:update', { id: 'missing' })).code).toBe('NOT_FOUND');
    expect((await refusal('annotations:delete', { id: 'missing' })).code).toBe('NOT_FOUND');
  });

  it('re-anchors on a new version: exact, moved, fuzzy with what it was, and 268→269 as an orphan that is not moved', async () => {
    const figure = await annotate('registered 268 cases', { kind: 'figure' });
    const unchanged = await annotate('Many electronic devices and phones were seized from them.');
    const typo = await annotate('with the help of Cyberdom (specialised wing of cyber police)');
    const quote = await annotate('Some of the arrested include IT professionals.');
    const { text } = await call('sources:get', { id: HT });
    const newVersion = text
      .replace('registered 268 cases', 'registered 269 cases')
      .replace('Cyberdom (specialised wing', 'Cyberdome (specialized wing')
      .replace('Some of the arrested include', 'A correction was added here.\n\nSome of the arrested include');

    const { source, anchoring } = await call('sources:addVersion', { id: HT, text: newVersion });
    expect(anchoring).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphan: 1 });
    expect(source.versions).toHaveLength(1);
    expect(source.versions[0].contentHash).toBe(figure.target.contentHash);

    const after = new Map((await call('annotations:list', { sourceId: HT })).map((a) => [a.id, a]));
    expect(after.get(unchanged.id)!.anchor).toEqual({ state: 'exact' });
    expect(after.get(quote.id)!.anchor).toEqual({ state: 'moved' });
    const fuzzy = after.get(typo.id)!;
    expect(fuzzy.anchor).toMatchObject({ state: 'fuzzy', score: expect.any(Number), was: typo.target.quote.exact });
    expect(fuzzy.target.quote.exact).toBe('with the help of Cyberdome (specialized wing of cyber police)');
    const orphan = after.get(figure.id)!;
    expect(orphan.anchor).toEqual({ state: 'orphan', reason: 'The text no longer says “268” where this passage was.' });
    // Not moved: it still points at the old text, whose words it quotes, and that text is kept.
    expect(orphan.target).toEqual(figure.target);
    expect(await t.app.requireNotebook().getText(figure.target.contentHash)).toContain(figure.target.quote.exact);
    // Orphans are listed last.
    expect([...after.values()].at(-1)!.id).toBe(figure.id);

    // The user re-attaches it to the new figure.
    const current = await call('sources:get', { id: HT });
    const start = current.text.indexOf('registered 269 cases');
    const reattached = await call('annotations:reattach', { id: figure.id, start, end: start + 20 });
    expect(reattached).toMatchObject({ anchor: { state: 'exact' }, target: { contentHash: current.contentHash, quote: { exact: 'registered 269 cases' } } });
  });

  it('refuses an identical or empty new version and keeps the source as it was', async () => {
    const { text } = await call('sources:get', { id: HT });
    const before = await shardOf000();
    expect((await refusal('sources:addVersion', { id: HT, text })).code).toBe('ALREADY_EXISTS');
    expect((await refusal('sources:addVersion', { id: HT, text: '' })).code).toBe('INVALID_INPUT');
    expect((await refusal('sources:addVersion', { id: HT, text: ' date 2020-10-05 ' })).code).toBe('INVALID_INPUT');
    expect(await shardOf000()).toBe(before);
  });

  it('restores a deleted annotation as an orphan if its passage went away meanwhile', async () => {
    const a = await annotate('registered 268 cases');
    const deleted = await call('annotations:delete', { id: a.id });
    const { text } = await call('sources:get', { id: HT });
    await call('sources:addVersion', { id: HT, text: text.replace('268', '269') });
    expect((await call('annotations:restore', { annotation: deleted })).anchor.state).toBe('orphan');
  });
});

describe('the fact-sheet fields of an annotation', () => {
  const entityNamed = async (name: string) => (await call('entities:list', {})).find((e) => e.name === name)!;

  it('marks a figure with metric, value, unit, qualifier, date and the entity it is about; a quote with its speaker; an event with its date', async () => {
    const round = await entityNamed('P-Hunt 20.2');
    const abraham = await entityNamed('Manoj Abraham');
    const figure = await annotate('registered 268 cases', { kind: 'figure' });
    const updated = await call('annotations:update', {
      id: figure.id,
      figure: { metric: 'cases registered', value: 268, unit: 'cases', qualifier: null, date: '2020-10-05', entityId: round.id, upper: null },
    });
    expect(updated.figure).toEqual({ metric: 'cases registered', value: 268, upper: null, unit: 'cases', qualifier: null, date: '2020-10-05', entityId: round.id });
    const quote = await annotate('“The biggest impact of the pandemic', { kind: 'quote' });
    expect((await call('annotations:update', { id: quote.id, speakerId: abraham.id })).speakerId).toBe(abraham.id);
    const event = await annotate('arrested 41 people', { kind: 'event' });
    expect((await call('annotations:update', { id: event.id, eventDate: '2020-10' })).eventDate).toBe('2020-10');
    // Kept on disk; null clears.
    expect(JSON.parse(await shardOf000()).annotations.find((a: { id: string }) => a.id === figure.id).figure.value).toBe(268);
    expect((await call('annotations:update', { id: event.id, eventDate: null })).eventDate).toBeNull();
  });

  it('refuses a value that is not a number, a negative count, a speaker who is not a person, an unknown entity or date, and changes nothing', async () => {
    const figure = await annotate('registered 268 cases', { kind: 'figure' });
    const before = await shardOf000();
    const cyberdome = await entityNamed('Kerala Police Cyberdome');
    const base = { metric: 'cases registered', value: 268, upper: null, unit: 'cases', qualifier: null, date: null, entityId: null };
    expect(await refusal('annotations:update', { id: figure.id, figure: { ...base, value: 'two hundred' } })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/figure\.value.*must be a number/),
    });
    expect(await refusal('annotations:update', { id: figure.id, figure: { ...base, value: -3 } })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/count of cases cannot be negative \(-3\)/),
    });
    expect(await refusal('annotations:update', { id: figure.id, figure: { ...base, value: 15, upper: 6 } })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/upper end \(6\) must not be below the value \(15\)/),
    });
    expect(await refusal('annotations:update', { id: figure.id, figure: { ...base, metric: ' ' } })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/the metric/) });
    expect(await refusal('annotations:update', { id: figure.id, figure: { ...base, entityId: 'gone' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal('annotations:update', { id: figure.id, speakerId: cyberdome.id })).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'A speaker is a person; Kerala Police Cyberdome is an organisation.',
    });
    expect(await refusal('annotations:update', { id: figure.id, eventDate: '2020-02-30' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/real date/) });
    expect(await shardOf000()).toBe(before);
  });

  it('counts a quote’s speaker as a link: on the person’s page, under entity:, in the person’s and the operation’s fact sheets', async () => {
    const abraham = await entityNamed('Manoj Abraham');
    const round = await entityNamed('P-Hunt 20.2');
    const before = (await call('entities:list', {})).find((e) => e.id === abraham.id)!.linkCount;
    // Linked to the round only; the person is its speaker, not one of its entities.
    const quote = await annotate('“The biggest impact of the pandemic', { kind: 'quote', entityIds: [round.id] });
    await call('annotations:update', { id: quote.id, speakerId: abraham.id });
    expect((await call('entities:list', {})).find((e) => e.id === abraham.id)!.linkCount).toBe(before + 1);
    const page = await call('entities:get', { id: abraham.id });
    expect(page.passages.map((p) => p.annotation.id)).toContain(quote.id);
    expect(page.passages.filter((p) => p.annotation.id === quote.id)).toHaveLength(1);
    const found = await call('search:query', { query: 'entity:"Manoj Abraham" kind:quote', limit: 20 });
    expect(found.annotations.map((a) => a.id)).toContain(quote.id);
    const person = await call('factsheet:build', { entityId: abraham.id });
    expect(person.quotes.map((q) => q.quote)).toContain(quote.target.quote.exact);
    const operation = await call('factsheet:build', { entityId: (await entityNamed('Operation P-Hunt')).id });
    expect(operation.quotes.find((q) => q.quote === quote.target.quote.exact)?.speaker?.name).toBe('Manoj Abraham');
    // Unset, the link goes with it.
    await call('annotations:update', { id: quote.id, speakerId: null });
    expect((await call('entities:get', { id: abraham.id })).passages.map((p) => p.annotation.id)).not.toContain(quote.id);
    expect((await call('search:query', { query: 'entity:"Manoj Abraham" kind:quote', limit: 20 })).annotations.map((a) => a.id)).not.toContain(quote.id);
  });

  it('moves a figure’s entity and a quote’s speaker when entities merge, and clears them when one is deleted', async () => {
    const abraham = await entityNamed('Manoj Abraham');
    const copy = await call('entities:create', { type: 'person', name: 'M. Abraham', aliases: [], description: '', start: null, end: null, parentId: null });
    const quote = await annotate('“The biggest impact of the pandemic', { kind: 'quote' });
    await call('annotations:update', { id: quote.id, speakerId: copy.id });
    await call('entities:merge', { keepId: abraham.id, mergeId: copy.id });
    expect((await call('annotations:list', { sourceId: HT })).find((a) => a.id === quote.id)!.speakerId).toBe(abraham.id);
    await call('entities:delete', { id: abraham.id });
    expect((await call('annotations:list', { sourceId: HT })).find((a) => a.id === quote.id)!.speakerId).toBeNull();
  });
});
