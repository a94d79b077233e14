/** Reading a file the user names for the backend to take in (a W3C file, a backup): it must exist, be a file, and be of a sane size. */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { DossierError } from '../../../shared/api/result';

/** The largest file read whole: 200 MB. */
export const MAX_READ_BYTES = 200 * 1024 * 1024;

/** The file at `path` as UTF-8 text, or a DossierError naming the problem. */
export async function readImportFile(path: string): Promise<string> {
  return (await readImportBytes(path)).toString('utf8');
}

/** The file at `path` as bytes, or a DossierError naming the problem. */
export async function readImportBytes(path: string): Promise<Buffer> {
  if (!isAbsolute(path)) throw new DossierError('INVALID_INPUT', `Give the full path of the file (${path} is relative).`);
  const s = await stat(path).catch(() => null);
  if (!s) throw new DossierError('NOT_FOUND', `There is no file at ${path}.`);
  if (!s.isFile()) throw new DossierError('INVALID_INPUT', `${path} is not a file.`);
  if (s.size > MAX_READ_BYTES) throw new DossierError('INVALID_INPUT', `${path} is ${(s.size / 1024 / 1024).toFixed(0)} MB; Dossier reads files of up to ${MAX_READ_BYTES / 1024 / 1024} MB.`);
  return readFile(path);
}
