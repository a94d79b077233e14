/**
 * The `search:` operation of the contract (see contract.ts, which includes it): one query in the
 * syntax of shared/search/query.ts, answered in groups with highlighted matches.
 */
import * as z from 'zod';
import { AnnotationKind } from '../domain/annotation';
import { EntityId, EntityType } from '../domain/entity';
import { PartialDate } from '../domain/partial-date';
import { SourceId } from '../domain/source';

const Highlighted = z.object({ text: z.string(), ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])) });

export const SearchResults = z.object({
  query: z.string(),
  entities: z.array(z.object({ id: EntityId, type: EntityType, name: Highlighted, alias: Highlighted.nullable(), score: z.number() })),
  annotations: z.array(
    z.object({
      id: z.string(),
      sourceId: SourceId,
      sourceTitle: z.string(),
      outlet: z.string().nullable(),
      published: PartialDate.nullable(),
      kind: AnnotationKind,
      quote: Highlighted,
      note: Highlighted.nullable(),
      tags: z.array(z.string()),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      linkedTo: z.string().nullable(),
      score: z.number(),
    }),
  ),
  sources: z.array(
    z.object({
      id: SourceId,
      title: Highlighted,
      outlet: z.string().nullable(),
      published: PartialDate.nullable(),
      snippet: Highlighted,
      hit: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
      score: z.number(),
    }),
  ),
  totals: z.object({ entities: z.number().int(), annotations: z.number().int(), sources: z.number().int(), more: z.boolean() }),
  problems: z.array(z.string()),
});

export const searchOperations = {
  /** Searches the open notebook: words, "phrases", -exclusions and filters (see QUERY_HELP). */
  'search:query': {
    input: z
      .object({
        query: z.string().max(2000, 'must be at most 2,000 characters'),
        limit: z.number().int().min(1).max(200).default(20),
        asYouType: z.boolean().default(false),
      })
      .strict(),
    output: SearchResults,
  },
} as const;
