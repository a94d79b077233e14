import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const shardOf = (id: string) => readFile(join(t.dataDir, 'notebooks', 'operation-p-hunt-sample', 'sources', `${id}.json`), 'utf8');
const UNDATED = '002_a01556cca16e92d0';
const LATER = '004_5f1f928ad2ca457a';

describe('correcting what is known about sources', () => {
  it('sets a date and an outlet on several sources at once, and the list, the reader and search say so', async () => {
    expect(await t.call('sources:updateMeta', { ids: [UNDATED, LATER], outlet: 'The Hindu', published: '2020-12' })).toEqual({ updated: 2 });
    const list = await t.call('sources:list', {});
    expect(
      list
        .filter((s) => s.outlet === 'The Hindu')
        .map((s) => [s.id, s.published])
        .sort(),
    ).toEqual([
      [UNDATED, '2020-12'],
      [LATER, '2020-12'],
    ]);
    expect((await t.call('sources:get', { id: UNDATED })).published).toBe('2020-12');
    expect(JSON.parse(await shardOf(UNDATED)).source.outlet).toBe('The Hindu');
    const found = await t.call('search:query', { query: 'outlet:"The Hindu"', limit: 10 });
    expect(found.sources.map((s) => s.id).sort()).toEqual([UNDATED, LATER]);
    // Already so: nothing written.
    expect(await t.call('sources:updateMeta', { ids: [UNDATED], outlet: 'The Hindu' })).toEqual({ updated: 0 });
    // Cleared: an empty outlet is "not named", and null undates.
    await t.call('sources:updateMeta', { ids: [UNDATED], outlet: '  ', published: null });
    expect((await t.call('sources:get', { id: UNDATED })).outlet).toBeNull();
    expect((await t.call('sources:get', { id: UNDATED })).published).toBeNull();
  });

  it('retitles one source, trimmed', async () => {
    await t.call('sources:updateMeta', { ids: [UNDATED], title: '  Third round: raids at 596 locations ', byline: 'Staff Reporter' });
    expect(await t.call('sources:get', { id: UNDATED })).toMatchObject({ title: 'Third round: raids at 596 locations', byline: 'Staff Reporter' });
  });

  it('corrects a source’s language, written as BCP 47 writes it, and clears it', async () => {
    expect(await t.call('sources:updateMeta', { ids: [UNDATED], lang: 'PT-br' })).toEqual({ updated: 1 });
    expect((await t.call('sources:get', { id: UNDATED })).lang).toBe('pt-BR');
    expect(JSON.parse(await shardOf(UNDATED)).source.lang).toBe('pt-BR');
    await t.call('sources:updateMeta', { ids: [UNDATED], lang: null });
    expect((await t.call('sources:get', { id: UNDATED })).lang).toBeNull();
  });

  it('refuses a date that is not one, an unknown source, a title for several, and nothing to change — and changes nothing', async () => {
    const before = await Promise.all([shardOf(UNDATED), shardOf(LATER)]);
    expect(await t.refusal('sources:updateMeta', { ids: [UNDATED], lang: 'the English language' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/must be a language tag such as "en", "ml" or "pt-BR"/),
    });
    expect(await t.refusal('sources:updateMeta', { ids: [UNDATED], published: '2020-02-30' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/published.*real date/) });
    expect(await t.refusal('sources:updateMeta', { ids: [UNDATED, 'no_such_source'], outlet: 'X' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This notebook has no source no_such_source; nothing was changed.',
    });
    expect(await t.refusal('sources:updateMeta', { ids: [UNDATED, LATER], title: 'Same title' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/title to one source only/) });
    expect(await t.refusal('sources:updateMeta', { ids: [UNDATED] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/nothing to change/) });
    expect(await t.refusal('sources:updateMeta', { ids: [], outlet: 'X' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await Promise.all([shardOf(UNDATED), shardOf(LATER)])).toEqual(before);
  });
});
