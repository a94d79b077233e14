import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api/contract';
import { describeMarks } from '../../../shared/domain/quotes';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
let dataDir: string;
let call: TestApp['call'];
let refusal: TestApp['refusal'];

beforeEach(async () => {
  t = await startTestApp();
  ({ dataDir, call, refusal } = t);
});
afterEach(() => t.close());

const entitiesFile = () => readFile(join(dataDir, 'notebooks', 'operation-p-hunt-sample', 'entities.json'), 'utf8');
/** The fields the entity editor sends. */
const fieldsOf = (e: Output<'entities:create'>) => ({ id: e.id, type: e.type, name: e.name, aliases: e.aliases, description: e.description, start: e.start, end: e.end, parentId: e.parentId });
const byName = async (name: string) => (await call('entities:list', {})).find((e) => e.name === name)!;

describe('the sample’s entities', () => {
  it('ships the operation with its rounds, the units, people, platforms and laws, with linked passages', async () => {
    const list = await call('entities:list', {});
    expect(list.map((e) => e.name).sort()).toEqual(
      [
        'CBI',
        'CCSE',
        'Facebook',
        'IT Act, section 67B',
        'Interpol',
        'Kerala Police Cyberdome',
        'Manoj Abraham',
        'Operation P-Hunt',
        'P Prakash',
        'P-Hunt 20.2',
        'P-Hunt 20.3',
        'P-Hunt 23.1',
        'POCSO Act',
        'Telegram',
        'WhatsApp',
      ].sort(),
    );
    const ccse = list.find((e) => e.name === 'CCSE')!;
    expect(ccse.aliases).toHaveLength(4);
    const page = await call('entities:get', { id: (await byName('Operation P-Hunt')).id });
    // 20.3 is dated only "2020": it may be the same time as 20.2 (October 2020), so the numbers decide.
    expect(page.rounds.map((r) => [r.name, r.start])).toEqual([
      ['P-Hunt 20.2', '2020-10'],
      ['P-Hunt 20.3', '2020'],
      ['P-Hunt 23.1', '2023-02'],
    ]);
    const round = await call('entities:get', { id: (await byName('P-Hunt 20.2')).id });
    expect(round.parent?.name).toBe('Operation P-Hunt');
    expect(round.passages.map((p) => [p.source.id.slice(0, 3), p.annotation.target.quote.exact.slice(0, 20)])).toEqual([
      ['000', 'arrested 41 people'],
      ['000', 'registered 268 cases'],
      ['000', 'The biggest impact o'],
      ['001', 'have arrested 41 peo'],
      ['001', 'Raids were executed '],
      ['001', 'led to the seizure o'],
      ['001', 'recorded 269 cases u'],
    ]);
  });
});

describe('creating and editing entities', () => {
  it('creates a round under its operation and edits it', async () => {
    const op = await byName('Operation P-Hunt');
    const round = await call('entities:create', { type: 'operation', name: 'P-Hunt 21.1', parentId: op.id, start: '2021-06' });
    expect(round).toMatchObject({ parentId: op.id, aliases: [], start: '2021-06', mergedInto: null });
    const edited = await call('entities:update', { ...fieldsOf(round), aliases: ['P Hunt 21.1 ', 'PHunt 21.1'], description: 'June 2021' });
    // "P Hunt 21.1" is the name spelled another way: kept once, as the name.
    expect(edited.aliases).toEqual(['PHunt 21.1']);
  });

  it.each([
    ['an empty name', { type: 'person', name: '   ' }, 'INVALID_INPUT', /name: must not be empty/],
    ['a name of punctuation only', { type: 'person', name: '—' }, 'INVALID_INPUT', /letter or a digit/],
    [
      'an alias another entity uses, spelled differently',
      { type: 'organisation', name: 'Cyber Wing', aliases: ['cyber-dome'] },
      'ALREADY_EXISTS',
      /already a name or alias of Kerala Police Cyberdome/,
    ],
    ['the name of an existing round, spelled as outlets do', { type: 'operation', name: 'P-HUNT_20.2' }, 'ALREADY_EXISTS', /P-Hunt 20.2/],
    ['a parent that is not an operation', { type: 'operation', name: 'X', parentId: 'PARENT:Interpol' }, 'INVALID_INPUT', /not an operation/],
    ['a person with a parent', { type: 'person', name: 'Y', parentId: 'PARENT:Operation P-Hunt' }, 'INVALID_INPUT', /Only an operation/],
    ['a date that is not a date', { type: 'operation', name: 'Z', start: '2020-13' }, 'INVALID_INPUT', /start: must be a real date/],
  ])('refuses %s and changes nothing', async (_label, input, code, message) => {
    const before = await entitiesFile();
    const resolved = { ...input } as Record<string, unknown>;
    if (typeof resolved.parentId === 'string' && resolved.parentId.startsWith('PARENT:')) resolved.parentId = (await byName(resolved.parentId.slice(7))).id;
    const error = await refusal('entities:create', resolved);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await entitiesFile()).toBe(before);
  });

  it('refuses a parent that would make a circle', async () => {
    const op = await byName('Operation P-Hunt');
    const round = await byName('P-Hunt 20.2');
    const before = await entitiesFile();
    const error = await refusal('entities:update', { ...fieldsOf(op), parentId: round.id });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/circle/) });
    expect((await refusal('entities:update', { ...fieldsOf(op), parentId: op.id })).message).toMatch(/itself/);
    expect(await entitiesFile()).toBe(before);
  });
});

