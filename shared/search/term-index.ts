/**
 * A compact inverted index: for every word, the documents (and fields) it occurs in and how often,
 * with what BM25 needs (each document's field lengths, each word's document frequency per field).
 *
 * Why not MiniSearch's index: it keeps a posting as an entry of a Map inside a Map, six times the
 * size of the postings here (docs/PERFORMANCE.md, "Where memory went"), and it can only be saved as
 * one JSON string. Here a posting is two 32-bit numbers in one growing Uint32Array (the
 * arena): the document's short id, then its field (high 8 bits) and count (low 24 bits). Each word
 * owns a chain of blocks in the arena, doubling in size as it grows, so adding a document appends
 * and never moves what is there. A removed document is marked dead and skipped; when dead documents
 * are a tenth of the index, a vacuum copies the live postings into a new arena, one tight block per
 * word, and numbers the documents afresh. The words are kept in MiniSearch's SearchableMap (a radix
 * tree, public API) for prefix and typo lookups. Saving writes the typed arrays as they are.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { isUnspaced } from '../domain/names';
import { swapDistance, swaps } from './typos';

/** A block: the offset of the next block (0: none), how many postings it holds, how many it can; then its postings. */
const HEADER = 3;
const FIRST_BLOCK = 2;
const LARGEST_BLOCK = 1024;
const MAX_COUNT = 0xffffff;
const MAX_FIELDS = 255;

/** How a query word reached an index word. */
export interface Expansion {
  termId: number;
  term: string;
  /** Edits from the query word (optimal string alignment); 0 for the word itself and for prefixes. */
  edits: number;
  /** Reached as the start of a longer word (the word being typed). */
  prefix: boolean;
}

/** A saved index: its numbers as typed arrays and its strings as lists (see {@link TermIndex.save}). */
export interface SavedTermIndex {
  fields: string[];
  ids: string[];
  terms: string[];
  lengths: Uint32Array;
  heads: Int32Array;
  frequencies: Uint32Array;
  arena: Uint32Array;
}

function grow<T extends Uint32Array | Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(needed, Math.ceil(array.length * 1.5) + 16));
  bigger.set(array);
  return bigger;
}

/** At most this many longer index words are taken for one word of a script without spaces. */
const MAX_INSIDE = 64;

export class TermIndex {
  readonly fields: readonly string[];
  private readonly fieldCount: number;
  /** Short id → id; null once removed (until a vacuum). */
  private ids: (string | null)[] = [];
  private readonly shortIds = new Map<string, number>();
  /** Per document, per field: its number of distinct words. */
  private lengths: Uint32Array;
  private readonly lengthSums: Float64Array;
  private live = 0;
  private dead = 0;
  private vocabulary = new SearchableMap<number>();
  private terms: string[] = [];
  private heads = new Int32Array(256);
  private tails = new Int32Array(256);
  /** Per word, per field: in how many documents it occurs (removed ones counted until a vacuum, as MiniSearch does). */
  private frequencies: Uint32Array;
  private arena = new Uint32Array(4096);
  /** Offset 0 means "no block": the arena starts with an unused header. */
  private arenaUsed = HEADER;

  constructor(fields: readonly string[]) {
    if (fields.length === 0 || fields.length > MAX_FIELDS) throw new Error(`an index has 1 to ${MAX_FIELDS} fields`);
    this.fields = [...fields];
    this.fieldCount = fields.length;
    this.lengths = new Uint32Array(64 * this.fieldCount);
    this.lengthSums = new Float64Array(this.fieldCount);
    this.frequencies = new Uint32Array(256 * this.fieldCount);
  }

  /** Live documents. */
  get size(): number {
    return this.live;
  }

  /** How many words and postings the index holds, and its bytes in typed arrays (for the benchmarks). */
  get stats(): { documents: number; terms: number; postingBytes: number; typedArrayBytes: number } {
    const typed = this.arena.byteLength + this.lengths.byteLength + this.heads.byteLength + this.tails.byteLength + this.frequencies.byteLength;
    return { documents: this.live, terms: this.terms.length, postingBytes: this.arenaUsed * 4, typedArrayBytes: typed };
  }

  has(id: string): boolean {
    return this.shortIds.has(id);
  }

  /** The short id of a document (stable until the next vacuum). */
  shortOf(id: string): number | undefined {
    return this.shortIds.get(id);
  }

  /** The id of a short id; null when that document was removed. */
  idOf(short: number): string | null {
    return this.ids[short] ?? null;
  }

  /** One past the highest short id: the size of arrays indexed by short id. */
  get capacity(): number {
    return this.ids.length;
  }

