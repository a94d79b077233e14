/**
 * A shard file the process may not read (another user's file, a disk error) does not stop the
 * notebook from opening: it is named, left where it is, and the rest opens. The tests run as root
 * here, where permissions are not enforced, so a shim over node:fs answers EACCES for the files a
 * test names, as the kernel would.
 */
import { rm } from 'node:fs/promises';
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const refused = new Set<string>();
const denied = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  return {
    ...fs,
    readFileSync: ((path: Fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (refused.has(String(path))) throw denied(path);
      return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readFileSync,
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  return {
    ...fs,
    readFile: (async (path: Parameters<typeof fs.readFile>[0], ...rest: unknown[]) => {
      if (refused.has(String(path))) throw denied(path);
      return (fs.readFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readFile,
  };
});

const { Notebook } = await import('./notebook');
const { tempDir } = await import('../testing/fixtures');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  refused.clear();
});
afterEach(() => cleanup());

const article = (i: number) => ({
  title: `Report ${i}`,
  outlet: null,
  published: null,
  text: `Police registered ${100 + i} cases.`,
  provenance: { method: 'paste' as const, fileName: null, url: null },
});

it.each([3, 300])('opens a notebook of %i sources without the one it may not read, naming it and leaving it in place', async (count) => {
  const path = join(dir, 'nb');
  const nb = await Notebook.create(path, { name: 'n' });
  const added = (await nb.addSources(Array.from({ length: count }, (_, i) => article(i)))) as { id: string; title: string }[];
  await nb.close();
  // No open cache: every shard is read from its own file (one by one for a few, at once for many).
  await rm(join(path, 'cache'), { recursive: true, force: true });
  const locked = join(path, 'sources', `${added[1].id}.json`);
  refused.add(locked);
  const opened = await Notebook.open(path);
  expect(opened.listSources()).toHaveLength(count - 1);
  expect(opened.listSources().map((s) => s.id)).not.toContain(added[1].id);
  expect(opened.problems).toEqual([
    {
      file: join('sources', `${added[1].id}.json`),
      message: expect.stringMatching(/^Could not read this source's file \(permission denied\); the notebook opened without it and left the file where it is/),
      keptAt: null,
    },
  ]);
  await opened.close();
  // Readable again: it is back, nothing was lost.
  refused.clear();
  const again = await Notebook.open(path);
  expect(again.listSources()).toHaveLength(count);
  expect(again.problems).toEqual([]);
  await again.close();
});
