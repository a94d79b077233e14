/**
 * What the reporter records for the fact sheet beyond annotations: which value stands where
 * sources disagree (a resolution, with its reason), and a summary per entity. Kept in the
 * notebook's factsheet.json.
 */
import * as z from 'zod';
import { Author } from './author';
import { EntityId } from './entity';

/** The reporter's decision on a conflict between sources: the value that stands, and why. */
export const FigureResolution = z
  .object({
    entityId: EntityId,
    metric: z.string().trim().min(1, 'say which metric').max(80),
    value: z.number({ error: 'the value must be a number' }).refine(Number.isFinite, 'the value must be a number'),
    upper: z.number().refine(Number.isFinite, 'the upper end must be a number').nullable().default(null),
    note: z.string().trim().min(1, 'say why this value stands (a note is required)').max(5000, 'a note can be at most 5,000 characters'),
    resolvedAt: z.iso.datetime(),
    /** Who decided (their display name), null when no name was set. */
    resolvedBy: Author.nullable().default(null),
  })
  .refine((r) => r.upper === null || r.upper >= r.value, { message: 'the upper end must not be below the value', path: ['upper'] });
export type FigureResolution = z.infer<typeof FigureResolution>;

/** The longest summary, in characters. */
export const SUMMARY_MAX_LENGTH = 20_000;

/** factsheet.json: resolutions (the last for an entity and metric stands) and summaries by entity id ('' for the notebook). */
export const FactsheetNotes = z.object({
  resolutions: z.array(FigureResolution).default([]),
  summaries: z.record(z.string(), z.string().max(SUMMARY_MAX_LENGTH, `a summary can be at most ${SUMMARY_MAX_LENGTH.toLocaleString('en')} characters`)).default({}),
});
export type FactsheetNotes = z.infer<typeof FactsheetNotes>;