  /**
   * Adds a document (replacing one with the same id): for each field, in the order given at
   * construction, its words as the tokenizer made them.
   */
  add(id: string, fields: readonly (readonly string[])[]): void {
    if (this.shortIds.has(id)) this.remove(id);
    const short = this.ids.length;
    this.ids.push(id);
    this.shortIds.set(id, short);
    this.lengths = grow(this.lengths, (short + 1) * this.fieldCount);
    for (let f = 0; f < this.fieldCount; f++) {
      const counts = new Map<string, number>();
      for (const w of fields[f] ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
      // A field's length is its number of distinct words, as MiniSearch counts it (so rankings stay as they were).
      this.lengths[short * this.fieldCount + f] = counts.size;
      this.lengthSums[f] += counts.size;
      for (const [word, count] of counts) {
        const termId = this.termId(word);
        this.append(termId, short, f, count);
        this.frequencies[termId * this.fieldCount + f]++;
      }
    }
    this.live++;
  }

  /** Removes a document; false when it is not in the index. */
  remove(id: string): boolean {
    const short = this.shortIds.get(id);
    if (short === undefined) return false;
    this.shortIds.delete(id);
    this.ids[short] = null;
    for (let f = 0; f < this.fieldCount; f++) this.lengthSums[f] -= this.lengths[short * this.fieldCount + f];
    this.live--;
    this.dead++;
    if (this.dead > 200 && this.dead * 10 > this.ids.length) this.vacuum();
    return true;
  }

  private termId(word: string): number {
    const known = this.vocabulary.get(word);
    if (known !== undefined) return known;
    const termId = this.terms.length;
    this.terms.push(word);
    this.vocabulary.set(word, termId);
    this.heads = grow(this.heads, termId + 1);
    this.tails = grow(this.tails, termId + 1);
    this.frequencies = grow(this.frequencies, (termId + 1) * this.fieldCount);
    return termId;
  }

  private allocate(capacity: number): number {
    const at = this.arenaUsed;
    this.arena = grow(this.arena, at + HEADER + capacity * 2);
    this.arena[at] = 0;
    this.arena[at + 1] = 0;
    this.arena[at + 2] = capacity;
    this.arenaUsed = at + HEADER + capacity * 2;
    return at;
  }

  private append(termId: number, short: number, field: number, count: number): void {
    let block = this.tails[termId];
    if (block === 0) {
      block = this.allocate(FIRST_BLOCK);
      this.heads[termId] = block;
      this.tails[termId] = block;
    } else if (this.arena[block + 1] === this.arena[block + 2]) {
      const next = this.allocate(Math.min(LARGEST_BLOCK, Math.max(FIRST_BLOCK, this.arena[block + 2]) * 2));
      this.arena[block] = next;
      this.tails[termId] = next;
      block = next;
    }
    const at = block + HEADER + this.arena[block + 1] * 2;
    this.arena[at] = short;
    this.arena[at + 1] = (field << 24) | Math.min(count, MAX_COUNT);
    this.arena[block + 1]++;
  }

  /** Calls `visit` for every posting of a word: live and removed documents alike (check with {@link idOf}). */
  walk(termId: number, visit: (short: number, field: number, count: number) => void): void {
    const arena = this.arena;
    for (let block = this.heads[termId]; block !== 0; block = arena[block]) {
      const end = block + HEADER + arena[block + 1] * 2;
      for (let at = block + HEADER; at < end; at += 2) {
        const packed = arena[at + 1];
        visit(arena[at], packed >>> 24, packed & MAX_COUNT);
      }
    }
  }

  /**
   * Calls `visit` for a word's postings in these documents only (short ids, ascending): a binary
   * search per document, for when they are far fewer than the word's postings. A word's postings
   * are in ascending order of short id, since documents are numbered as they are added.
   */
  probe(termId: number, shorts: readonly number[], visit: (short: number, field: number, count: number) => void): void {
    const arena = this.arena;
    let block = this.heads[termId];
    for (const target of shorts) {
      // Skip the blocks whose last posting comes before the target.
      while (block !== 0 && arena[block + HEADER + (arena[block + 1] - 1) * 2] < target) block = arena[block];
      if (block === 0) return;
      let lo = 0;
      let hi = arena[block + 1] - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (arena[block + HEADER + mid * 2] < target) lo = mid + 1;
        else hi = mid;
      }
      // A document's postings (one per field) are neighbours, perhaps across a block's end.
      for (let b = block, i = lo; b !== 0; b = arena[b], i = 0) {
        let done = false;
        for (; i < arena[b + 1]; i++) {
          const at = b + HEADER + i * 2;
          if (arena[at] !== target) {
            done = true;
            break;
          }
          const packed = arena[at + 1];
          visit(target, packed >>> 24, packed & MAX_COUNT);
        }
        if (done) break;
      }
    }
  }

