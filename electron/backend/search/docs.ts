/**
 * What the search engine is given of a notebook: sources with their texts, annotations, and the
 * live entities (merged tombstones left out).
 */
import { linkedEntityIds, type Annotation } from '../../../shared/domain/annotation';
import type { Source, SourceSummary } from '../../../shared/domain/source';
import type { SearchAnnotation, SearchEntity, SearchSource } from '../../../shared/search/engine';
import type { EntitiesDoc } from '../store/layout';
import type { Notebook } from '../store/notebook';

/**
 * A short fingerprint of a document's state (53 bits, base 36): a saved index keeps one per
 * document to tell what changed since, and 50,000 of them were most of its size as JSON tuples.
 * Only a document's own earlier fingerprint is compared with it, so a collision would need a change
 * to land on the one value in 2^53 its old state had.
 */
function fingerprint(parts: readonly (string | number | null)[]): string {
  const text = parts.map((p) => (p === null ? '\u0001' : String(p))).join('\u0000');
  // cyrb53 (public domain): two 32-bit multiplicative hashes mixed into 53 bits.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** What a source is, for a saved index: its text (by hash) and the metadata search shows and filters on. */
export function sourceVersion(s: SourceSummary): string {
  return fingerprint([s.contentHash, s.title, s.outlet, s.published, s.packed?.file ?? null, s.packed?.offset ?? null]);
}

/** What an annotation is, for a saved index: its last change and where it points. */
export function annotationVersion(a: Annotation): string {
  return fingerprint([a.updatedAt, a.target.contentHash, a.target.position.start, a.target.position.end]);
}

/** Where a source's text is kept, for the search engine's reader. */
function locationOf(source: SourceSummary): SearchSource['location'] {
  return { hash: source.contentHash, ...(source.packed ? { packed: source.packed } : {}) };
}

export function toSearchSource(source: Source): SearchSource {
  return { id: source.id, title: source.title, outlet: source.outlet, published: source.published, text: source.text, location: locationOf(source), version: sourceVersion(source) };
}

/** A source's metadata without its text (for the part of the index that needs no text). */
export function toSearchSourceMeta(source: SourceSummary): SearchSource {
  return { id: source.id, title: source.title, outlet: source.outlet, published: source.published, text: '', location: locationOf(source), version: sourceVersion(source) };
}

export function toSearchAnnotation(a: Annotation): SearchAnnotation {
  return {
    id: a.id,
    sourceId: a.sourceId,
    kind: a.kind,
    quote: a.target.quote.exact,
    note: a.note,
    tags: a.tags,
    entityIds: linkedEntityIds(a),
    start: a.target.position.start,
    end: a.target.position.end,
    version: annotationVersion(a),
  };
}

export function toSearchEntities(doc: Readonly<EntitiesDoc>): SearchEntity[] {
  return doc.entities.filter((e) => e.mergedInto === null).map((e) => ({ id: e.id, type: e.type, name: e.name, aliases: e.aliases, parentId: e.parentId }));
}

/**
 * Reads a notebook's sources (texts included) a chunk at a time. A source whose text cannot be
 * read is left out of search, and reported.
 */
export async function* readSearchDocs(nb: Notebook, chunk = 100): AsyncGenerator<{ sources: SearchSource[]; annotations: SearchAnnotation[]; unreadable: string[] }> {
  const summaries = nb.listSources();
  for (let i = 0; i < summaries.length; i += chunk) {
    const part = summaries.slice(i, i + chunk);
    const read = await Promise.all(part.map((s) => nb.getSource(s.id).catch(() => null)));
    yield {
      sources: read.filter((s): s is Source => s !== null).map(toSearchSource),
      annotations: part.flatMap((s) => nb.listAnnotations(s.id).map(toSearchAnnotation)),
      unreadable: part.filter((_, j) => read[j] === null).map((s) => s.title),
    };
  }
}
