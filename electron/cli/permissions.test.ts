/**
 * Permissions as the kernel enforces them, not as a shim pretends: the built CLI runs as a real
 * other user (nobody, uid 65534) over notebooks and folders whose owners and modes are set as on
 * a shared laptop. Only root may start a process as another user; elsewhere these tests skip with
 * one loud line (the shim tests in store/unreadable.test.ts cover the same paths everywhere).
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/fixtures';

const CLI = resolve('out/node/cli.js');
const NOBODY = 65534;

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir: string;
let cleanup: () => Promise<void>;
let home: string;

/** Runs the built CLI as nobody, with a home of its own. */
function asNobody(...argv: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...argv], { uid: NOBODY, gid: NOBODY, cwd: dir, env: { ...process.env, HOME: home, DOSSIER_HOME: home }, timeout: 120_000 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

/** Runs the built CLI as this (root) process does. */
function asRoot(...argv: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...argv], { cwd: dir, env: { ...process.env, DOSSIER_HOME: join(dir, 'root-home') }, timeout: 120_000 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

/** Why nobody cannot run the CLI here, or null when it can. */
async function whyNot(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'only root may start a process as another user';
  const probe = await asNobody('--version');
  if (probe.code !== 0) return `the user nobody cannot run ${CLI} here (${probe.err.trim().split('\n')[0] || `exit ${probe.code}`})`;
  return null;
}

let skip: string | null = null;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  // The temporary folder is root's and private: others may enter it, as a user's home would let them.
  await chmod(dir, 0o755);
  home = join(dir, 'nobody-home');
  await mkdir(home);
  await chown(home, NOBODY, NOBODY);
  skip = await whyNot();
  if (skip) console.warn(`Skipping the permission tests: ${skip}.`);
});
afterEach(() => cleanup());

/** Gives a whole folder to nobody, as a notebook made by that user would be. */
async function giveToNobody(path: string): Promise<void> {
  await chown(path, NOBODY, NOBODY);
  if ((await stat(path)).isDirectory()) for (const name of await readdir(path)) await giveToNobody(join(path, name));
}

/** Every file of a folder with its bytes, to show nothing changed. */
async function tree(path: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files[file.slice(path.length + 1)] = (await readFile(file)).toString('base64');
  }
  return files;
}

describe('as a user who may not read or write everything', () => {
  it('opens the notebook without a source file it may not read, names the file, and check says repair cannot change permissions', async () => {
    if (skip) return;
    const nb = join(dir, 'sample');
    expect((await asRoot('init', nb, '--sample')).code).toBe(0);
    await giveToNobody(nb);
    // Without the open cache every shard is read from its own file, as after an upgrade.
    await rm(join(nb, 'cache'), { recursive: true, force: true });
    const locked = join(nb, 'sources', '000_7baca0de28e0a4fd.json');
    await chmod(locked, 0o000);

    const listed = await asNobody('sources', '--notebook', nb);
    expect(listed.code).toBe(0);
    const ids = listed.out
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain('000_7baca0de28e0a4fd');
    expect(listed.err).toMatch(/^Note: sources\/000_7baca0de28e0a4fd\.json: Could not read this source's file \(permission denied\); the notebook opened without it and left the file where it is/m);
    // Left where it was, unread and unmoved.
    expect((await stat(locked)).mode & 0o777).toBe(0);

    const checked = await asNobody('check', '--notebook', nb);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain('sources/000_7baca0de28e0a4fd.json: cannot be read: permission denied');
    expect(checked.out).toMatch(/1 problem in 4 sources, \d+ annotations and 4 texts\. This user may not read that file; --repair cannot change permissions\./);

    // Readable again: the source is back, nothing was lost.
    await chmod(locked, 0o644);
    expect((await asNobody('sources', '--notebook', nb)).out).toContain('000_7baca0de28e0a4fd');
    expect((await asNobody('check', '--notebook', nb)).out).toMatch(/^No problems: 5 sources/);
  }, 240_000);

  it('opens a notebook in a folder it may not write read-only: reads work, an import is refused whole, and no file changes', async () => {
    if (skip) return;
    const nb = join(dir, 'shared');
    expect((await asRoot('init', nb, '--sample')).code).toBe(0);
    // root's notebook, mode 755: nobody may read it all and write nothing.
    const before = await tree(nb);
    const clipping = join(home, 'clipping.txt');
    await writeFile(clipping, 'Police registered 12 more cases in Kochi on Friday.\n');
    await chown(clipping, NOBODY, NOBODY);

    const listed = await asNobody('sources', '--notebook', nb);
    expect(listed.code).toBe(0);
    expect(listed.out.trim().split('\n')).toHaveLength(6);
    expect(listed.err).toContain('Note: this notebook is open read-only: you may not write to its folder. Nothing can be changed.');
    const found = await asNobody('search', 'P-Hunt', '--notebook', nb);
    expect(found.code).toBe(0);
    expect(found.out).toMatch(/P[- ]Hunt/i);

    const imported = await asNobody('import', clipping, '--notebook', nb);
    expect(imported.code).toBe(1);
    expect(imported.err).toContain('This notebook is open read-only: you may not write to its folder. Nothing was changed.');
    expect(imported.out).not.toMatch(/^imported/m);
    const snapshot = await asNobody('snapshots', 'take', '--notebook', nb);
    expect(snapshot.code).toBe(1);
    expect(snapshot.err).toMatch(/read-only/);
    expect(await tree(nb)).toEqual(before);
  }, 240_000);

  it('imports a folder with a subfolder it may not open: names that folder, imports the rest', async () => {
    if (skip) return;
    const nb = join(dir, 'mine');
    expect((await asRoot('init', nb, '--name', 'Election finance')).code).toBe(0);
    await giveToNobody(nb);
    const clippings = join(dir, 'clippings');
    await mkdir(join(clippings, 'private'), { recursive: true });
    await writeFile(join(clippings, 'kochi.txt'), 'Police registered 40 cases in Kochi.\n\nThe raids began at dawn.\n');
    await writeFile(join(clippings, 'thrissur.txt'), 'Twelve people were arrested in Thrissur.\n');
    await writeFile(join(clippings, 'private', 'source.txt'), 'A name that must not be read.\n');
    // root's private folder: nobody may not list it.
    await chmod(join(clippings, 'private'), 0o700);

    const imported = await asNobody('import', clippings, '--notebook', nb);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain(`failed      ${join(clippings, 'private')}: is a folder Dossier could not open (permission denied); the files in it were not imported`);
    expect(imported.out).toMatch(/^imported {4}.*kochi\.txt → “kochi”/m);
    expect(imported.out).toMatch(/^imported {4}.*thrissur\.txt → “thrissur”/m);
    expect(imported.out).toContain('2 imported, 0 duplicate, 0 new version, 1 failed.');
    const titles = (await asNobody('sources', '--notebook', nb)).out;
    expect(titles).toContain('kochi');
    expect(titles).not.toContain('source');
  }, 240_000);
});
