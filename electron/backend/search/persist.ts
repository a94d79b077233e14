/**
 * The search index saved in a notebook's cache/ folder, as one binary file per worker: a header
 * naming its parts, then each part — the documents (sources without their texts, annotations,
 * entities) as JSON, each word index's numbers as they are in memory (32-bit arrays) and its words
 * and ids as lists. Reading it is a read of a file and a few copies, never a parse of a string as
 * large as the index (the JSON save of 50,000 sources would have passed V8's 512 MB string limit).
 *
 * Written beside its place, synced and renamed: a crash leaves the old file or the new one.
 * Anything unexpected in a file makes it unreadable (null), and the index is built afresh.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EngineSnapshot, SearchAnnotation } from '../../../shared/search/engine';
import type { SavedTermIndex } from '../../../shared/search/term-index';

/**
 * The format, and the words it holds: 3 since Chinese, Japanese and Thai runs are cut into words
 * (shared/domain/names.ts), so an index saved before is built afresh rather than missing them.
 */
const MAGIC = Buffer.from('DOSSIER-SEARCH-3\n', 'latin1');
const BYTE_ORDER = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 'le' : 'be';

type PartType = 'json' | 'u32' | 'i32' | 'strings';
interface PartEntry {
  name: string;
  type: PartType;
  offset: number;
  bytes: number;
}

const INDEX_PARTS = ['lengths', 'heads', 'frequencies', 'arena'] as const;

