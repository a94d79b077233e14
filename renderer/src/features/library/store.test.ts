/**
 * The library store: a later click wins over a slow earlier answer, and a bulk edit sends exactly
 * the sources it is given and reloads the list.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const answers = new Map<string, (v: unknown) => void>();
const calls: [string, unknown][] = [];
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
vi.mock('../../lib/api', () => ({
  api: {
    sources: {
      list: () => ok([]),
      get: ({ id }: { id: string }) => new Promise((resolve) => answers.set(id, resolve)),
      updateMeta: (input: unknown) => (calls.push(['updateMeta', input]), ok({ updated: 2 })),
    },
    annotations: { list: () => ok([]), tags: () => ok([]) },
  },
}));

const { useLibrary } = await import('./store');

beforeEach(() => {
  answers.clear();
  calls.length = 0;
});

it('opens the source clicked last, even when the one clicked before answers later', async () => {
  const first = useLibrary.getState().select('slow');
  const second = useLibrary.getState().select('quick');
  answers.get('quick')!({ ok: true, value: { id: 'quick', title: 'Quick' } });
  await second;
  answers.get('slow')!({ ok: true, value: { id: 'slow', title: 'Slow' } });
  await first;
  expect(useLibrary.getState().selectedId).toBe('quick');
  expect(useLibrary.getState().reader).toMatchObject({ status: 'ready', source: { id: 'quick' } });
});

it('leaves the source already open as it is when it is clicked again (no reload, no blank reader)', async () => {
  const opening = useLibrary.getState().select('long');
  answers.get('long')!({ ok: true, value: { id: 'long', title: 'Long' } });
  await opening;
  const before = useLibrary.getState().reader;
  answers.clear();
  await useLibrary.getState().select('long');
  expect(answers.has('long')).toBe(false);
  expect(useLibrary.getState().reader).toBe(before);
});

it('asks once when the source being opened is clicked again before it arrives', async () => {
  let asked = 0;
  const first = useLibrary.getState().select('twice');
  const resolve = answers.get('twice')!;
  answers.clear();
  const second = useLibrary.getState().select('twice');
  asked = answers.size;
  resolve({ ok: true, value: { id: 'twice', title: 'Twice' } });
  await Promise.all([first, second]);
  expect(asked).toBe(0);
  expect(useLibrary.getState().reader).toMatchObject({ status: 'ready', source: { id: 'twice' } });
});

it('sends a bulk edit for exactly the sources given, and says how many changed', async () => {
  useLibrary.setState({ selectedId: null });
  expect(await useLibrary.getState().updateMeta(['a', 'b'], { outlet: 'The Hindu' })).toEqual({ updated: 2 });
  expect(calls).toEqual([['updateMeta', { ids: ['a', 'b'], outlet: 'The Hindu' }]]);
});
