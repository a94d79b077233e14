/**
 * The backup archive: a notebook exported and restored into an empty folder is the same notebook
 * (every record, text and original, deep-equal); a damaged or foreign archive is refused with the
 * reason and leaves nothing behind; what the central directory or the list claims is checked before
 * anything is inflated, and what neither names is never inflated.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { resolveConflict, saveSummary } from '../factsheet/service';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { backupNotebook, restoreBackup } from './backup';
import type { TaskControl } from '../tasks';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
let nb: Notebook;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, join(dir, 'sample'));
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

/** Everything a notebook holds, as the app reads it. */
async function contents(n: Notebook) {
  const sources = n.listSources();
  return {
    info: { ...n.info, path: null },
    sources,
    annotations: [...n.allAnnotations()].map(({ annotation }) => annotation),
    entities: n.entities,
    factsheet: n.factsheet,
    texts: await Promise.all(sources.map((s) => n.getText(s.contentHash))),
    originals: await Promise.all(sources.map((s) => n.readOriginal(s.id))),
  };
}

async function filesUnder(root: string, at = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, at), { withFileTypes: true })) {
    const rel = at ? `${at}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Writes archive bytes to a file beside the notebook and answers its path. */
async function archiveFile(bytes: Uint8Array, name = `a-${Math.random().toString(36).slice(2)}.zip`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** The open notebook backed up to a file; answers its path, bytes and file count. */
async function backUp(n: Notebook, control?: TaskControl) {
  return backupNotebook(n, join(dir, `backup-${Math.random().toString(36).slice(2)}.zip`), { control });
}

/**
 * Rewrites what an archive's central directory says of one entry (its sizes), as a hostile or
 * damaged archive would: the data stays as it is.
 */
function patchCentralDirectory(bytes: Uint8Array, name: string, sizes: { compressed?: number; uncompressed?: number }): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = out.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const here = out.subarray(at + 46, at + 46 + nameLength);
    if (nameLength !== wanted.length || !here.every((b, i) => b === wanted[i])) continue;
    if (sizes.compressed !== undefined) view.setUint32(at + 20, sizes.compressed, true);
    if (sizes.uncompressed !== undefined) view.setUint32(at + 24, sizes.uncompressed, true);
    return out;
  }
  throw new Error(`no central directory entry for ${name}`);
}

const controlled = () => {
  const controller = new AbortController();
  const reports: { step: string; done: number; total: number }[] = [];
  const control: TaskControl = { signal: controller.signal, report: (step, done, total) => reports.push({ step, done, total }) };
  return { controller, reports, control };
};

describe('the backup archive', () => {
  it('restores into an empty folder as the same notebook: records, texts, originals, resolutions and summaries', async () => {
    // Something of every kind: an imported file with its original, a resolution, a summary, a version.
    await nb.addSource({
      title: 'Raids in Kochi',
      outlet: 'The Hindu',
      published: '2021-03',
      text: 'Police raided 12 places in Kochi. മലയാളം വാർത്ത.',
      provenance: { method: 'text-file', fileName: 'kochi.txt', url: 'https://example.org/kochi' },
      originalBytes: strToU8('Police raided 12 places in Kochi. മലയാളം വാർത്ത.'),
    });
    const round = nb.entities.entities.find((e) => e.name === 'P-Hunt 20.2')!;
    await resolveConflict(nb, { entityId: round.id, metric: 'cases registered', value: 269, note: 'FIR register' });
    await saveSummary(nb, { entityId: null, summary: 'The story so far.' });
    await mkdir(join(nb.paths.dir, 'cache'), { recursive: true });
    await writeFile(join(nb.paths.dir, 'cache', 'search-sources-1of1.json'), '{"rebuildable": true}');

    const { reports, control } = controlled();
    const written = await backUp(nb, control);
    const bytes = await readFile(written.path);
    expect(written.bytes).toBe(bytes.byteLength);
    const listed = JSON.parse(new TextDecoder().decode(unzipSync(bytes)['dossier-backup.json']));
    expect(listed.files.map((f: { path: string }) => f.path)).not.toContain('cache/search-sources-1of1.json');
    expect(written.files).toBe(listed.files.length);
    // Progress went up to the whole notebook's size; no temporary file is left beside the archive.
    const last = reports.at(-1)!;
    expect(last.done).toBe(listed.files.reduce((sum: number, f: { bytes: number }) => sum + f.bytes, 0));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const target = join(dir, 'restored');
    const restoring = controlled();
    expect(await restoreBackup(written.path, target, { control: restoring.control })).toEqual({ files: written.files, name: 'Operation P-Hunt (sample)' });
    expect(restoring.reports.at(-1)).toMatchObject({ step: 'Restoring the notebook', done: last.done, total: last.done });
    const restored = await Notebook.open(target);
    try {
      expect(await contents(restored)).toEqual(await contents(nb));
      expect(restored.problems).toEqual([]);
      // Byte for byte, but for the search cache and the lock.
      const original = (await filesUnder(nb.paths.dir)).filter((f) => !f.startsWith('cache/') && !f.startsWith('.dossier.lock'));
      expect((await filesUnder(target)).filter((f) => !f.startsWith('.dossier.lock'))).toEqual(original);
      for (const f of original) expect(await readFile(join(target, f)), f).toEqual(await readFile(join(nb.paths.dir, f)));
    } finally {
      await restored.close();
    }
  });

  it('refuses a damaged, foreign or unsafe archive, or a folder that is not empty, and leaves nothing behind', async () => {
    const bytes = await readFile((await backUp(nb)).path);
    const target = join(dir, 'restored');
    const nothingLeft = async () => expect((await readdir(dir)).filter((f) => !f.endsWith('.zip')).sort()).toEqual(['sample']);

    await expect(restoreBackup(await archiveFile(strToU8('not a zip at all')), target)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not a zip archive/) });
    await expect(restoreBackup(await archiveFile(zipSync({ 'notes.txt': strToU8('hello') })), target)).rejects.toThrow(/has no dossier-backup\.json/);

    // One text altered inside the archive: its checksum no longer matches.
    const entries = unzipSync(bytes);
    const body = Object.keys(entries).find((p) => /^(bodies|packs)\//.test(p))!;
    expect(body).toBeDefined();
    const list = JSON.parse(new TextDecoder().decode(entries['dossier-backup.json']));
    const listedBody = list.files.find((f: { path: string }) => f.path === body);
    const altered = strToU8('x'.repeat(listedBody.bytes));
    await expect(restoreBackup(await archiveFile(zipSync({ ...entries, [body]: altered })), target)).rejects.toThrow(new RegExp(`copy of ${body.replace('.', '\\.')} is damaged \\(its checksum`));
    await expect(restoreBackup(await archiveFile(zipSync({ ...entries, [body]: strToU8('short') })), target)).rejects.toThrow(new RegExp(`copy of ${body.replace('.', '\\.')} is damaged \\(its size`));
    await nothingLeft();

    const escaping = zipSync({ ...entries, 'dossier-backup.json': strToU8(JSON.stringify({ ...list, files: [...list.files, { path: '../outside.txt', bytes: 1, sha256: '0'.repeat(64) }] })) });
    await expect(restoreBackup(await archiveFile(escaping), target)).rejects.toThrow(/outside its notebook/);
    const twice = zipSync({ ...entries, 'dossier-backup.json': strToU8(JSON.stringify({ ...list, files: [...list.files, list.files[0]] })) });
    await expect(restoreBackup(await archiveFile(twice), target)).rejects.toThrow(/names .* twice/);
    const { [body]: _dropped, ...withoutBody } = entries;
    await expect(restoreBackup(await archiveFile(zipSync(withoutBody)), target)).rejects.toThrow(new RegExp(`missing ${body.replace('.', '\\.')}`));
    await nothingLeft();

    await mkdir(target);
    await writeFile(join(target, 'mine.txt'), 'the reporter’s file');
    await expect(restoreBackup(await archiveFile(bytes), target)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readdir(target)).toEqual(['mine.txt']);
  });

  it('never inflates an entry the list does not name, and checks sizes and ratios before inflating anything', async () => {
    const bytes = await readFile((await backUp(nb)).path);
    const entries = unzipSync(bytes);
    const target = join(dir, 'restored');
    // An unlisted entry whose central directory lies about its size: inflating it would fail (and
    // a real bomb would fill memory); never read, it changes nothing.
    const withStowaway = patchCentralDirectory(zipSync({ ...entries, 'stowaway.bin': new Uint8Array(4 * 1024 * 1024) }), 'stowaway.bin', { uncompressed: 10 });
    expect(await restoreBackup(await archiveFile(withStowaway), target)).toMatchObject({ name: 'Operation P-Hunt (sample)' });
    expect(await readdir(target)).not.toContain('stowaway.bin');

    // A listed entry that claims to inflate far beyond what deflate can do.
    const list = JSON.parse(new TextDecoder().decode(entries['dossier-backup.json']));
    const shard = list.files.find((f: { path: string }) => f.path.startsWith('sources/'));
    const claimed = 3_000_000_000;
    const lyingList = strToU8(JSON.stringify({ ...list, files: list.files.map((f: { path: string }) => (f.path === shard.path ? { ...f, bytes: claimed } : f)) }));
    const bomb = patchCentralDirectory(zipSync({ ...entries, 'dossier-backup.json': lyingList }), shard.path, { uncompressed: claimed });
    await expect(restoreBackup(await archiveFile(bomb), join(dir, 'bomb'))).rejects.toThrow(/claims to inflate .* times, more than compression can/);

    // An entry whose data inflates to more than its central directory says: cut off and refused.
    const longer = patchCentralDirectory(bytes, shard.path, { uncompressed: shard.bytes - 1 });
    const shorterList = strToU8(JSON.stringify({ ...list, files: list.files.map((f: { path: string; bytes: number }) => (f.path === shard.path ? { ...f, bytes: f.bytes - 1 } : f)) }));
    const liar = patchCentralDirectory(zipSync({ ...unzipSync(longer, { filter: (f) => f.name !== shard.path }), [shard.path]: entries[shard.path], 'dossier-backup.json': shorterList }), shard.path, {
      uncompressed: shard.bytes - 1,
    });
    await expect(restoreBackup(await archiveFile(liar), join(dir, 'liar'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/damaged/) });

    // More than the total Dossier restores (lowered here; by default 64 GB, and never more than the disk's free space).
    await expect(restoreBackup(await archiveFile(bytes), join(dir, 'capped'), { limits: { totalBytes: 1000 } })).rejects.toThrow(/would take .* more than the .* Dossier restores/);
    await expect(restoreBackup(await archiveFile(bytes), join(dir, 'many'), { limits: { entries: 3 } })).rejects.toThrow(/entries, more than the 3 a notebook can have/);
    expect((await readdir(dir)).filter((f) => !f.endsWith('.zip')).sort()).toEqual(['restored', 'sample']);
  });

  it('stops when cancelled, leaving no archive, no half notebook and no temporary file', async () => {
    const backup = controlled();
    backup.controller.abort();
    const path = join(dir, 'cancelled.zip');
    await expect(backupNotebook(nb, path, { control: backup.control })).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/was not written/) });
    expect(await readdir(dir)).toEqual(['sample']);

    const archive = (await backUp(nb)).path;
    const restore = controlled();
    // Cancelled once the restore is under way, after its first bytes are written.
    const control: TaskControl = { signal: restore.control.signal, report: (step, done, total) => (done > 0 ? restore.controller.abort() : restore.reports.push({ step, done, total })) };
    await expect(restoreBackup(archive, join(dir, 'restored'), { control })).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/Nothing was restored/) });
    expect((await readdir(dir)).sort()).toEqual([archive.split('/').at(-1), 'sample'].sort());
  });

  it('refuses to write over a file unless told, and into a folder that does not exist', async () => {
    const path = join(dir, 'existing.zip');
    await writeFile(path, 'the reporter’s other file');
    await expect(backupNotebook(nb, path)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readFile(path, 'utf8')).toBe('the reporter’s other file');
    await expect(backupNotebook(nb, join(dir, 'no-such-folder', 'b.zip'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await backupNotebook(nb, path, { overwrite: true })).files).toBeGreaterThan(5);
  });

  it('clears what a killed backup or restore to the same place left, and nothing of a process still running', async () => {
    // A process that has exited: its id is free.
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const path = join(dir, 'p-hunt.zip');
    await writeFile(join(dir, `p-hunt.zip.${dead}-0123abcd.tmp`), 'half an archive');
    await writeFile(join(dir, `p-hunt.zip.${process.pid}-4567abcd.tmp`), 'this process is writing it');
    await writeFile(join(dir, `other.zip.${dead}-89abcdef.tmp`), 'another archive’s');
    await backupNotebook(nb, path);
    expect((await readdir(dir)).sort()).toEqual([`other.zip.${dead}-89abcdef.tmp`, 'p-hunt.zip', `p-hunt.zip.${process.pid}-4567abcd.tmp`, 'sample'].sort());

    await mkdir(join(dir, `restored.restoring-${dead}-0123abcd`, 'sources'), { recursive: true });
    await restoreBackup(path, join(dir, 'restored'));
    expect((await readdir(dir)).filter((f) => f.startsWith('restored'))).toEqual(['restored']);
  });
});
