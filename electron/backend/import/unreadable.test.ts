/**
 * A folder import that meets a folder or file the process may not read: that one is reported in
 * words and the rest is imported; nothing stops the host. Dossier's tests run as root here (where
 * permissions are not enforced), so the refusal comes from a shim over node:fs/promises that
 * answers EACCES for the paths a test names, as the kernel would for another user.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

/** Folders that cannot be listed, and files or folders that cannot even be looked at. */
const unlistable = new Set<string>();
const refused = new Set<string>();
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const denyIn = (set: Set<string>, path: unknown) => {
    if (set.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, '${String(path)}'`), { code: 'EACCES' });
  };
  return {
    ...fs,
    readdir: (async (path: Parameters<typeof fs.readdir>[0], ...rest: unknown[]) => {
      denyIn(unlistable, path);
      return (fs.readdir as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readdir,
    stat: (async (path: Parameters<typeof fs.stat>[0], ...rest: unknown[]) => {
      denyIn(refused, path);
      return (fs.stat as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.stat,
  };
});

const { Notebook } = await import('../store/notebook');
const { importPaths } = await import('./pipeline');
const { ImportJobs } = await import('./jobs');
const { extractDocument } = await import('./extract');
const { tempDir } = await import('../testing/fixtures');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  refused.clear();
  unlistable.clear();
});
afterEach(() => cleanup());

async function clippings(): Promise<{ folder: string; locked: string; lockedFile: string }> {
  const folder = join(dir, 'clips');
  const locked = join(folder, 'private');
  await mkdir(locked, { recursive: true });
  await writeFile(join(folder, 'a.txt'), 'date 2020-10-04\nRaids\n\nPolice raided 117 locations.');
  await writeFile(join(folder, 'b.txt'), 'Arrests\n\nPolice arrested 41 people.');
  await writeFile(join(locked, 'c.txt'), 'Hidden\n\nNever read.');
  const lockedFile = join(folder, 'b.txt');
  return { folder, locked, lockedFile };
}

it('reports a folder it may not open, names why, and imports the rest', async () => {
  const { folder, locked } = await clippings();
  unlistable.add(locked);
  const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
  const { outcomes } = await importPaths(nb, [folder], { extract: extractDocument });
  expect(outcomes.map((o) => [o.file, o.status])).toEqual([
    [locked, 'failed'],
    [join(folder, 'a.txt'), 'imported'],
    [join(folder, 'b.txt'), 'imported'],
  ]);
  expect(outcomes[0]).toMatchObject({ reason: 'is a folder Dossier could not open (permission denied); the files in it were not imported' });
  expect(
    nb
      .listSources()
      .map((s) => s.title)
      .sort(),
  ).toEqual(['Arrests', 'Raids']);
  await nb.close();
});

it('reports a file it may not look at, and imports the rest', async () => {
  const { folder, lockedFile } = await clippings();
  refused.add(lockedFile);
  const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
  const { outcomes } = await importPaths(nb, [folder], { extract: extractDocument });
  expect(outcomes.find((o) => o.file === lockedFile)).toMatchObject({ status: 'failed', reason: 'could not be read (permission denied)' });
  expect(nb.listSources().map((s) => s.title)).toContain('Raids');
  await nb.close();
});

it('never leaves an import job "reading" when something stops it: it ends ready, saying what happened', async () => {
  const { folder, locked } = await clippings();
  unlistable.add(locked);
  const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
  const jobs = new ImportJobs(extractDocument);
  const id = jobs.start(nb, [folder]);
  await vi.waitFor(() => expect(jobs.status(id, nb).state).toBe('ready'), { timeout: 20_000 });
  const { previews } = jobs.status(id, nb);
  expect(previews.map((p) => p.status)).toEqual(['failed', 'ready', 'ready']);
  // An extractor that throws what no file explains (a bug, a worker gone): the job still ends.
  const broken = new ImportJobs(() => Promise.reject(new TypeError('the reader crashed')));
  const again = broken.start(nb, [join(folder, 'a.txt')]);
  await vi.waitFor(() => expect(broken.status(again, nb).state).toBe('ready'), { timeout: 20_000 });
  expect(broken.status(again, nb).previews.map((p) => [p.status, p.reason])).toEqual([['failed', expect.stringMatching(/the reader crashed/)]]);
  await nb.close();
});
