/**
 * A whole notebook in one archive, and back. The archive is a zip of the notebook's folder as it
 * is on disk — manifest, shards, entities, fact-sheet notes, texts, originals, packs, set-aside
 * files — with `dossier-backup.json` listing every file and its sha256. Left out: the lock,
 * temporary files of unfinished writes, `cache/` (the search index, rebuilt at open) and `sync/`
 * (a team notebook's replica and connection: a restored backup is a notebook of its own, which
 * can be shared again).
 *
 * Both ways stream, one file at a time, so memory stays flat whatever the notebook's size; the
 * compression runs on Node's thread pool (zlib), so the API keeps answering. Writing (yazl) goes
 * to a temporary file beside the target, synced and renamed: a failure or a Cancel leaves no
 * half archive. Reading (yauzl) starts from the archive's central directory: the list is read
 * first (its size capped), every listed file is checked against it — size, compression ratio,
 * the total against the disk's free space — before anything is inflated, entries the list does
 * not name are never inflated, and each file is inflated into a folder beside the target while
 * its sha256 is checked; only a whole, checked notebook is renamed into place. A damaged, hostile
 * or foreign archive is refused with the reason and leaves nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import * as z from 'zod';
import { DossierError } from '../../../shared/api/result';
import { checkExportPath } from '../files';
import { throwIfCancelled, untracked, type TaskControl } from '../tasks';
import { faultPoint } from './fault-points';
import { fsyncFolder } from './durable-file';
import { escapeRegExp, gone } from './leftovers';
import type { Notebook } from './notebook';

export const BACKUP_FORMAT = 'dossier-backup-1';
const LIST = 'dossier-backup.json';

/** What a restore accepts; a test may lower them. */
export interface RestoreLimits {
  /** The list of files, inflated. */
  listBytes: number;
  /** Every listed file together, inflated (and never more than the disk's free space). */
  totalBytes: number;
  /** Entries in the archive's central directory. */
  entries: number;
}

/** 256 MB of list (about two million files), 64 GB of notebook, two million entries. */
export const RESTORE_LIMITS: RestoreLimits = { listBytes: 256 * 1024 * 1024, totalBytes: 64 * 1024 ** 3, entries: 2_000_000 };

/** Deflate cannot shrink anything more than about 1,032 to 1: an entry claiming more is lying. */
const DEFLATE_MAX_RATIO = 1032;

const BackupList = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  notebook: z.object({ id: z.string(), name: z.string() }),
  /** A backup holds the whole notebook; a snapshot only its records (snapshots.ts). */
  kind: z.enum(['backup', 'snapshot']).default('backup'),
  /** What the notebook held, to list snapshots without opening them. */
  summary: z.object({ sources: z.number().int().nonnegative(), annotations: z.number().int().nonnegative(), entities: z.number().int().nonnegative() }).optional(),
  files: z.array(z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
/** The list of files an archive holds, with what it is. */
export type BackupList = z.infer<typeof BackupList>;

/** Files of the folder, as paths relative to it with forward slashes, with their sizes; what is left out is said in the module comment. */
async function filesOf(dir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (rel === 'cache' || rel === 'snapshots' || rel === 'sync' || rel.startsWith('.dossier.lock') || entry.name.endsWith('.tmp') || /\.\d+\.\d+\.tmp$/.test(entry.name)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push({ path: rel, size: (await stat(full).catch(() => null))?.size ?? 0 });
    }
  };
  await walk(dir);
  // Shards and documents before the texts they name: texts are written first and never change,
  // so every text a shard read here names is on disk when it is read after.
  const late = (p: string) => /^(bodies|originals|packs)\//.test(p);
  return out.sort((a, b) => Number(late(a.path)) - Number(late(b.path)) || a.path.localeCompare(b.path));
}

const ioWhy = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC'
    ? 'the disk is full'
    : code === 'EACCES' || code === 'EPERM'
      ? 'the folder is not writable'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : ((e as Error)?.message ?? String(e));
};

/** Whether a file of the notebook is one of its records (what a snapshot keeps): not a text, an original, a pack or a set-aside file, which never change once written. */
export function isRecord(path: string): boolean {
  return !/^(bodies|originals|packs|quarantine)\//.test(path);
}

/**
 * Writes the open notebook to an archive at `path` (an existing file is replaced only with
 * `overwrite`); answers where, how many bytes and how many files.
 */
