/**
 * Source texts, stored once each under the sha256 of their normalised form. A body file is
 * written once and never changed, so a save of metadata or annotations never rewrites text.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { NotebookPaths } from './layout';
import { CorruptFileError, writeFileDurably } from './durable-file';
import { DossierError } from '../../../shared/api/result';

/** The content hash of a normalised text: sha256 of its UTF-8 bytes, lowercase hex. */
export function contentHash(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex');
}

/** Stores a normalised text under its hash, unless it is already there. Returns the hash. */
export async function putBody(paths: NotebookPaths, normalisedText: string): Promise<string> {
  const hash = contentHash(normalisedText);
  const file = paths.body(hash);
  const existing = await stat(file).catch(() => null);
  // A body of the right size under its own hash is the same text; a damaged one is rewritten.
  if (existing?.isFile() && existing.size === Buffer.byteLength(normalisedText, 'utf8')) return hash;
  await writeFileDurably(file, normalisedText);
  return hash;
}

/** Reads a text by hash and checks that it still hashes to its name. */
export async function getBody(paths: NotebookPaths, hash: string): Promise<string> {
  const file = paths.body(hash);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DossierError('NOTEBOOK_CORRUPT', `The text of this source is missing: ${file} does not exist.`);
    }
    throw e;
  }
  if (contentHash(text) !== hash) throw new CorruptFileError(file, 'its text no longer matches its sha256');
  return text;
}
