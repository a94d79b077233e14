/**
 * A backup in the notebook store: it runs under a task name of its own, shows the backend's
 * progress while it runs, Cancel reaches the backend by that name, and the dialog then says that
 * nothing was written. The API is a fake the test answers by hand.
 */
import { expect, it, vi } from 'vitest';

const asked: [string, unknown][] = [];
let finishBackup: ((r: unknown) => void) | null = null;
let progress = { step: 'Writing the archive', done: 0, total: 0, cancelled: false };
vi.mock('../../lib/api', () => ({
  api: {
    notebook: {
      backup: (input: unknown) => (asked.push(['backup', input]), new Promise((resolve) => (finishBackup = resolve))),
    },
    app: {
      taskStatus: (input: unknown) => (asked.push(['status', input]), Promise.resolve({ ok: true, value: progress })),
      cancelTask: (input: unknown) => (asked.push(['cancel', input]), Promise.resolve({ ok: true, value: { running: true } })),
    },
  },
}));

const { useNotebook } = await import('./store');

it('follows a backup’s progress under its task name, cancels it by that name, and says nothing was written', async () => {
  const outcome = useNotebook.getState().backup('/home/r/p-hunt.zip', false);
  const task = useNotebook.getState().task!;
  expect(task.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(asked[0]).toEqual(['backup', { path: '/home/r/p-hunt.zip', overwrite: false, task: task.id }]);
  expect(useNotebook.getState().busy).toBe(true);

  progress = { step: 'Writing the archive', done: 5 * 1024 * 1024, total: 20 * 1024 * 1024, cancelled: false };
  await vi.waitFor(() => expect(useNotebook.getState().task).toMatchObject({ done: 5 * 1024 * 1024, total: 20 * 1024 * 1024 }), { timeout: 5000 });
  expect(asked).toContainEqual(['status', { task: task.id }]);

  await useNotebook.getState().cancelTask();
  expect(asked).toContainEqual(['cancel', { task: task.id }]);
  finishBackup!({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled. /home/r/p-hunt.zip was not written.' } });
  expect(await outcome).toEqual({ error: { code: 'CANCELLED', message: 'Cancelled. /home/r/p-hunt.zip was not written.' } });
  expect(useNotebook.getState()).toMatchObject({ task: null, busy: false });
});

it('says what a snapshot restore kept of colleagues’ work in a shared notebook', async () => {
  const { restoredWords } = await import('./store');
  expect(restoredWords([])).toMatch(/^The notebook is back as it was at that snapshot\. How it was just before is kept/);
  const words = restoredWords([
    { id: 'annotation:a1', by: 'Ben Thomas' },
    { id: 'entity:e1', by: 'Ben Thomas' },
    { id: 'annotation:a2', by: null },
  ]);
  expect(words).toMatch(
    /^Your own edits since that snapshot are rolled back, for the team too\. 3 records that colleagues changed since \(Ben Thomas, someone unnamed\) were kept as they are: a restore never undoes a colleague’s work unless you choose so\./,
  );
  expect(restoredWords([], [{ id: 'annotation:a1', by: 'Ben Thomas' }])).toMatch(
    /^The notebook is back as it was at that snapshot, for the whole team\. 1 record that colleagues changed since \(Ben Thomas\) was rolled back too; each of their versions is listed in Conflicts/,
  );
});