describe('links, merging and deleting', () => {
  it('links and unlinks an annotation, and refuses a deleted entity', async () => {
    const abraham = await byName('Manoj Abraham');
    const a = (await call('annotations:list', { sourceId: '000_7baca0de28e0a4fd' })).find((x) => x.target.quote.exact === 'registered 268 cases')!;
    const linked = await call('annotations:update', { id: a.id, entityIds: [...a.entityIds, abraham.id] });
    expect(linked.entityIds).toContain(abraham.id);
    expect((await call('entities:get', { id: abraham.id })).passages.map((p) => p.annotation.id)).toContain(a.id);
    await call('entities:delete', { id: abraham.id });
    expect((await call('annotations:list', { sourceId: '000_7baca0de28e0a4fd' })).find((x) => x.id === a.id)!.entityIds).not.toContain(abraham.id);
    const error = await refusal('annotations:update', { id: a.id, entityIds: [abraham.id] });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/deleted\?/) });
  });

  it('merges two entities, combining aliases and keeping every link', async () => {
    const dup = await call('entities:create', { type: 'organisation', name: 'Cyber Dome Wing', aliases: ['Hi-Tech Cell'] });
    const a = (await call('annotations:list', { sourceId: '003_b6ce8270c2cda9db' }))[0];
    await call('annotations:update', { id: a.id, entityIds: [dup.id] });
    const keep = await byName('Kerala Police Cyberdome');
    const merged = await call('entities:merge', { keepId: keep.id, mergeId: dup.id });
    expect(merged.aliases).toEqual(expect.arrayContaining(['Cyberdome', 'Cyber Dome Wing', 'Hi-Tech Cell']));
    expect((await call('entities:get', { id: keep.id })).passages.map((p) => p.annotation.id)).toContain(a.id);
    expect((await call('entities:list', {})).some((e) => e.id === dup.id)).toBe(false);
    // A link that still names the merged entity (say, in a backup) resolves to the kept one.
    expect((await call('annotations:update', { id: a.id, entityIds: [dup.id] })).entityIds).toEqual([keep.id]);
  });

  it('records who made an entity and who changed or merged it last', async () => {
    await call('app:updateSettings', { displayName: 'Asha Menon' });
    const dup = await call('entities:create', { type: 'organisation', name: 'Cyber Dome Wing', aliases: [] });
    expect(dup).toMatchObject({ createdBy: 'Asha Menon', updatedBy: 'Asha Menon' });
    await call('app:updateSettings', { displayName: 'Ben Thomas' });
    const renamed = await call('entities:update', {
      id: dup.id,
      type: dup.type,
      name: 'Cyber Dome wing',
      aliases: dup.aliases,
      description: dup.description,
      start: dup.start,
      end: dup.end,
      parentId: dup.parentId,
    });
    expect(renamed).toMatchObject({ createdBy: 'Asha Menon', updatedBy: 'Ben Thomas' });
    await call('app:updateSettings', { displayName: 'Devika' });
    const keep = await byName('Kerala Police Cyberdome');
    expect(keep).toMatchObject({ createdBy: null });
    expect(await call('entities:merge', { keepId: keep.id, mergeId: dup.id })).toMatchObject({ updatedBy: 'Devika' });
  });

  it('refuses to merge an entity with itself or with a missing one', async () => {
    const e = await byName('Interpol');
    expect((await refusal('entities:merge', { keepId: e.id, mergeId: e.id })).message).toMatch(/itself/);
    expect((await refusal('entities:merge', { keepId: e.id, mergeId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('suggests duplicates, and never again once marked as not the same', async () => {
    await call('entities:create', { type: 'organisation', name: 'Central Bureau Investigation Unit' });
    const cbi2 = await call('entities:create', { type: 'organisation', name: 'Interpoll' });
    const dups = await call('entities:duplicates', {});
    const interpol = await byName('Interpol');
    expect(dups).toContainEqual({ aId: expect.any(String), bId: expect.any(String), reason: expect.stringMatching(/nearly the same/) });
    expect(dups.some((d) => [d.aId, d.bId].includes(interpol.id) && [d.aId, d.bId].includes(cbi2.id))).toBe(true);
    // Rounds that differ in their number are never duplicates.
    expect(dups.some((d) => d.reason.includes('20.2') || d.reason.includes('23.1'))).toBe(false);
    await call('entities:markDistinct', { aId: interpol.id, bId: cbi2.id });
    expect((await call('entities:duplicates', {})).some((d) => [d.aId, d.bId].includes(cbi2.id))).toBe(false);
  });
});

describe('mentions and suggestions', () => {
  it('lists unlinked mentions of a round and links them all in one action', async () => {
    const round = await byName('P-Hunt 20.3');
    const mentions = await call('entities:mentions', { id: round.id });
    expect(mentions.map((m) => [m.sourceId.slice(0, 3), m.match])).toEqual([['002', 'P-Hunt_20.3']]);
    expect(mentions[0].before).toMatch(/code named ‘$/);
    expect((await call('entities:linkMentions', { id: round.id, mentions })).linked).toBe(1);
    expect(await call('entities:mentions', { id: round.id })).toEqual([]);
    expect((await call('entities:get', { id: round.id })).passages.map((p) => p.annotation.target.quote.exact)).toContain('P-Hunt_20.3');
  });

  it('never makes a mention passage with an unmatched quotation mark: a name cut at its mark takes in the partner mark', async () => {
    const op = await byName('Operation P-Hunt');
    const mentions = await call('entities:mentions', { id: op.id });
    const in003 = mentions.filter((m) => m.sourceId.startsWith('003')).map((m) => m.match);
    expect(in003).toContain('operation “P Hunt”');
    for (const m of mentions) expect([m.match, describeMarks(m.match)]).toEqual([m.match, null]);
    const chosen = mentions.filter((m) => m.match === 'operation “P Hunt”');
    await call('entities:linkMentions', { id: op.id, mentions: chosen });
    const quotes = (await call('entities:get', { id: op.id })).passages.map((p) => p.annotation.target.quote.exact);
    expect(quotes).toContain('operation “P Hunt”');
    expect(quotes).not.toContain('operation “P Hunt');
  });

  it('reads the names of an imported text in the background, so the suggestions are ready before they are asked for', async () => {
    const cache = join(dataDir, 'notebooks', 'operation-p-hunt-sample', 'cache', 'entity-candidates.json');
    const readSoFar = async () => Object.keys(((await readFile(cache, 'utf8').then(JSON.parse, () => ({}))) as { byHash?: object }).byHash ?? {}).length;
    expect(await readSoFar()).toBe(0);
    const pasted = await call('import:paste', { text: 'Statement of the Kerala Police.\n\nDeputy Inspector General Anita Verghese said Cyberdome had traced 40 accounts.' });
    await expect.poll(async () => (await call('import:status', { jobId: pasted.jobId })).state, { timeout: 60_000 }).toBe('ready');
    await call('import:commit', { jobId: pasted.jobId, decisions: 'all' });
    // Nobody opens the suggestions: the names worker reads the new text (and the sample's five) on its own.
    await expect.poll(readSoFar, { timeout: 90_000, interval: 500 }).toBe(6);
    const { cards, reading } = await call('entities:suggestions', { sourceId: null });
    expect(reading).toBeNull();
    expect(cards.map((c) => c.name)).toContain('Anita Verghese');
  }, 120_000);

  it('suggests people and places the notebook lacks, and remembers a dismissal', async () => {
    const { cards: suggestions } = await call('entities:suggestions', { sourceId: null });
    const names = suggestions.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Sharaf Ali', 'Kerala', 'ICMEC']));
    // Known entities and their known spellings are not suggested again.
    expect(names).not.toEqual(expect.arrayContaining(['Manoj Abraham']));
    expect(names).not.toContain('Interpol');
    expect(names).not.toContain('Prakash');
    const sharaf = suggestions.find((s) => s.name === 'Sharaf Ali')!;
    expect(sharaf).toMatchObject({ type: 'person', sourceId: '003_b6ce8270c2cda9db', evidence: expect.stringMatching(/K Sharaf Ali had collected/) });
    await call('entities:dismissSuggestion', { key: sharaf.key });
    expect((await call('entities:suggestions', { sourceId: null })).cards.map((s) => s.name)).not.toContain('Sharaf Ali');
  });

  it('accepts many suggestions at once, all or none, and dismisses many in one go', async () => {
    const before = (await call('entities:list', {})).length;
    const made = await call('entities:createMany', {
      entities: [
        { type: 'person', name: 'Sharaf Ali' },
        { type: 'place', name: 'Kerala' },
      ],
    });
    expect(made.map((e) => [e.type, e.name])).toEqual([
      ['person', 'Sharaf Ali'],
      ['place', 'Kerala'],
    ]);
    expect((await call('entities:list', {})).length).toBe(before + 2);
    // One name already taken: nothing of the batch is made, and the problem is named.
    const refused = await t.refusal('entities:createMany', {
      entities: [
        { type: 'organisation', name: 'ICMEC' },
        { type: 'person', name: 'Manoj Abraham' },
      ],
    });
    expect(refused).toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringMatching(/^Entity 2 of 2 \(Manoj Abraham\): .* Nothing was created\.$/) });
    expect((await call('entities:list', {})).map((e) => e.name)).not.toContain('ICMEC');
    const { cards: suggestions } = await call('entities:suggestions', { sourceId: null });
    expect(suggestions.map((s) => s.name)).not.toEqual(expect.arrayContaining(['Sharaf Ali', 'Kerala']));
    const keys = suggestions.slice(0, 3).map((s) => s.key);
    expect(await call('entities:dismissSuggestions', { keys: [...keys, keys[0]] })).toEqual({ dismissed: 3 });
    const left = (await call('entities:suggestions', { sourceId: null })).cards.map((s) => s.key);
    for (const k of keys) expect(left).not.toContain(k);
    expect((await t.refusal('entities:dismissSuggestions', { keys: [] })).code).toBe('INVALID_INPUT');
  });

  it('accepts a suggestion as an alias of an existing entity', async () => {
    const abraham = await byName('Manoj Abraham');
    const updated = await call('entities:addAlias', { id: abraham.id, alias: 'Abraham' });
    expect(updated.aliases).toContain('Abraham');
    expect((await call('entities:mentions', { id: abraham.id })).filter((m) => m.match === 'Abraham').length).toBeGreaterThan(3);
  });

  it('keeps a passage linked to Manoj Abraham off a new version where his name changed', async () => {
    const abraham = await byName('Manoj Abraham');
    const { text } = await call('sources:get', { id: '000_7baca0de28e0a4fd' });
    const quote = 'said additional director general of police Manoj Abraham';
    const start = text.indexOf(quote);
    const a = await call('annotations:create', { sourceId: '000_7baca0de28e0a4fd', start, end: start + quote.length, entityIds: [abraham.id] });
    await call('sources:addVersion', { id: '000_7baca0de28e0a4fd', text: text.replace('police Manoj Abraham', 'police Manoj Abrahm') });
    const after = (await call('annotations:list', { sourceId: '000_7baca0de28e0a4fd' })).find((x) => x.id === a.id)!;
    expect(after.anchor).toEqual({ state: 'orphan', reason: 'The text no longer names “Manoj Abraham” where this passage was.' });
  });
});
