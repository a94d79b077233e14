/** Messages to the search worker (see worker.ts). */
import type { SearchAnnotation, SearchEntity, SearchOptionsIn, SearchResults, SearchSource } from '../../../shared/search/engine';

export type SearchMessage =
  | { type: 'sources'; sources: SearchSource[] }
  | { type: 'annotations'; put: SearchAnnotation[]; remove: string[] }
  | { type: 'entities'; entities: SearchEntity[] }
  | { type: 'ping'; id: number }
  | { type: 'search'; id: number; query: string; options: SearchOptionsIn };

export type SearchReply = { id: number; results: SearchResults | null } | { id: number; error: string };