export async function backupNotebook(
  notebook: Notebook,
  path: string,
  options: { overwrite?: boolean; control?: TaskControl; createdAt?: string; snapshot?: boolean } = {},
): Promise<{ path: string; bytes: number; files: number }> {
  const control = options.control ?? untracked();
  await checkExportPath(path, options.overwrite ?? false);
  const dir = notebook.paths.dir;
  const files = (await filesOf(dir)).filter((f) => !options.snapshot || isRecord(f.path));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const summary = { sources: notebook.info.sourceCount, annotations: notebook.annotationCount, entities: notebook.entities.entities.filter((e) => e.mergedInto === null).length };
  const list: BackupList = {
    format: BACKUP_FORMAT,
    kind: options.snapshot ? 'snapshot' : 'backup',
    summary,
    createdAt: options.createdAt ?? new Date().toISOString(),
    notebook: { id: notebook.info.id, name: notebook.info.name },
    files: [],
  };
  await removeStale(dirname(path), new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)-[0-9a-f]{8}\\.tmp$`));
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const cancelled = new DossierError('CANCELLED', `Cancelled. ${path} was not written.`);
  const zip = new yazl.ZipFile();
  let done = 0;
  control.report('Writing the archive', 0, total);
  for (const file of files) {
    // Texts compress well; packs and originals (PDF, Word) are often compressed already.
    const compress = !/^(packs|originals)\//.test(file.path);
    zip.addReadStreamLazy(file.path, { compress, mtime: new Date(list.createdAt), mode: 0o100644 }, (give) => {
      if (control.signal.aborted) return give(cancelled, undefined as never);
      const hash = createHash('sha256');
      let bytes = 0;
      let vanished = false;
      const source = createReadStream(join(dir, ...file.path.split('/')));
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          if (control.signal.aborted) return next(cancelled);
          hash.update(chunk);
          bytes += chunk.length;
          done += chunk.length;
          control.report('Writing the archive', done, Math.max(total, done));
          next(null, chunk);
        },
        flush(next) {
          // A file deleted since the folder was listed (a source deleted meanwhile) goes in empty and
          // unlisted: a restore never reads an entry the list does not name.
          if (!vanished) list.files.push({ path: file.path, bytes, sha256: hash.digest('hex') });
          next();
        },
      });
      source.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') {
          vanished = true;
          tap.end();
        } else tap.destroy(e);
      });
      tap.on('error', (e) => zip.emit('error', e));
      give(null, source.pipe(tap));
    });
  }
  // Asked for only when every file before it has gone through, so the list is complete.
  zip.addReadStreamLazy(LIST, { mtime: new Date(list.createdAt), mode: 0o100644 }, (give) => {
    faultPoint('backup:before-list');
    give(null, Readable.from([Buffer.from(JSON.stringify(list, null, 2))]));
  });
  zip.end();
  const out = createWriteStream(temp, { flags: 'wx' });
  zip.on('error', (e: Error) => (zip.outputStream as Readable).destroy(e));
  try {
    await pipeline(zip.outputStream, out);
    throwIfCancelled(control.signal, `${path} was not written.`);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    faultPoint('backup:before-rename');
    await rename(temp, path);
    await fsyncFolder(dirname(path));
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (e instanceof DossierError) throw e;
    throw new DossierError('IO_ERROR', `Could not save ${path}: ${ioWhy(e)}. Nothing was written.`);
  }
  const bytes = (await stat(path)).size;
  return { path, bytes, files: list.files.length };
}

/**
 * Removes what an earlier backup or restore to the same place left when its process was killed (a
 * temporary archive, a half-built folder): only names of the pattern this module makes, whose
 * process id (the pattern's first group) is no longer running.
 */
export async function removeStale(folder: string, pattern: RegExp): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const m = pattern.exec(name);
    return m !== null && Number(m[1]) !== process.pid && gone(Number(m[1]));
  });
  await Promise.all(stale.map((name) => rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined)));
}

/** A path from an archive that stays inside the folder it is restored into. */
function safePath(path: string): boolean {
  return (
    !path.startsWith('/') && !path.includes('\\') && !/^[A-Za-z]:/.test(path) && !path.split('/').some((part) => part === '..' || part === '' || part === '.') && path !== LIST && !path.includes('\0')
  );
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => null);
  if (!s) return true;
  return s.isDirectory() && (await readdir(dir)).length === 0;
}

const notABackup = (why: string) => new DossierError('INVALID_INPUT', `This is not a Dossier backup Dossier can read: ${why}. Nothing was restored.`);

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((done, fail) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (e, zip) =>
      e ? fail(notABackup(`it is not a zip archive (${e.message})`)) : done(zip),
    ),
  );

/** The archive's central directory, by file name: nothing is inflated. */
function entriesOf(zip: yauzl.ZipFile, limit: number): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limit) return Promise.reject(notABackup(`it holds ${zip.entryCount.toLocaleString('en')} entries, more than the ${limit.toLocaleString('en')} a notebook can have`));
  return new Promise((done, fail) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.has(entry.fileName)) return fail(notABackup(`it holds ${entry.fileName} twice`));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => done(entries));
    zip.on('error', (e: Error) => fail(notABackup(`its list of entries is damaged (${e.message})`)));
    zip.readEntry();
  });
}

const readStreamOf = (zip: yauzl.ZipFile, entry: yauzl.Entry) => new Promise<Readable>((done, fail) => zip.openReadStream(entry, (e, stream) => (e ? fail(e) : done(stream))));

const gb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** Checks one central-directory entry against what the list says of it, before anything is inflated. */
function checkEntry(entry: yauzl.Entry | undefined, listed: { path: string; bytes: number }): yauzl.Entry {
  if (!entry) throw new DossierError('INVALID_INPUT', `The backup is missing ${listed.path}; nothing was restored.`);
  if (entry.isEncrypted() || !entry.canDecodeFileData()) throw notABackup(`${listed.path} is encrypted or compressed in a way Dossier does not write`);
  if (entry.uncompressedSize !== listed.bytes) throw new DossierError('INVALID_INPUT', `The backup's copy of ${listed.path} is damaged (its size does not match the list); nothing was restored.`);
  if (entry.uncompressedSize > DEFLATE_MAX_RATIO * entry.compressedSize + 1024)
    throw notABackup(`${listed.path} claims to inflate ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times, more than compression can`);
  return entry;
}

