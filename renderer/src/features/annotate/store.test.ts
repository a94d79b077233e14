/**
 * Undo in the reader is per source: Ctrl+Z in source B never silently undoes an edit made in
 * source A, and back in A it undoes A's last edit. Undo is the inverse of the reporter's own
 * change: it sends only the fields the edit changed, on condition that they still hold what it
 * left, and a colleague's edit since is said, not overwritten. The API is a fake that records what is asked.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const calls: [string, unknown][] = [];
let nextId = 0;
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
vi.mock('../../lib/api', () => ({
  api: {
    annotations: {
      list: () => ok([]),
      tags: () => ok([]),
      create: (input: { sourceId: string }) => (calls.push(['create', input]), ok(made(`a${++nextId}-${input.sourceId}`))),
      delete: (input: { id: string }) => (calls.push(['delete', input]), ok(null)),
      update: (input: { id: string; note?: string; ifStill?: { note?: string } }) => {
        calls.push(['update', input]);
        if (input.ifStill && colleagueNote !== null)
          return Promise.resolve({
            ok: false as const,
            error: { code: 'CHANGED_SINCE' as const, message: `Ben changed this annotation’s note since your edit, so it was not undone: nothing was changed.` },
          });
        return ok({ ...made(input.id), note: input.note ?? '' });
      },
    },
  },
}));

/** What the fake backend answers for a new passage. */
function made(id: string) {
  return { id, sourceId: id.split('-')[1], kind: 'passage', note: '', tags: [], entityIds: [], figure: null, speakerId: null, eventDate: null };
}
/** Set when a colleague's edit of the note has come in through sync (the fake then refuses an undo). */
let colleagueNote: string | null = null;
const still = { kind: 'passage', note: '', tags: [], entityIds: [], figure: null, speakerId: null, eventDate: null };

const { useAnnotate } = await import('./store');

beforeEach(() => {
  colleagueNote = null;
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
  expect(calls.filter(([what]) => what === 'delete')).toEqual([['delete', { id: 'a1-A', ifStill: still }]]);
  // B's highlight is still there to undo, in B.
  await useAnnotate.getState().load('B');
  await useAnnotate.getState().undo();
  expect(calls.filter(([what]) => what === 'delete')).toEqual([
    ['delete', { id: 'a1-A', ifStill: still }],
    ['delete', { id: 'a2-B', ifStill: still }],
  ]);
  await useAnnotate.getState().undo();
  expect(useAnnotate.getState().notice).toEqual({ message: 'Nothing to undo.', canUndo: false });
});

/** The reporter highlights a passage in source A and writes a note on it; answers the highlight's id. */
async function highlightAndEditNote(note: string): Promise<string> {
  await useAnnotate.getState().load('A');
  await useAnnotate.getState().highlight({ start: 0, end: 5, text: 'Raids' });
  const id = useAnnotate.getState().selectedId!;
  useAnnotate.setState({ annotations: [made(id) as never] });
  useAnnotate.getState().startEdit(id);
  await useAnnotate.getState().save({ kind: 'passage', note, tags: [], entityIds: [], figure: null, speakerId: null, eventDate: null });
  return id;
}

it('undoes an edit by sending back only the fields it changed, on condition they still hold what it left', async () => {
  const id = await highlightAndEditNote('268 per HT');
  await useAnnotate.getState().undo();
  expect(calls.filter(([what]) => what === 'update').at(-1)).toEqual(['update', { id, note: '', ifStill: { note: '268 per HT' } }]);
  expect(useAnnotate.getState().notice?.message).toBe('Undid the edit.');
});

it('says so, and changes nothing, when a colleague changed the same field since', async () => {
  await highlightAndEditNote('268 per HT');
  colleagueNote = '269 per Mathrubhumi';
  await useAnnotate.getState().undo();
  expect(useAnnotate.getState().error).toEqual({ code: 'CHANGED_SINCE', message: expect.stringMatching(/^Ben changed this annotation’s note since your edit/) });
  expect(useAnnotate.getState().notice?.message).not.toBe('Undid the edit.');
});
