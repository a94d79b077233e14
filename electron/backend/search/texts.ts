/**
 * Reads source texts for the search engine, which holds only their words: the few texts a query
 * shows a snippet of or checks a phrase in are read from the notebook's files when asked (a body
 * file, or a slice of a pack), checked against their sha256, and the last few megabytes of them
 * kept. Synchronous: it runs in a search worker (or the CLI), never on the thread that serves the API.
 *
 * The paths are the store's (layout.ts), written out here so that a worker does not load the
 * store's schemas.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceMeta, TextReader } from '../../../shared/search/engine';

/** How many bytes of texts a reader keeps (a page of results and a few phrase checks). */
export const KEPT_TEXT_BYTES = 8 * 1024 * 1024;

function readBytes(dir: string, meta: SourceMeta): Buffer {
  const at = meta.location!;
  if (!at.packed) return readFileSync(join(dir, 'bodies', `${at.hash}.txt`));
  const fd = openSync(join(dir, 'packs', at.packed.file), 'r');
  try {
    const bytes = Buffer.alloc(at.packed.bytes);
    if (readSync(fd, bytes, 0, at.packed.bytes, at.packed.offset) !== at.packed.bytes) throw new Error('the pack ends early');
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** A reader of the texts of the notebook at `dir`; a text missing or no longer matching its hash reads as null. */
export function notebookTextReader(dir: string, keptBytes = KEPT_TEXT_BYTES): TextReader {
  const kept = new Map<string, string>();
  let bytes = 0;
  return (meta) => {
    const hash = meta.location?.hash;
    if (!hash) return null;
    const known = kept.get(hash);
    if (known !== undefined) {
      kept.delete(hash);
      kept.set(hash, known);
      return known;
    }
    let raw: Buffer;
    try {
      raw = readBytes(dir, meta);
    } catch {
      return null;
    }
    if (createHash('sha256').update(raw).digest('hex') !== hash) return null;
    const text = raw.toString('utf8');
    kept.set(hash, text);
    bytes += raw.length;
    for (const [oldest, t] of kept) {
      if (bytes <= keptBytes || kept.size <= 1) break;
      kept.delete(oldest);
      bytes -= Buffer.byteLength(t);
    }
    return text;
  };
}
