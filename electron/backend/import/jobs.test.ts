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

it('shows what a batch of copies will be before saving, by the rule the save applies: a re-headlined copy is a source of its own, the same headline again a duplicate', async () => {
  const body = 'Microsoft has released patches for 12 flaws in Windows and Office.\n\nThe company rated four of them critical.';
  const jobs = new ImportJobs(extractDocument);
  const id = jobs.startItems(nb, [
    item('a.txt', `Microsoft releases patches\n\n${body}`),
    item('b.txt', `Microsoft releases bumper patches\n\n${body}`),
    item('c.txt', `MICROSOFT  releases patches\n\n${body}`),
    item('d.txt', `---\ntitle: Microsoft releases patches\noutlet: BBC News\nurl: https://example.org/tech/1\n---\n${body}`),
  ]);
  await ready(jobs, id);
  const previews = jobs.status(id, nb).previews;
  expect(previews.map((p) => [p.title, p.status])).toEqual([
    ['Microsoft releases patches', 'ready'],
    ['Microsoft releases bumper patches', 'ready'],
    ['MICROSOFT releases patches', 'duplicate'],
    ['Microsoft releases patches', 'duplicate'],
  ]);
  expect(previews[1].warnings).toContain('It has the same text as “Microsoft releases patches” under another headline: it is kept as a source of its own, so both headlines can be found.');
  expect(previews[2].reason).toBe('is the same text as “Microsoft releases patches”, earlier in this import');
  const outcomes = await jobs.commit(id, nb, 'all');
  expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'failed', 'failed']);
  expect(outcomes[2]).toMatchObject({ reason: 'not imported: it is the same text as “Microsoft releases patches”, earlier in this import' });
  // Both headlines are in the notebook, and findable; the text is stored once.
  expect(
    nb
      .listSources()
      .map((s) => s.title)
      .sort(),
  ).toEqual(['Microsoft releases bumper patches', 'Microsoft releases patches']);
  expect(new Set(nb.listSources().map((s) => s.contentHash)).size).toBe(1);
  // Imported again later, the same headline is a duplicate of what the notebook has.
  const again = jobs.startItems(nb, [item('e.txt', `Microsoft releases bumper patches\n\n${body}`)]);
  await ready(jobs, again);
  expect(jobs.status(again, nb).previews[0]).toMatchObject({ status: 'duplicate', reason: 'is the same text as “Microsoft releases bumper patches” in the notebook' });
});
