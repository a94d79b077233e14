/**
 * Files the user names, on the machine running the backend. Reading one to take in (a W3C file, a
 * backup): it must exist, be a file, and be of a sane size. Writing an export: the folder must
 * exist, an existing file is replaced only when the user said so, and the file appears whole or
 * not at all (written to a temporary file beside it, synced, renamed), so a failure never leaves
 * half a file.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { DossierError } from '../../shared/api/result';
import { writeFileDurably } from './store/durable-file';

/** The largest file read whole: 200 MB. */
export const MAX_READ_BYTES = 200 * 1024 * 1024;

/** The file at `path` as UTF-8 text, or a DossierError naming the problem. */
export async function readImportFile(path: string): Promise<string> {
  return (await readImportBytes(path)).toString('utf8');
}

/** Checks that `path` names a file to read (absolute, there, a file); answers its size or throws a DossierError naming the problem. */
export async function checkImportFile(path: string): Promise<number> {
  if (!isAbsolute(path)) throw new DossierError('INVALID_INPUT', `Give the full path of the file (${path} is relative).`);
  const s = await stat(path).catch(() => null);
  if (!s) throw new DossierError('NOT_FOUND', `There is no file at ${path}.`);
  if (!s.isFile()) throw new DossierError('INVALID_INPUT', `${path} is not a file.`);
  return s.size;
}

/** The file at `path` as bytes, or a DossierError naming the problem. */
export async function readImportBytes(path: string): Promise<Buffer> {
  const size = await checkImportFile(path);
  if (size > MAX_READ_BYTES) throw new DossierError('INVALID_INPUT', `${path} is ${(size / 1024 / 1024).toFixed(0)} MB; Dossier reads files of up to ${MAX_READ_BYTES / 1024 / 1024} MB.`);
  return readFile(path);
}

/**
 * Checks that `path` can be written: absolute, in an existing folder, not a folder itself, and
 * not an existing file unless `overwrite`. Throws a DossierError naming the problem.
 */
export async function checkExportPath(path: string, overwrite: boolean): Promise<void> {
  if (!isAbsolute(path)) throw new DossierError('INVALID_INPUT', `Give the full path of the file to write (${path} is relative).`);
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder) throw new DossierError('NOT_FOUND', `The folder ${dirname(path)} does not exist; choose another place to save ${basename(path)}.`);
  if (!folder.isDirectory()) throw new DossierError('INVALID_INPUT', `${dirname(path)} is not a folder.`);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new DossierError('INVALID_INPUT', `${path} is a folder; give a file name.`);
  if (existing && !overwrite) throw new DossierError('ALREADY_EXISTS', `${path} already exists.`);
}

/** Writes an export (see the module comment); answers where and how many bytes. */
export async function writeExport(path: string, data: Uint8Array, overwrite: boolean): Promise<{ path: string; bytes: number }> {
  await checkExportPath(path, overwrite);
  try {
    await writeFileDurably(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'the folder is not writable' : code === 'EROFS' ? 'the disk is read-only' : code === 'ENOSPC' ? 'the disk is full' : ((e as Error)?.message ?? String(e));
    throw new DossierError('IO_ERROR', `Could not save ${path}: ${why}. Nothing was written.`);
  }
  return { path, bytes: data.byteLength };
}