  /** How many postings a word has (all fields), without walking them: the cost of walking it. */
  postingCount(termId: number): number {
    let n = 0;
    for (let block = this.heads[termId]; block !== 0; block = this.arena[block]) n += this.arena[block + 1];
    return n;
  }

  /** In how many documents a word occurs in a field. */
  frequency(termId: number, field: number): number {
    return this.frequencies[termId * this.fieldCount + field];
  }

  /** In how many documents a word occurs exactly (the most of any field); 0 when it is not in the index. */
  documentFrequency(word: string): number {
    const termId = this.vocabulary.get(word);
    if (termId === undefined) return 0;
    let n = 0;
    for (let f = 0; f < this.fieldCount; f++) n = Math.max(n, this.frequencies[termId * this.fieldCount + f]);
    return n;
  }

  /** A document's number of words in a field. */
  length(short: number, field: number): number {
    return this.lengths[short * this.fieldCount + field];
  }

  /** The average number of words in a field over the live documents. */
  averageLength(field: number): number {
    return this.live === 0 ? 0 : this.lengthSums[field] / this.live;
  }

  /** The word's id, or undefined when no document has it. */
  lookup(word: string): number | undefined {
    return this.vocabulary.get(word);
  }

  termOf(termId: number): string {
    return this.terms[termId];
  }

  /**
   * The index words a query word reaches: itself; with `typos`, the words within that many edits
   * (a swap of neighbours counting as one); with `prefix`, the longer words it starts.
   */
  expand(word: string, typos: number, prefix: boolean): Expansion[] {
    const out = new Map<string, Expansion>();
    const exact = this.vocabulary.get(word);
    if (exact !== undefined) out.set(word, { termId: exact, term: word, edits: 0, prefix: false });
    if (prefix) {
      for (const [term, termId] of this.vocabulary.atPrefix(word)) if (!out.has(term)) out.set(term, { termId, term, edits: 0, prefix: true });
    }
    // A word of a script written without spaces may be inside a longer word as the segmenter cut it
    // (太陽 in 太陽系): those are found too, as a prefix is, and ranked below the word itself.
    if (isUnspaced(word)) {
      let found = 0;
      for (let termId = 0; termId < this.terms.length && found < MAX_INSIDE; termId++) {
        const term = this.terms[termId];
        if (term !== word && term.includes(word) && !out.has(term)) {
          out.set(term, { termId, term, edits: 0, prefix: true });
          found++;
        }
      }
    }
    if (typos > 0) {
      // The radix tree counts a swap as two edits: words within `typos` plain edits, and words
      // within `typos - 1` of each swapped spelling (and, for two, the doubly swapped ones).
      const found = new Map<string, number>();
      for (const [term, [termId]] of this.vocabulary.fuzzyGet(word, typos)) found.set(term, termId);
      const swapped = swaps(word);
      for (const s of swapped) {
        if (typos === 1) {
          const termId = this.vocabulary.get(s);
          if (termId !== undefined) found.set(s, termId);
        } else for (const [term, [termId]] of this.vocabulary.fuzzyGet(s, typos - 1)) found.set(term, termId);
      }
      if (typos >= 2) {
        for (const s of swapped) {
          for (const s2 of swaps(s)) {
            const termId = this.vocabulary.get(s2);
            if (termId !== undefined) found.set(s2, termId);
          }
        }
      }
      for (const [term, termId] of found) {
        if (out.has(term)) continue;
        const edits = swapDistance(word, term);
        if (edits > 0 && edits <= typos) out.set(term, { termId, term, edits, prefix: false });
      }
    }
    return [...out.values()];
  }

  /** The documents that contain every one of these words exactly (in any field). */
  containing(words: readonly string[]): Set<string> {
    let found: Set<number> | null = null;
    for (const word of words) {
      const termId = this.vocabulary.get(word);
      if (termId === undefined) return new Set();
      const next = new Set<number>();
      this.walk(termId, (short) => {
        if (this.ids[short] !== null && (found === null || found.has(short))) next.add(short);
      });
      found = next;
      if (found.size === 0) break;
    }
    const out = new Set<string>();
    for (const short of found ?? []) out.add(this.ids[short]!);
    return out;
  }

  /**
   * Whether a document contains every one of these words (in any field): a binary search in each
   * word's postings, for checking a few documents against words in very many.
   */
  hasAll(id: string, words: readonly string[]): boolean {
    const short = this.shortIds.get(id);
    if (short === undefined) return false;
    for (const word of words) {
      const termId = this.vocabulary.get(word);
      if (termId === undefined) return false;
      let found = false;
      this.probe(termId, [short], () => (found = true));
      if (!found) return false;
    }
    return true;
  }

