/**
 * What a record from the replica must be before a notebook takes it in: a body its schema
 * accepts, text fields within Dossier's limits (a broken server cannot fill a notebook with a
 * 50 MB title), and an id that matches what it holds.
 */
import * as z from 'zod';
import { Annotation } from '../../../shared/domain/annotation';
import { Entity, EntityId } from '../../../shared/domain/entity';
import { FigureResolution, SUMMARY_MAX_LENGTH } from '../../../shared/domain/factsheet';
import { NotebookName } from '../../../shared/domain/notebook';
import { SourceSummary } from '../../../shared/domain/source';
import { annotationDocId, dismissedDocId, distinctDocId, entityDocId, resolutionDocId, sourceDocId, summaryDocId, type RecordKind } from './records';

const BODY_SCHEMAS: Partial<Record<RecordKind, z.ZodType>> = {
  notebook: z.object({ name: NotebookName }).strict(),
  source: SourceSummary,
  annotation: Annotation,
  entity: Entity,
  distinct: z.object({ pair: z.tuple([EntityId, EntityId]) }).strict(),
  dismissed: z.object({ key: z.string().min(1).max(500) }).strict(),
  resolution: FigureResolution,
  summary: z.object({ entityId: z.union([EntityId, z.literal('')]), text: z.string().max(SUMMARY_MAX_LENGTH) }).strict(),
};

/**
 * Lengths of a record's text fields beyond which what the server sends is refused: the app's own
 * limits for what a reporter types (a title is at most 500 when edited; imported ones run longer),
 * with room to spare, so that a broken server cannot fill a notebook with a 50 MB title.
 */
const SERVER_FIELD_LIMITS: Partial<Record<RecordKind, Record<string, number>>> = {
  source: { title: 2000, outlet: 500, byline: 2000 },
};

/** Why a record from the replica cannot be taken into a notebook (null: it can): its schema, its limits, its id. */
export function whyRefused(id: string, kind: RecordKind, body: unknown): string | null {
  const schema = BODY_SCHEMAS[kind];
  if (!schema) return `a record of kind “${kind}” is not one a notebook has`;
  const limit = SERVER_FIELD_LIMITS[kind];
  if (limit && body && typeof body === 'object') {
    for (const [field, max] of Object.entries(limit)) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.length > max)
        return `its ${field} has ${value.length.toLocaleString('en')} characters; Dossier keeps at most ${max.toLocaleString('en')} characters there`;
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return `it is not a valid ${kind}: ${parsed.error.issues.map((i) => `${i.path.join('.') || kind}: ${i.message}`).join('; ')}`;
  const value = parsed.data as Record<string, unknown>;
  const expected =
    kind === 'source'
      ? sourceDocId(String(value.id))
      : kind === 'annotation'
        ? annotationDocId(String(value.id))
        : kind === 'entity'
          ? entityDocId(String(value.id))
          : kind === 'resolution'
            ? resolutionDocId(value as { entityId: string; metric: string })
            : kind === 'summary'
              ? summaryDocId(String(value.entityId))
              : kind === 'distinct'
                ? distinctDocId(...(value.pair as [string, string]))
                : kind === 'dismissed'
                  ? dismissedDocId(String(value.key))
                  : id;
  if (expected !== id) return `its id ${id} does not match what it holds (${expected})`;
  if (kind === 'source' && value.packed !== undefined) return 'it says where another machine keeps its text';
  return null;
}
