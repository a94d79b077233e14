/** Messages to a search engine host (host.ts), in a worker or on the calling thread. */
import type { EngineRole, SearchAnnotation, SearchEntity, SearchOptionsIn, SearchResults, SearchSource, Shard } from '../../../shared/search/engine';

/** What a host holds: its role and shard, and the notebook whose texts it reads. */
export interface HostPlan {
  role: EngineRole;
  shard: Shard;
  notebookDir: string;
}

export type SearchMessage =
  | { type: 'sources'; sources: SearchSource[] }
  | { type: 'annotations'; put: SearchAnnotation[]; remove: string[] }
  | { type: 'entities'; entities: SearchEntity[] }
  | { type: 'ping'; id: number }
  /** Load the saved index at `path` if it is this host's; answers with its documents' versions. */
  | { type: 'restore'; id: number; path: string }
  /** Drop sources and annotations the notebook no longer has (with a source go its annotations). */
  | { type: 'remove'; sourceIds: string[]; annotationIds: string[] }
  /** Run a query of each kind once, so the reader's first searches find the code compiled. */
  | { type: 'warm' }
  /** Save the index at `path` (atomically: a temporary file renamed). */
  | { type: 'save'; id: number; path: string }
  | { type: 'search'; id: number; query: string; options: SearchOptionsIn };

/** A saved part's documents and their versions, as two flat lists each (cheaper to pass between threads than pairs). */
export type Versions = { sources: { ids: string[]; versions: string[] }; annotations: { ids: string[]; versions: string[] } };

export type SearchReply = { id: number; results: SearchResults | null; versions?: Versions | null } | { id: number; error: string };
