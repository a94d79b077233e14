/**
 * Source texts, stored once each under the sha256 of their normalised form. A body file is
 * written once and never changed, so a save of metadata or annotations never rewrites text.
 */
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import type { PackedAt, Provenance } from '../../../shared/domain/source';
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
  if (!(await hasBody(paths, hash, normalisedText))) await writeFileDurably(paths.body(hash), normalisedText);
  return hash;
}

/** Whether a text is already stored: a body of the right size under its own hash is the same text; a damaged one is to be rewritten. */
export async function hasBody(paths: NotebookPaths, hash: string, normalisedText: string): Promise<boolean> {
  const existing = await stat(paths.body(hash)).catch(() => null);
  return existing?.isFile() === true && existing.size === Buffer.byteLength(normalisedText, 'utf8');
}

/** Reads a slice of a pack file; a pack that ends early is damaged. */
export async function readPacked(paths: NotebookPaths, at: PackedAt): Promise<Uint8Array> {
  const file = paths.pack(at.file);
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(at.bytes);
    const { bytesRead } = await handle.read(bytes, 0, at.bytes, at.offset);
    if (bytesRead !== at.bytes) throw new CorruptFileError(file, 'it ends early');
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * Reads a text by hash (from bodies/, or from a pack where given) and checks that it still hashes
 * to its name. A packed text that is damaged is read from bodies/ when a sound copy is there:
 * where `dossier check --repair` puts a text it could make again (from its original).
 */
export async function getBody(paths: NotebookPaths, hash: string, packed?: PackedAt): Promise<string> {
  if (!packed) return readBody(paths, hash);
  try {
    return await readBody(paths, hash, packed);
  } catch (e) {
    const repaired = await readBody(paths, hash).catch(() => null);
    if (repaired !== null) return repaired;
    throw e;
  }
}

async function readBody(paths: NotebookPaths, hash: string, packed?: PackedAt): Promise<string> {
  const file = packed ? paths.pack(packed.file) : paths.body(hash);
  let text: string;
  try {
    text = packed ? new TextDecoder().decode(await readPacked(paths, packed)) : await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DossierError('NOTEBOOK_CORRUPT', `The text of this source is missing: ${file} does not exist.`);
    }
    throw e;
  }
  if (contentHash(text) !== hash) throw new CorruptFileError(file, packed ? `a text in it no longer matches its sha256 (${hash.slice(0, 12)}…)` : 'its text no longer matches its sha256');
  return text;
}

/** An original file as received, from originals/ or its pack, checked against its sha256. */
export async function readOriginal(paths: NotebookPaths, original: NonNullable<Provenance['original']>, sourceId: string): Promise<Uint8Array> {
  const file = original.packed ? paths.pack(original.packed.file) : paths.original(original.sha256);
  let bytes: Uint8Array;
  try {
    bytes = original.packed ? await readPacked(paths, original.packed) : new Uint8Array(await readFile(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DossierError('NOTEBOOK_CORRUPT', `The original file of this source is missing: ${file} does not exist.`);
    throw e;
  }
  if (createHash('sha256').update(bytes).digest('hex') !== original.sha256) throw new CorruptFileError(file, `the original of ${sourceId} no longer matches its sha256`);
  return bytes;
}
