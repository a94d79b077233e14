/** Messages to the search worker (see worker.ts). */
import type { SearchAnnotation, SearchEntity, SearchOptionsIn, SearchResults, SearchSource } from '../../../shared/search/engine';

export type SearchMessage =
  | { type: 'sources'; sources: SearchSource[] }
  | { type: 'annotations'; put: SearchAnnotation[]; remove: string[] }
  | { type: 'entities'; entities: SearchEntity[] }
  | { type: 'ping'; id: number }
  /** Load the saved index at `path` if it is this worker's; answers with its documents' versions. */
  | { type: 'restore'; id: number; path: string }
  /** Drop what the notebook no longer has. */
  | { type: 'keep'; sourceIds: string[]; annotationIds: string[] }
  /** Run a query of each kind once, so the reader's first searches find the code compiled. */
  | { type: 'warm' }
  /** Save the index at `path` (atomically: a temporary file renamed). */
  | { type: 'save'; id: number; path: string }
  | { type: 'search'; id: number; query: string; options: SearchOptionsIn };

export type SearchReply = { id: number; results: SearchResults | null; versions?: { sources: [string, string][]; annotations: [string, string][] } | null } | { id: number; error: string };
