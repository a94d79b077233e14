/**
 * The fact sheet's shape as a schema: what the `factsheet:build` answer and the JSON export are
 * checked against (build.ts's types must stay assignable both ways; the compiler checks below).
 */
import * as z from 'zod';
import { EntityType } from '../domain/entity';
import type { FactSheet as FactSheetType } from './build';

const Citation = z.object({
  n: z.number().int().positive(),
  sourceId: z.string(),
  annotationId: z.string(),
  quote: z.string(),
  orphan: z.boolean(),
  marks: z.string().nullable(),
  cell: z.string().nullable().optional(),
});
const Entity = z.object({ id: z.string(), name: z.string(), type: EntityType });
const Value = z.object({
  value: z.number(),
  upper: z.number().nullable(),
  qualifier: z.string().nullable(),
  unit: z.string().nullable(),
  citations: z.array(Citation),
  outlets: z.array(z.string()),
  unnamedOutlets: z.number().int().nonnegative(),
  asOf: z.string().nullable().default(null),
});
const Cell = z.object({
  status: z.enum(['single-source', 'corroborated', 'conflict', 'resolved']),
  values: z.array(Value),
  resolution: z.object({ value: z.number(), upper: z.number().nullable(), note: z.string(), resolvedAt: z.string(), resolvedBy: z.string().nullable() }).nullable(),
});
const Involved = Entity.extend({ role: z.string(), citations: z.array(Citation) });

/** A fact sheet as buildFactSheet makes it. */
export const FactSheet = z.object({
  title: z.string(),
  notebook: z.string(),
  subject: Entity.nullable(),
  summary: z.string(),
  generatedAt: z.string(),
  figures: z.object({ columns: z.array(Entity), rows: z.array(z.object({ metric: z.string(), cells: z.array(Cell.nullable()) })) }),
  timeline: z.array(z.object({ date: z.string(), kind: z.enum(['event', 'published']), text: z.string(), note: z.string(), citation: Citation.nullable(), n: z.number().int().positive().nullable() })),
  undatedSources: z.array(z.number().int().positive()),
  people: z.array(Involved),
  organisations: z.array(Involved),
  quotes: z.array(z.object({ speaker: Entity.nullable(), quote: z.string(), outlet: z.string().nullable(), published: z.string().nullable(), note: z.string(), citation: Citation })),
  questions: z.array(z.object({ quote: z.string(), note: z.string(), citation: Citation })),
  sources: z.array(
    z.object({
      n: z.number().int().positive(),
      id: z.string(),
      title: z.string(),
      outlet: z.string().nullable(),
      published: z.string().nullable(),
      url: z.string().nullable(),
      sha256: z.string(),
      importedAt: z.string(),
    }),
  ),
  counts: z.object({ conflicts: z.number().int(), singleSource: z.number().int(), corroborated: z.number().int(), resolved: z.number().int() }),
  pictures: z.object({
    timeline: z.array(
      z.object({
        kind: z.enum(['published', 'event', 'figure']),
        date: z.string(),
        dateIs: z.enum(['as-of', 'published', 'event']),
        label: z.string(),
        conflict: z.boolean(),
        n: z.number().int().positive(),
        sourceId: z.string(),
        annotationId: z.string().nullable(),
      }),
    ),
    graph: z.object({
      nodes: z.array(Entity.extend({ mentions: z.number().int().positive(), roundOf: z.string().nullable() })),
      edges: z.array(z.object({ a: z.string(), b: z.string(), shared: z.number().int().nonnegative(), sources: z.number().int().nonnegative() })),
    }),
  }),
});

// The schema and build.ts's types describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPES: Same<z.infer<typeof FactSheet>, FactSheetType> = true;

/** The JSON export: the sheet with a tag naming its format. */
export const FACTSHEET_JSON_FORMAT = 'dossier-factsheet-1';