function indexParts(prefix: string, index: SavedTermIndex): [string, PartType, Buffer][] {
  const typed = (a: Uint32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return [
    [`${prefix}.ids`, 'strings', Buffer.from(index.ids.join('\u0000'), 'utf8')],
    [`${prefix}.terms`, 'strings', Buffer.from(index.terms.join('\u0000'), 'utf8')],
    ...INDEX_PARTS.map((p): [string, PartType, Buffer] => [`${prefix}.${p}`, p === 'heads' ? 'i32' : 'u32', typed(index[p])]),
  ];
}

/**
 * The annotations as columns: a list of 50,000 objects as JSON took a quarter of a second to parse
 * at every open; columns of strings joined by NUL are split in a few milliseconds. A column with a
 * NUL in one of its strings (a note can hold anything) is written as a JSON list instead.
 */
const TEXT_COLUMNS = ['id', 'sourceId', 'kind', 'quote', 'note', 'version'] as const;

function annotationParts(annotations: readonly SearchAnnotation[]): [string, PartType, Buffer][] {
  const parts: [string, PartType, Buffer][] = TEXT_COLUMNS.map((column) => {
    const values = annotations.map((a) => a[column] ?? '');
    return values.some((v) => v.includes('\u0000'))
      ? [`annotations.${column}`, 'json', Buffer.from(JSON.stringify(values), 'utf8')]
      : [`annotations.${column}`, 'strings', Buffer.from(values.join('\u0000'), 'utf8')];
  });
  const positions = (key: 'start' | 'end') => Buffer.from(new Uint32Array(annotations.map((a) => a[key])).buffer);
  parts.push(['annotations.start', 'u32', positions('start')], ['annotations.end', 'u32', positions('end')]);
  // Mostly empty lists: JSON of [[],[],…] is quick to read.
  parts.push(['annotations.lists', 'json', Buffer.from(JSON.stringify(annotations.map((a) => (a.tags.length + a.entityIds.length === 0 ? 0 : [a.tags, a.entityIds]))), 'utf8')]);
  return parts;
}

function savedAnnotations(count: unknown, get: (name: string, type: PartType) => unknown): SearchAnnotation[] | null {
  if (!Number.isInteger(count)) return null;
  const column = (name: string): string[] | null => {
    let v = get(`annotations.${name}`, 'strings') ?? get(`annotations.${name}`, 'json');
    // One empty string is written as no bytes, which reads as no strings.
    if (Array.isArray(v) && v.length === 0 && count === 1) v = [''];
    return Array.isArray(v) && v.length === count && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  };
  const [id, sourceId, kind, quote, note, version] = TEXT_COLUMNS.map(column);
  const start = get('annotations.start', 'u32') as Uint32Array | null;
  const end = get('annotations.end', 'u32') as Uint32Array | null;
  const lists = get('annotations.lists', 'json') as (0 | [string[], string[]])[] | null;
  if (!id || !sourceId || !kind || !quote || !note || !version || !start || !end || !Array.isArray(lists) || start.length !== count || end.length !== count || lists.length !== count) return null;
  const out: SearchAnnotation[] = new Array(count as number);
  for (let i = 0; i < out.length; i++) {
    const l = lists[i];
    out[i] = {
      id: id[i],
      sourceId: sourceId[i],
      kind: kind[i] as SearchAnnotation['kind'],
      quote: quote[i],
      note: note[i],
      tags: l === 0 ? [] : l[0],
      entityIds: l === 0 ? [] : l[1],
      start: start[i],
      end: end[i],
      version: version[i],
    };
  }
  return out;
}

/** Writes a snapshot to `path` atomically and durably. */
export function writeSnapshot(path: string, snapshot: EngineSnapshot): number {
  const { sourceIndex, annotationIndex, annotations, ...documents } = snapshot;
  const meta = { ...documents, annotationCount: annotations.length, sourceFields: sourceIndex?.fields ?? null, annotationFields: annotationIndex?.fields ?? null };
  const parts: [string, PartType, Buffer][] = [['documents', 'json', Buffer.from(JSON.stringify(meta), 'utf8')], ...annotationParts(annotations)];
  if (sourceIndex) parts.push(...indexParts('sourceIndex', sourceIndex));
  if (annotationIndex) parts.push(...indexParts('annotationIndex', annotationIndex));
  const entries: PartEntry[] = [];
  let offset = 0;
  for (const [name, type, data] of parts) {
    entries.push({ name, type, offset, bytes: data.length });
    offset += Math.ceil(data.length / 4) * 4;
  }
  const header = Buffer.from(JSON.stringify({ byteOrder: BYTE_ORDER, parts: entries }), 'utf8');
  // The parts start at a multiple of 4 bytes, so that the numbers can be read in place.
  const lead = MAGIC.length + 4 + header.length;
  const start = Math.ceil(lead / 4) * 4;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, Buffer.concat([MAGIC, length, header, Buffer.alloc(start - lead)]));
    for (const [, , data] of parts) {
      writeSync(fd, data);
      if (data.length % 4 !== 0) writeSync(fd, Buffer.alloc(4 - (data.length % 4)));
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (e) {
    // A full disk or a place that cannot be replaced: no temporary file is left in cache/.
    rmSync(temp, { force: true });
    throw e;
  }
  return start + offset;
}

function savedIndex(prefix: string, fields: unknown, get: (name: string, type: PartType) => unknown): SavedTermIndex | null {
  if (!Array.isArray(fields)) return null;
  const ids = get(`${prefix}.ids`, 'strings');
  const terms = get(`${prefix}.terms`, 'strings');
  const arrays = INDEX_PARTS.map((p) => get(`${prefix}.${p}`, p === 'heads' ? 'i32' : 'u32'));
  if (!Array.isArray(ids) || !Array.isArray(terms) || arrays.some((a) => a === null)) return null;
  const [lengths, heads, frequencies, arena] = arrays as [Uint32Array, Int32Array, Uint32Array, Uint32Array];
  return { fields: fields as string[], ids: ids as string[], terms: terms as string[], lengths, heads, frequencies, arena };
}

/** Reads a snapshot written by {@link writeSnapshot}; null when the file is missing, damaged, foreign or of another byte order. */
export function readSnapshot(path: string): EngineSnapshot | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  try {
    if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const headerLength = file.readUInt32LE(MAGIC.length);
    const lead = MAGIC.length + 4 + headerLength;
    const header = JSON.parse(file.toString('utf8', MAGIC.length + 4, lead)) as { byteOrder: string; parts: PartEntry[] };
    if (header.byteOrder !== BYTE_ORDER || !Array.isArray(header.parts)) return null;
    const start = Math.ceil(lead / 4) * 4;
    const byName = new Map(header.parts.map((p) => [p.name, p]));
    const get = (name: string, type: PartType): unknown => {
      const p = byName.get(name);
      if (!p || p.type !== type || !Number.isInteger(p.offset) || !Number.isInteger(p.bytes) || p.offset < 0 || start + p.offset + p.bytes > file.length) return null;
      const at = file.byteOffset + start + p.offset;
      if (type === 'json') return JSON.parse(file.toString('utf8', start + p.offset, start + p.offset + p.bytes));
      if (type === 'strings') return p.bytes === 0 ? [] : file.toString('utf8', start + p.offset, start + p.offset + p.bytes).split('\u0000');
      if (p.bytes % 4 !== 0) return null;
      // A view when the bytes are aligned (the loader copies what it keeps), else a copy.
      const aligned = at % 4 === 0;
      const bytes = aligned ? null : Uint8Array.prototype.slice.call(file, start + p.offset, start + p.offset + p.bytes);
      const buffer = aligned ? file.buffer : bytes!.buffer;
      const offset = aligned ? at : 0;
      return type === 'u32' ? new Uint32Array(buffer, offset, p.bytes / 4) : new Int32Array(buffer, offset, p.bytes / 4);
    };
    const documents = get('documents', 'json') as
      (Omit<EngineSnapshot, 'sourceIndex' | 'annotationIndex' | 'annotations'> & { annotationCount: unknown; sourceFields: unknown; annotationFields: unknown }) | null;
    if (!documents || typeof documents !== 'object') return null;
    const { sourceFields, annotationFields, annotationCount, ...rest } = documents;
    const annotations = savedAnnotations(annotationCount, get);
    if (!annotations) return null;
    return {
      ...rest,
      annotations,
      sourceIndex: sourceFields === null ? null : savedIndex('sourceIndex', sourceFields, get),
      annotationIndex: annotationFields === null ? null : savedIndex('annotationIndex', annotationFields, get),
    };
  } catch {
    return null;
  }
}
