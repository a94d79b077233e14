/**
 * The import dialog follows one job at a time: a quick cancel and a new start never show the old
 * job's status on the new one, and closing the dialog cancels a job that was not saved. The API is
 * a fake whose answers the test releases one at a time.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const asked: [string, unknown][] = [];
const waiting: (() => void)[] = [];
let jobs = 0;
const status = (id: string, state: string) => ({
  id,
  state,
  total: 1,
  done: state === 'reading' ? 0 : 1,
  current: null,
  previews:
    state === 'ready'
      ? [
          {
            index: 0,
            file: `${id}.txt`,
            status: 'ready',
            reason: null,
            existing: null,
            format: 'text',
            title: id,
            outlet: null,
            published: null,
            byline: null,
            url: null,
            wordCount: 3,
            excerpt: '',
            warnings: [],
          },
        ]
      : [],
  outcomes: null,
});
/** An answer the test lets through with release(). */
const later = <T>(value: T) => new Promise<{ ok: true; value: T }>((resolve) => waiting.push(() => resolve({ ok: true, value })));
const release = async () => {
  waiting.shift()?.();
  await new Promise((r) => setTimeout(r, 0));
};
vi.mock('../../lib/api', () => ({
  api: {
    import: {
      start: () => Promise.resolve({ ok: true, value: { jobId: `job${++jobs}` } }),
      status: ({ jobId }: { jobId: string }) => (asked.push(['status', jobId]), later(status(jobId, 'ready'))),
      cancel: ({ jobId }: { jobId: string }) => (asked.push(['cancel', jobId]), Promise.resolve({ ok: true, value: status(jobId, 'cancelled') })),
    },
  },
}));

const { useImport } = await import('./store');

beforeEach(() => {
  asked.length = 0;
  waiting.length = 0;
  useImport.getState().open();
});

it('never shows a cancelled job’s answer on the job started after it', async () => {
  const first = useImport.getState().start(['/clips/a.txt']);
  await new Promise((r) => setTimeout(r, 0));
  // Cancelled before its first answer came: the cancel still reaches it, by its id.
  await useImport.getState().cancel();
  expect(asked).toContainEqual(['cancel', 'job1']);
  const second = useImport.getState().start(['/clips/b.txt']);
  await new Promise((r) => setTimeout(r, 0));
  await release(); // job1's late answer: "ready", with job1's files
  expect(useImport.getState().status).toBeNull();
  expect(useImport.getState().step).toBe('reading');
  await release(); // job2's answer
  await Promise.all([first, second]);
  expect(useImport.getState().step).toBe('review');
  expect(useImport.getState().status?.id).toBe('job2');
  expect(useImport.getState().status?.previews.map((p) => p.title)).toEqual(['job2']);
});

it('cancels a job that was read but not saved when the dialog closes', async () => {
  const started = useImport.getState().start(['/clips/a.txt']);
  await new Promise((r) => setTimeout(r, 0));
  await release();
  await started;
  expect(useImport.getState().step).toBe('review');
  const id = useImport.getState().jobId!;
  useImport.getState().close();
  expect(asked).toContainEqual(['cancel', id]);
  expect(useImport.getState().step).toBe('closed');
});
