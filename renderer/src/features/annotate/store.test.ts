/**
 * Undo in the reader is per source: Ctrl+Z in source B never silently undoes an edit made in
 * source A, and back in A it undoes A's last edit. The API is a fake that records what is asked.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const calls: [string, unknown][] = [];
let nextId = 0;
const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
vi.mock('../../lib/api', () => ({
  api: {
    annotations: {
      list: () => ok([]),
      tags: () => ok([]),
      create: (input: { sourceId: string }) => (calls.push(['create', input]), ok({ id: `a${++nextId}-${input.sourceId}` })),
      delete: (input: { id: string }) => (calls.push(['delete', input]), ok(null)),
    },
  },
}));

const { useAnnotate } = await import('./store');

beforeEach(() => {
  calls.length = 0;
  useAnnotate.getState().reset();
});

it('undoes the last edit of the source being read, never one made in another source', async () => {
  const store = useAnnotate.getState();
  await store.load('A');
  await useAnnotate.getState().highlight({ start: 0, end: 5, text: 'Raids' });
  await useAnnotate.getState().load('B');
  await useAnnotate.getState().undo();
  expect(calls.filter(([what]) => what === 'delete')).toEqual([]);
  expect(useAnnotate.getState().notice).toEqual({ message: 'Nothing to undo in this source.', canUndo: false });

  await useAnnotate.getState().highlight({ start: 3, end: 9, text: 'police' });
  await useAnnotate.getState().load('A');
  await useAnnotate.getState().undo();
  expect(calls.filter(([what]) => what === 'delete')).toEqual([['delete', { id: 'a1-A' }]]);
  // B's highlight is still there to undo, in B.
  await useAnnotate.getState().load('B');
  await useAnnotate.getState().undo();
  expect(calls.filter(([what]) => what === 'delete')).toEqual([
    ['delete', { id: 'a1-A' }],
    ['delete', { id: 'a2-B' }],
  ]);
  await useAnnotate.getState().undo();
  expect(useAnnotate.getState().notice).toEqual({ message: 'Nothing to undo.', canUndo: false });
});
