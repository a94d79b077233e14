/**
 * The `factsheet:` operations of the contract (see contract.ts, which includes these): build a
 * fact sheet, resolve or reopen a conflict between sources, keep a summary, export the sheet.
 */
import * as z from 'zod';
import { EntityId } from '../domain/entity';
import { FigureResolution, SUMMARY_MAX_LENGTH } from '../domain/factsheet';
import { FolderPath } from '../domain/notebook';
import { FactSheet } from '../factsheet/schema';

/** The formats a fact sheet exports to. */
export const FactSheetFormat = z.enum(['md', 'html', 'pdf', 'docx', 'json']);
export type FactSheetFormat = z.infer<typeof FactSheetFormat>;

const Written = z.object({ path: z.string(), bytes: z.number().int().nonnegative() });

export const factsheetOperations = {
  /** The fact sheet of an entity (an operation with its rounds) or, with null, of the whole notebook. */
  'factsheet:build': {
    input: z.object({ entityId: EntityId.nullable().default(null) }).strict(),
    output: FactSheet,
  },
  /** Only the sheet's pictures' data (the timeline's marks, the entity graph): what the Pictures view draws, without the rest. */
  'factsheet:pictures': {
    input: z.object({ entityId: EntityId.nullable().default(null) }).strict(),
    output: FactSheet.shape.pictures,
  },
  /** Records which value stands where sources disagree on a figure, and why (a note is required). */
  'factsheet:resolve': {
    input: z
      .object({
        entityId: EntityId,
        metric: z.string().trim().min(1, 'say which metric').max(80),
        value: z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number'),
        upper: z.number().refine(Number.isFinite, 'must be a number').nullable().default(null),
        note: z.string().max(5000),
      })
      .strict(),
    output: FigureResolution,
  },
  /** Takes back a resolution: the conflict shows again. */
  'factsheet:reopen': {
    input: z.object({ entityId: EntityId, metric: z.string().trim().min(1).max(80) }).strict(),
    output: z.object({}),
  },
  /** Saves the summary at the top of an entity's fact sheet (null: the whole notebook's); empty removes it. */
  'factsheet:summary': {
    input: z.object({ entityId: EntityId.nullable(), summary: z.string().max(SUMMARY_MAX_LENGTH, `a summary can be at most ${SUMMARY_MAX_LENGTH.toLocaleString('en')} characters`) }).strict(),
    output: z.object({}),
  },
  /**
   * Writes the fact sheet to a file on the machine running the backend: Markdown, self-contained
   * HTML, PDF (printed by the browser engine), Word or JSON. An existing file is replaced only
   * with `overwrite` (ALREADY_EXISTS otherwise, so the UI can ask); the file appears whole or not at all.
   */
  'factsheet:export': {
    input: z.object({ entityId: EntityId.nullable().default(null), format: FactSheetFormat, path: FolderPath, overwrite: z.boolean().default(false) }).strict(),
    output: Written,
  },
} as const;
