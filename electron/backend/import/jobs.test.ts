/**
 * Import jobs never get stuck and never pile up: a save that failed can be tried again, and jobs
 * nobody asks about any more (a dialog closed, a window gone) are dropped with the bytes they hold.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Notebook } from '../store/notebook';
import { tempDir } from '../testing/fixtures';
import { extractDocument } from './extract';
import { ABANDONED_AFTER_MS, ENDED_KEPT_MS, ImportJobs } from './jobs';

let dir: string;
let cleanup: () => Promise<void>;
let nb: Notebook;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

const item = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

async function ready(jobs: ImportJobs, id: string): Promise<void> {
  await vi.waitFor(() => expect(jobs.status(id, nb).state).toBe('ready'), { timeout: 20_000 });
}

it('lets a save that failed be tried again, and saves then', async () => {
  const jobs = new ImportJobs(extractDocument);
  const id = jobs.startItems(nb, [item('a.txt', 'Raids\n\nPolice raided 117 locations.')]);
  await ready(jobs, id);
  const spy = vi.spyOn(nb, 'unorderedSources').mockImplementationOnce(() => {
    throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
  });
  await expect(jobs.commit(id, nb, 'all')).rejects.toThrow(/EIO/);
  spy.mockRestore();
  expect(jobs.status(id, nb).state).toBe('ready');
  const outcomes = await jobs.commit(id, nb, 'all');
  expect(outcomes).toEqual([expect.objectContaining({ status: 'imported', title: 'Raids' })]);
  expect(nb.listSources().map((s) => s.title)).toEqual(['Raids']);
});

it('drops a job nobody asked about for a long time, and an ended one after its last look', async () => {
  let now = 1_000_000;
  const jobs = new ImportJobs(extractDocument, 16, () => now);
  const abandoned = jobs.startItems(nb, [item('a.txt', 'Raids\n\nPolice raided 117 locations.')]);
  await ready(jobs, abandoned);
  const cancelled = jobs.startItems(nb, [item('b.txt', 'Arrests\n\nPolice arrested 41 people.')]);
  await ready(jobs, cancelled);
  jobs.cancel(cancelled, nb);
  now += ENDED_KEPT_MS + 1;
  // The cancelled one has had its last look; the ready one is still within its time.
  expect(() => jobs.status(cancelled, nb)).toThrow(/There is no import/);
  expect(jobs.status(abandoned, nb).state).toBe('ready');
  now += ABANDONED_AFTER_MS + 1;
  const fresh = jobs.startItems(nb, [item('c.txt', 'Devices\n\nPolice seized 270 devices.')]);
  expect(() => jobs.status(abandoned, nb)).toThrow(/There is no import/);
  expect(jobs.size).toBe(1);
  await ready(jobs, fresh);
});
