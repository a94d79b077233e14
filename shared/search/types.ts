/**
 * What the search engine is given and what it answers: the documents (sources, annotations,
 * entities), the hits of each group, and the options of a query. Shared by the engine, its workers
 * and the API.
 */
import type { AnnotationKind } from '../domain/annotation';
import type { EntityType } from '../domain/entity';
import type { PackedAt } from '../domain/source';

/** Where a source's text is kept (its hash, and its place in a pack): the engine does not hold texts, it asks for them. */
export interface TextLocation {
  hash: string;
  packed?: PackedAt;
}

export interface SearchSource {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  /** The text, to index (the engine keeps only its words, and asks for the text when it shows a snippet). */
  text: string;
  /** Where the text is kept, for the engine's text reader. */
  location?: TextLocation;
  /** What the notebook's copy was when indexed (its hash and metadata), to tell a saved index what changed. */
  version?: string;
}

/** A source as the engine keeps it: without its text. */
export type SourceMeta = Omit<SearchSource, 'text'>;

export interface SearchAnnotation {
  id: string;
  sourceId: string;
  kind: AnnotationKind;
  quote: string;
  note: string;
  tags: readonly string[];
  entityIds: readonly string[];
  /** Where the quote is in its source's text. */
  start: number;
  end: number;
  /** When the notebook's copy was last changed, to tell a saved index what changed. */
  version?: string;
}

export interface SearchEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: readonly string[];
  parentId: string | null;
}

/** A text with the ranges (UTF-16 offsets into `text`) that matched. */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
}

export interface EntityHit {
  id: string;
  type: EntityType;
  name: Highlighted;
  /** The spelling that matched, when it is an alias rather than the name. */
  alias: Highlighted | null;
  score: number;
}

export interface AnnotationHit {
  id: string;
  sourceId: string;
  sourceTitle: string;
  outlet: string | null;
  published: string | null;
  kind: AnnotationKind;
  quote: Highlighted;
  /** The note, or the part of a long note around the match; null when there is none. */
  note: Highlighted | null;
  tags: string[];
  start: number;
  end: number;
  /** Found by its link to an entity the query names, not by its words. */
  linkedTo: string | null;
  score: number;
}

export interface SourceHit {
  id: string;
  title: Highlighted;
  outlet: string | null;
  published: string | null;
  /** Text around the first hit in the body (or the opening when only the title matched). */
  snippet: Highlighted;
  /** Where the first hit is in the text, to open the reader at; null when only the title matched. */
  hit: { start: number; end: number } | null;
  score: number;
}

export interface SearchResults {
  query: string;
  entities: EntityHit[];
  annotations: AnnotationHit[];
  sources: SourceHit[];
  /** How many matched in each group; `more` when the count stopped early (phrases). */
  totals: { entities: number; annotations: number; sources: number; more: boolean };
  problems: string[];
}

export interface SearchOptionsIn {
  /** Results per group. */
  limit?: number;
  /** The last word may be unfinished (search as you type): it also matches as a prefix. */
  asYouType?: boolean;
}

/**
 * Which groups an engine answers: all of them, or one half, so that two workers can answer the
 * two costly halves of a query at the same time (source texts; annotations and entities).
 */
export type EngineRole = 'all' | 'sources' | 'annotations';

/** Which annotations an engine holds: those whose source falls in its shard (by a hash of the source id). */
export interface Shard {
  index: number;
  count: number;
}
