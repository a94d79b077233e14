/**
 * A MiniSearch index saved compactly, for the search cache. MiniSearch's own toJSON() writes each
 * posting list as an object keyed by document number ({"17": 2, "18": 1, …}), which loadJS() turns
 * back into numbers one key at a time: at 5,000 sources that was most of the time a reopened
 * notebook spent before it could search. Here each list is two arrays of numbers (documents, then
 * how often the word occurs in each), which JSON reads much faster, and the maps are rebuilt from
 * them directly.
 *
 * Reads and sets MiniSearch 7's internals (as scorer.ts reads them); a saved index it cannot take
 * back, or a MiniSearch without those internals, gives null and the index is rebuilt.
 */
import MiniSearch, { type Options } from 'minisearch';

export const PACKED_FORMAT = 'dossier-minisearch-packed-2';

export interface PackedIndex {
  format: typeof PACKED_FORMAT;
  /** Byte order of the numbers below (they are read as written: a cache from another machine is rebuilt). */
  byteOrder: 'le' | 'be';
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** The ids of the documents, in the order of `documents`. */
  ids: string[];
  /** Base64 of 32-bit numbers: per document its short id, then the length of each field. */
  documents: string;
  /** The words, in the order of `postings`. */
  terms: string[];
  /** Base64 of 32-bit numbers: per word, how many fields, then per field its id, n, n documents, n counts. */
  postings: string;
}

/** Node's Buffer, for base64 (the engine runs in Node: a worker thread or the CLI). Elsewhere indexes are saved as MiniSearch serialises them. */
interface BufferCodec {
  from(data: ArrayBuffer, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(data: string, encoding: 'base64'): Uint8Array;
}
const codec = (globalThis as { Buffer?: BufferCodec }).Buffer ?? null;

const BYTE_ORDER: 'le' | 'be' = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 'le' : 'be';

/** A growable list of 32-bit numbers. */
class Numbers {
  private data = new Uint32Array(1024);
  length = 0;
  push(n: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = n;
  }
  base64(codec: BufferCodec): string {
    return codec.from(this.data.buffer, 0, this.length * 4).toString('base64');
  }
}

function numbers(base64: unknown, codec: BufferCodec): Uint32Array | null {
  if (typeof base64 !== 'string') return null;
  const bytes = codec.from(base64, 'base64');
  if (bytes.length % 4 !== 0) return null;
  // A copy, aligned for a Uint32Array view.
  const out = new Uint32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

type FieldPostings = Map<number, Map<number, number>>;

interface Internals {
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
  _index: Iterable<[string, FieldPostings]> & { set(term: string, value: FieldPostings): unknown };
}

function internals(index: MiniSearch): Internals | null {
  const x = index as unknown as Partial<Internals>;
  const ok =
    typeof x._documentCount === 'number' &&
    typeof x._nextId === 'number' &&
    x._documentIds instanceof Map &&
    x._idToShortId instanceof Map &&
    x._fieldLength instanceof Map &&
    x._storedFields instanceof Map &&
    Array.isArray(x._avgFieldLength) &&
    typeof x._fieldIds === 'object' &&
    x._index !== undefined &&
    typeof x._index.set === 'function' &&
    typeof (x._index as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  return ok ? (x as Internals) : null;
}

/** The index packed, or null when this MiniSearch does not expose what packing reads. */
export function packIndex(index: MiniSearch): PackedIndex | null {
  const x = internals(index);
  if (!x || !codec || x._storedFields.size > 0) return null;
  const fieldCount = Object.keys(x._fieldIds).length;
  const ids: string[] = [];
  const documents = new Numbers();
  for (const [short, id] of x._documentIds) {
    ids.push(id);
    documents.push(short);
    const lengths = x._fieldLength.get(short) ?? [];
    for (let f = 0; f < fieldCount; f++) documents.push(lengths[f] ?? 0);
  }
  const terms: string[] = [];
  const postings = new Numbers();
  for (const [term, fields] of x._index) {
    // Postings of documents removed since the last vacuum are left behind.
    const live = [...fields].map(([fieldId, docs]) => [fieldId, [...docs].filter(([doc]) => x._documentIds.has(doc))] as const).filter(([, docs]) => docs.length > 0);
    if (live.length === 0) continue;
    terms.push(term);
    postings.push(live.length);
    for (const [fieldId, docs] of live) {
      postings.push(fieldId);
      postings.push(docs.length);
      for (const [doc] of docs) postings.push(doc);
      for (const [, count] of docs) postings.push(count);
    }
  }
  return {
    format: PACKED_FORMAT,
    byteOrder: BYTE_ORDER,
    documentCount: x._documentIds.size,
    nextId: x._nextId,
    fieldIds: x._fieldIds,
    averageFieldLength: x._avgFieldLength,
    ids,
    documents: documents.base64(codec),
    terms,
    postings: postings.base64(codec),
  };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The index back from its packed form, or null when the data is not a packed index of these fields. */
export function unpackIndex(data: unknown, options: Options): MiniSearch | null {
  const p = data as Partial<PackedIndex> | null;
  if (!codec || !p || p.format !== PACKED_FORMAT || p.byteOrder !== BYTE_ORDER || !isCount(p.documentCount) || !isCount(p.nextId) || !Array.isArray(p.ids) || !Array.isArray(p.terms) || !Array.isArray(p.averageFieldLength)) return null;
  const fields = options.fields;
  const fieldIds = p.fieldIds ?? {};
  if (fields.length !== Object.keys(fieldIds).length || !fields.every((f, i) => fieldIds[f] === i)) return null;
  const documents = numbers(p.documents, codec);
  const postings = numbers(p.postings, codec);
  if (!documents || !postings || p.ids.length !== p.documentCount || documents.length !== p.ids.length * (1 + fields.length)) return null;
  const index = new MiniSearch(options);
  const x = internals(index);
  if (!x) return null;
  x._documentCount = p.documentCount;
  x._nextId = p.nextId;
  x._dirtCount = 0;
  x._fieldIds = { ...fieldIds };
  x._avgFieldLength = p.averageFieldLength.map(Number);
  const stride = 1 + fields.length;
  for (let i = 0; i < p.ids.length; i++) {
    const short = documents[i * stride];
    const id = p.ids[i];
    if (short >= p.nextId || typeof id !== 'string') return null;
    x._documentIds.set(short, id);
    x._idToShortId.set(id, short);
    x._fieldLength.set(short, Array.from(documents.subarray(i * stride + 1, (i + 1) * stride)));
  }
  let at = 0;
  for (const term of p.terms) {
    if (typeof term !== 'string' || at >= postings.length) return null;
    const fieldCount = postings[at++];
    if (fieldCount === 0 || fieldCount > fields.length) return null;
    const byField: FieldPostings = new Map();
    for (let f = 0; f < fieldCount; f++) {
      const fieldId = postings[at];
      const n = postings[at + 1];
      at += 2;
      if (fieldId >= fields.length || at + 2 * n > postings.length) return null;
      const map = new Map<number, number>();
      for (let i = 0; i < n; i++) map.set(postings[at + i], postings[at + n + i]);
      at += 2 * n;
      byField.set(fieldId, map);
    }
    x._index.set(term, byField);
  }
  return at === postings.length ? index : null;
}
