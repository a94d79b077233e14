/**
 * What the search engine is given of a notebook: sources with their texts, annotations, and the
 * live entities (merged tombstones left out).
 */
import type { Annotation } from '../../../shared/domain/annotation';
import type { Source, SourceSummary } from '../../../shared/domain/source';
import type { SearchAnnotation, SearchEntity, SearchSource } from '../../../shared/search/engine';
import { SearchEngine } from '../../../shared/search/engine';
import type { EntitiesDoc } from '../store/layout';
import type { Notebook } from '../store/notebook';

/** What a source is, for a saved index: its text (by hash) and the metadata search shows and filters on. */
export function sourceVersion(s: SourceSummary): string {
  return JSON.stringify([s.contentHash, s.title, s.outlet, s.published]);
}

/** What an annotation is, for a saved index: its last change and where it points. */
export function annotationVersion(a: Annotation): string {
  return JSON.stringify([a.updatedAt, a.target.contentHash, a.target.position.start, a.target.position.end]);
}

export function toSearchSource(source: Source): SearchSource {
  return { id: source.id, title: source.title, outlet: source.outlet, published: source.published, text: source.text, version: sourceVersion(source) };
}

/** A source's metadata without its text (for the part of the index that needs no text). */
export function toSearchSourceMeta(source: SourceSummary): SearchSource {
  return { id: source.id, title: source.title, outlet: source.outlet, published: source.published, text: '', version: sourceVersion(source) };
}

export function toSearchAnnotation(a: Annotation): SearchAnnotation {
  return { id: a.id, sourceId: a.sourceId, kind: a.kind, quote: a.target.quote.exact, note: a.note, tags: a.tags, entityIds: a.entityIds, start: a.target.position.start, end: a.target.position.end, version: annotationVersion(a) };
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

/** Builds an engine over a whole notebook on this thread (the CLI, tests). */
export async function loadSearchEngine(nb: Notebook): Promise<SearchEngine> {
  const engine = new SearchEngine();
  engine.setEntities(toSearchEntities(nb.entities));
  for await (const { sources, annotations } of readSearchDocs(nb)) {
    engine.putSources(sources);
    engine.putAnnotations(annotations);
  }
  return engine;
}