/** An archive opened and checked (see the module comment): its list, and the entries it names. */
export interface CheckedArchive {
  list: BackupList;
  /** Bytes of every listed file together. */
  total: number;
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

/**
 * Opens an archive and checks its list against its central directory, inflating nothing but the
 * list; throws a DossierError naming the problem. Close `zip` when done.
 */
export async function openArchive(archivePath: string, limits: RestoreLimits = RESTORE_LIMITS): Promise<CheckedArchive> {
  const zip = await openZip(archivePath);
  try {
    const entries = await entriesOf(zip, limits.entries);
    const listEntry = entries.get(LIST);
    if (!listEntry) throw new DossierError('INVALID_INPUT', `This is not a Dossier backup: it has no ${LIST}.`);
    if (listEntry.uncompressedSize > limits.listBytes) throw notABackup(`its ${LIST} would be ${gb(listEntry.uncompressedSize)}`);
    let list: BackupList;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await readStreamOf(zip, listEntry)) chunks.push(chunk as Buffer);
      list = BackupList.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      throw new DossierError('INVALID_INPUT', `This is not a Dossier backup Dossier can read: its ${LIST} is damaged or of another version.`);
    }
    const seen = new Set<string>();
    let total = 0;
    for (const f of list.files) {
      if (!safePath(f.path)) throw new DossierError('INVALID_INPUT', `The backup names a file outside its notebook (${f.path}); nothing was restored.`);
      if (seen.has(f.path)) throw notABackup(`its list names ${f.path} twice`);
      seen.add(f.path);
      checkEntry(entries.get(f.path), f);
      total += f.bytes;
    }
    if (!seen.has('notebook.json')) throw new DossierError('INVALID_INPUT', 'The backup has no notebook.json: it is not a whole notebook.');
    if (total > limits.totalBytes) throw notABackup(`its files would take ${gb(total)}, more than the ${gb(limits.totalBytes)} Dossier restores`);
    return { list, total, zip, entries };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/**
 * Inflates every listed file of a checked archive into `building` (a new folder), each checked
 * against its sha256 as it is written and synced. Throws a DossierError naming the problem; the
 * caller removes `building` then.
 */
export async function extractArchive(archive: CheckedArchive, building: string, control: TaskControl): Promise<void> {
  const { list, total, zip, entries } = archive;
  const folders = new Set<string>([building]);
  let done = 0;
  await mkdir(building, { recursive: true });
  for (const f of list.files) {
    throwIfCancelled(control.signal, 'Nothing was restored.');
    const to = join(building, ...f.path.split('/'));
    await mkdir(dirname(to), { recursive: true });
    for (let at = dirname(to); at.length > building.length; at = dirname(at)) folders.add(at);
    const hash = createHash('sha256');
    const handle = await open(to, 'wx');
    try {
      let stream: Readable;
      try {
        stream = await readStreamOf(zip, entries.get(f.path)!);
      } catch (e) {
        throw new DossierError('INVALID_INPUT', `The backup's copy of ${f.path} is damaged (${(e as Error).message}); nothing was restored.`);
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (control.signal.aborted) {
            stream.destroy();
            break;
          }
          hash.update(chunk);
          await handle.write(chunk);
          done += chunk.length;
          control.report('Restoring the notebook', done, total);
          faultPoint('restore:mid-file');
        }
      } catch (e) {
        if (e instanceof DossierError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code && code !== 'Z_DATA_ERROR' && code !== 'Z_BUF_ERROR') throw e;
        throw new DossierError('INVALID_INPUT', `The backup's copy of ${f.path} is damaged (${(e as Error).message}); nothing was restored.`);
      }
      throwIfCancelled(control.signal, 'Nothing was restored.');
      if (hash.digest('hex') !== f.sha256) throw new DossierError('INVALID_INPUT', `The backup's copy of ${f.path} is damaged (its checksum does not match); nothing was restored.`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  for (const folder of folders) await fsyncFolder(folder);
}

/** One listed file of a checked archive, inflated and checked against its sha256; null when the archive has no such file or its copy is damaged. */
export async function readArchiveFile(archive: CheckedArchive, path: string): Promise<Buffer | null> {
  const listed = archive.list.files.find((f) => f.path === path);
  const entry = archive.entries.get(path);
  if (!listed || !entry || listed.bytes > 64 * 1024 * 1024) return null;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of (await readStreamOf(archive.zip, entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    return createHash('sha256').update(bytes).digest('hex') === listed.sha256 ? bytes : null;
  } catch {
    return null;
  }
}

/** What a failed restore says: the archive's own damage (a size that lies, a broken stream) is the archive's, not the disk's. */
export function restoreFailure(e: unknown, dir: string): DossierError {
  if (e instanceof DossierError) return e;
  if (!(e as NodeJS.ErrnoException).code) return new DossierError('INVALID_INPUT', `The backup is damaged (${(e as Error).message}); nothing was restored.`);
  return new DossierError('IO_ERROR', `Could not restore the notebook into ${dir}: ${ioWhy(e)}. Nothing was left there.`);
}

/**
 * Restores the archive at `archivePath` into `target`, which must not exist or be empty (see the
 * module comment). Throws a DossierError naming the problem, leaving nothing behind.
 */
export async function restoreBackup(archivePath: string, target: string, options: { control?: TaskControl; limits?: Partial<RestoreLimits> } = {}): Promise<{ files: number; name: string }> {
  const control = options.control ?? untracked();
  const dir = resolve(target);
  control.report('Checking the archive', 0, 0);
  const archive = await openArchive(archivePath, { ...RESTORE_LIMITS, ...options.limits });
  try {
    const { list, total } = archive;
    if (list.kind === 'snapshot')
      throw new DossierError('INVALID_INPUT', 'This is a snapshot of a notebook’s records, not a whole backup: restore it from Notebook ▸ Snapshots of the notebook it belongs to.');
    if (!(await isMissingOrEmpty(dir))) throw new DossierError('ALREADY_EXISTS', `${dir} is not empty; choose an empty or new folder to restore the notebook into.`);
    await mkdir(dirname(dir), { recursive: true });
    const free = await statfs(dirname(dir))
      .then((s) => s.bavail * s.bsize)
      .catch(() => Infinity);
    if (total > free) throw new DossierError('IO_ERROR', `The notebook needs ${gb(total)} and the disk has ${gb(free)} free; nothing was restored.`);
    await removeStale(dirname(dir), new RegExp(`^${escapeRegExp(basename(dir))}\\.restoring-(\\d+)-[0-9a-f]{8}$`));
    const building = `${dir}.restoring-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await extractArchive(archive, building, control);
      faultPoint('restore:before-rename');
      await rmdir(dir).catch(() => undefined);
      await rename(building, dir);
      await fsyncFolder(dirname(dir));
    } catch (e) {
      await rm(building, { recursive: true, force: true });
      throw restoreFailure(e, dir);
    }
    return { files: list.files.length, name: list.notebook.name };
  } finally {
    archive.zip.close();
  }
}