  /**
   * Copies the live postings into a new arena, one tight block per word, drops the words no live
   * document has, and numbers the documents afresh (short ids change).
   */
  vacuum(): void {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    for (let short = 0; short < this.ids.length; short++) {
      const id = this.ids[short];
      if (id === null) continue;
      renumber[short] = ids.length;
      ids.push(id);
    }
    const lengths = new Uint32Array(Math.max(64, ids.length) * this.fieldCount);
    for (let short = 0; short < this.ids.length; short++) {
      const to = renumber[short];
      if (to >= 0) lengths.set(this.lengths.subarray(short * this.fieldCount, (short + 1) * this.fieldCount), to * this.fieldCount);
    }
    const old = { arena: this.arena, heads: this.heads, terms: this.terms };
    this.arena = new Uint32Array(Math.max(4096, this.arenaUsed));
    this.arenaUsed = HEADER;
    this.terms = [];
    this.vocabulary = new SearchableMap<number>();
    this.heads = new Int32Array(Math.max(256, old.terms.length));
    this.tails = new Int32Array(Math.max(256, old.terms.length));
    this.frequencies = new Uint32Array(Math.max(256, old.terms.length) * this.fieldCount);
    const postings: number[] = [];
    for (let termId = 0; termId < old.terms.length; termId++) {
      postings.length = 0;
      for (let block = old.heads[termId]; block !== 0; block = old.arena[block]) {
        const end = block + HEADER + old.arena[block + 1] * 2;
        for (let at = block + HEADER; at < end; at += 2) {
          const to = renumber[old.arena[at]];
          if (to >= 0) postings.push(to, old.arena[at + 1]);
        }
      }
      if (postings.length === 0) continue;
      const newId = this.terms.length;
      this.terms.push(old.terms[termId]);
      this.vocabulary.set(old.terms[termId], newId);
      const block = this.allocate(postings.length / 2);
      this.heads[newId] = block;
      this.tails[newId] = block;
      this.arena.set(postings, block + HEADER);
      this.arena[block + 1] = postings.length / 2;
      for (let i = 1; i < postings.length; i += 2) this.frequencies[newId * this.fieldCount + (postings[i] >>> 24)]++;
    }
    this.ids = ids;
    this.shortIds.clear();
    for (const [short, id] of ids.entries()) this.shortIds.set(id, short);
    this.lengths = lengths;
    this.dead = 0;
  }

  /** The index as plain arrays, vacuumed first (so a saved index has no removed documents). */
  save(): SavedTermIndex {
    if (this.dead > 0) this.vacuum();
    return {
      fields: [...this.fields],
      ids: this.ids as string[],
      terms: this.terms,
      lengths: this.lengths.subarray(0, this.ids.length * this.fieldCount),
      heads: this.heads.subarray(0, this.terms.length),
      frequencies: this.frequencies.subarray(0, this.terms.length * this.fieldCount),
      arena: this.arena.subarray(0, this.arenaUsed),
    };
  }

  /** An index from {@link save}'s arrays; null when they do not fit together (a damaged or foreign file). */
  static load(saved: SavedTermIndex): TermIndex | null {
    const index = new TermIndex(saved.fields);
    const n = saved.ids.length;
    const F = index.fieldCount;
    const t = saved.terms.length;
    if (saved.lengths.length !== n * F || saved.heads.length !== t || saved.frequencies.length !== t * F || saved.arena.length < HEADER) return null;
    index.ids = saved.ids.slice();
    for (const [short, id] of index.ids.entries()) {
      if (typeof id !== 'string' || index.shortIds.has(id!)) return null;
      index.shortIds.set(id!, short);
    }
    index.live = n;
    index.lengths = saved.lengths.slice();
    for (let short = 0; short < n; short++) for (let f = 0; f < F; f++) index.lengthSums[f] += index.lengths[short * F + f];
    index.terms = saved.terms.slice();
    index.heads = Int32Array.from(saved.heads);
    index.tails = new Int32Array(t);
    index.frequencies = saved.frequencies.slice();
    index.arena = saved.arena.slice();
    index.arenaUsed = saved.arena.length;
    // Every chain must stay inside the arena and name live documents and real fields; its last block is its tail.
    for (let termId = 0; termId < t; termId++) {
      let steps = 0;
      for (let block = index.heads[termId]; block !== 0; block = index.arena[block]) {
        const used = index.arena[block + 1];
        if (block < HEADER || block + HEADER + index.arena[block + 2] * 2 > index.arenaUsed || used > index.arena[block + 2] || ++steps > 1e6) return null;
        for (let at = block + HEADER; at < block + HEADER + used * 2; at += 2) if (index.arena[at] >= n || index.arena[at + 1] >>> 24 >= F) return null;
        index.tails[termId] = block;
      }
    }
    index.vocabulary = new SearchableMap<number>();
    for (const [termId, term] of index.terms.entries()) index.vocabulary.set(term, termId);
    return index;
  }
}
