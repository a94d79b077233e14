/**
 * The library and the open source's annotations follow the change stream: a source added or
 * changed elsewhere (an import, another window, a colleague) shows without a reload, the open
 * source's text and annotations are read again only when it is the one that changed, and a slow
 * earlier list never overwrites a later one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../../shared/api/contract';
import { deliver } from '../../lib/changes';
import { answer, answerLater, callCount } from '../../testing/fake-backend';
import { useAnnotate } from '../annotate';
import { useLibrary } from './store';

type Summary = Output<'sources:list'>[number];
const summary = (id: string, title: string) =>
  ({
    id,
    title,
    outlet: null,
    published: null,
    byline: null,
    lang: 'en',
    wordCount: 100,
    contentHash: 'a'.repeat(64),
    provenance: { method: 'paste', fileName: null, url: null, importedAt: '2026-01-01T00:00:00.000Z', original: null },
    headings: [],
    versions: [],
  }) as unknown as Summary;
const source = (id: string, title: string) => ({ ...summary(id, title), text: `The text of ${title}.` }) as unknown as Output<'sources:get'>;

beforeEach(async () => {
  answer('sources:list', [summary('s1', 'Budget day'), summary('s2', 'Rates held')]);
  answer('sources:get', ({ id }) => ({ ok: true, value: source(id, id === 's1' ? 'Budget day' : 'Rates held') }));
  answer('annotations:list', []);
  answer('annotations:tags', []);
  await useLibrary.getState().reload('nb1');
  await useLibrary.getState().select('s1');
  await useAnnotate.getState().load('s1');
});

describe('the library over the change stream', () => {
  it('lists sources added elsewhere', async () => {
    answer('sources:list', [summary('s1', 'Budget day'), summary('s2', 'Rates held'), summary('s3', 'Spending review')]);
    deliver([{ kind: 'sources', sourceIds: ['s3'] }]);
    await vi.waitFor(() => expect(useLibrary.getState().sources.map((s) => s.title)).toEqual(['Budget day', 'Rates held', 'Spending review']));
  });

  it('reads the open source again when it changed, and only the list when another one did', async () => {
    const gets = callCount('sources:get');
    deliver([{ kind: 'source', sourceId: 's2' }]);
    await vi.waitFor(() => expect(callCount('sources:list')).toBeGreaterThanOrEqual(2));
    expect(callCount('sources:get')).toBe(gets);
    answer('sources:get', () => ({ ok: true, value: source('s1', 'Budget day, corrected') }));
    deliver([{ kind: 'source', sourceId: 's1' }]);
    await vi.waitFor(() => expect(useLibrary.getState().reader).toMatchObject({ status: 'ready', source: { title: 'Budget day, corrected' } }));
  });

  it('keeps the later list when an earlier one answers last', async () => {
    const slow = answerLater('sources:list');
    deliver([{ kind: 'source', sourceId: 's2' }]);
    deliver([{ kind: 'sources', sourceIds: ['s9'] }]);
    await vi.waitFor(() => expect(slow.pending()).toBe(2));
    // The later read answers first, the earlier one last: the later stays.
    slow.release([summary('s1', 'From the later read')], 1);
    slow.release([summary('s1', 'From the earlier read')], 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(useLibrary.getState().sources.map((s) => s.title)).toEqual(['From the later read']);
  });
});

describe('the open source’s annotations over the change stream', () => {
  it('are read again when that source changed, not when another did', async () => {
    const before = callCount('annotations:list');
    deliver([{ kind: 'source', sourceId: 's2' }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(callCount('annotations:list')).toBe(before);
    answer('annotations:list', [{ id: 'a1' } as unknown as Output<'annotations:list'>[number]]);
    deliver([{ kind: 'source', sourceId: 's1' }]);
    await vi.waitFor(() => expect(useAnnotate.getState().annotations.map((a) => a.id)).toEqual(['a1']));
  });
});
