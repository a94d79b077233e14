/**
 * A whole notebook in one archive, and back. The archive is a zip (fflate) of the notebook's
 * folder as it is on disk — manifest, shards, entities, fact-sheet notes, texts, originals, packs,
 * set-aside files — with `dossier-backup.json` listing every file and its sha256. Left out: the
 * lock, temporary files of unfinished writes, and `cache/` (the search index, rebuilt at open).
 *
 * Restoring checks every file against the list before anything is written, writes into a folder
 * beside the target and renames it into place: a damaged or foreign archive is refused with the
 * reason, and never leaves half a notebook behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { DossierError } from '../../../shared/api/result';
import { fsyncFolder, writeFileDurably } from './durable-file';
import type { Notebook } from './notebook';

export const BACKUP_FORMAT = 'dossier-backup-1';
const LIST = 'dossier-backup.json';

const BackupList = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  notebook: z.object({ id: z.string(), name: z.string() }),
  files: z.array(z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
type BackupList = z.infer<typeof BackupList>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files of the folder, as paths relative to it with forward slashes; what is left out is said in the module comment. */
async function filesOf(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (rel === 'cache' || rel.startsWith('.dossier.lock') || entry.name.endsWith('.tmp') || /\.\d+\.\d+\.tmp$/.test(entry.name)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(rel);
    }
  };
  await walk(dir);
  // Shards and documents before the texts they name: texts are written first and never change,
  // so every text a shard read here names is on disk when it is read after.
  const late = (p: string) => /^(bodies|originals|packs)\//.test(p);
  return out.sort((a, b) => Number(late(a)) - Number(late(b)) || a.localeCompare(b));
}

/** The open notebook as archive bytes, with the number of files in it. */
export async function backupNotebook(notebook: Notebook, createdAt = new Date().toISOString()): Promise<{ bytes: Uint8Array; files: number }> {
  const dir = notebook.paths.dir;
  const zippable: Zippable = {};
  const list: BackupList = { format: BACKUP_FORMAT, createdAt, notebook: { id: notebook.info.id, name: notebook.info.name }, files: [] };
  for (const path of await filesOf(dir)) {
    const bytes = new Uint8Array(await readFile(join(dir, path)));
    list.files.push({ path, bytes: bytes.byteLength, sha256: sha256(bytes) });
    // Texts compress well; packs and originals (PDF, Word) are often compressed already.
    zippable[path] = [bytes, { level: /^(packs|originals)\//.test(path) ? 0 : 6 }];
  }
  zippable[LIST] = strToU8(JSON.stringify(list, null, 2));
  return { bytes: zipSync(zippable), files: list.files.length };
}

/** A path from an archive that stays inside the folder it is restored into. */
function safePath(path: string): boolean {
  return !path.startsWith('/') && !path.includes('\\') && !path.split('/').some((part) => part === '..' || part === '' || part === '.') && path !== LIST;
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => null);
  if (!s) return true;
  return s.isDirectory() && (await readdir(dir)).length === 0;
}

/**
 * Restores an archive into `target`, which must not exist or be empty. Checks everything first;
 * throws a DossierError naming the problem, leaving nothing behind.
 */
export async function restoreBackup(archive: Uint8Array, target: string): Promise<{ files: number; name: string }> {
  const dir = resolve(target);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive);
  } catch (e) {
    throw new DossierError('INVALID_INPUT', `This is not a Dossier backup: it is not a zip archive (${(e as Error).message}).`);
  }
  if (!entries[LIST]) throw new DossierError('INVALID_INPUT', `This is not a Dossier backup: it has no ${LIST}.`);
  let list: BackupList;
  try {
    list = BackupList.parse(JSON.parse(strFromU8(entries[LIST])));
  } catch {
    throw new DossierError('INVALID_INPUT', `This is not a Dossier backup Dossier can read: its ${LIST} is damaged or of another version.`);
  }
  for (const f of list.files) {
    if (!safePath(f.path)) throw new DossierError('INVALID_INPUT', `The backup names a file outside its notebook (${f.path}); nothing was restored.`);
    const bytes = entries[f.path];
    if (!bytes) throw new DossierError('INVALID_INPUT', `The backup is missing ${f.path}; nothing was restored.`);
    if (bytes.byteLength !== f.bytes || sha256(bytes) !== f.sha256) throw new DossierError('INVALID_INPUT', `The backup's copy of ${f.path} is damaged (its checksum does not match); nothing was restored.`);
  }
  if (!list.files.some((f) => f.path === 'notebook.json')) throw new DossierError('INVALID_INPUT', 'The backup has no notebook.json: it is not a whole notebook.');
  if (!(await isMissingOrEmpty(dir))) throw new DossierError('ALREADY_EXISTS', `${dir} is not empty; choose an empty or new folder to restore the notebook into.`);
  await mkdir(dirname(dir), { recursive: true });
  const building = `${dir}.restoring-${randomBytes(4).toString('hex')}`;
  try {
    for (const f of list.files) {
      const to = join(building, ...f.path.split('/'));
      await mkdir(dirname(to), { recursive: true });
      await writeFileDurably(to, Buffer.from(entries[f.path]));
    }
    await rmdir(dir).catch(() => undefined);
    await rename(building, dir);
    await fsyncFolder(dirname(dir));
  } catch (e) {
    await rm(building, { recursive: true, force: true });
    throw new DossierError('IO_ERROR', `Could not restore the notebook into ${dir}: ${(e as Error).message}. Nothing was left there.`);
  }
  return { files: list.files.length, name: list.notebook.name };
}
