/**
 * A notebook as the app shows it: a folder on disk holding one story's sources, annotations and
 * entities.
 */
import * as z from 'zod';

/** A notebook's display name. */
export const NotebookName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), 'must not contain control characters');

/** An absolute folder path on the machine running the backend. */
export const FolderPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL');

/**
 * A file the store could not read when it opened the notebook. The file was moved aside
 * untouched to `keptAt` so that nothing is lost and the rest of the notebook stays usable.
 */
export const NotebookProblem = z.object({
  file: z.string(),
  message: z.string(),
  keptAt: z.string().nullable(),
});

/** The open notebook. */
export const NotebookInfo = z.object({
  id: z.string(),
  name: NotebookName,
  path: FolderPath,
  schemaVersion: z.number().int().positive(),
  sourceCount: z.number().int().nonnegative(),
  isSample: z.boolean(),
  /** Files that could not be read at open; empty when all is well. */
  problems: z.array(NotebookProblem),
  /** Set when the notebook was migrated from an older layout during this open. */
  migratedFrom: z.number().int().positive().nullable(),
  /** Why the notebook is open read-only (its folder cannot be written), or null when it can be changed. */
  readOnly: z.string().nullable().default(null),
});

/** A notebook the user opened before, for the "Open recent" list. */
/** Where the reporter was in a notebook when they left it: the view, the source open, how far down it. */
export const NotebookSession = z
  .object({
    view: z.enum(['library', 'annotations', 'entities', 'search', 'factsheet', 'pictures']),
    sourceId: z.string().max(200).nullable(),
    scrollTop: z.number().int().min(0).max(100_000_000),
  })
  .strict();
export type NotebookSession = z.infer<typeof NotebookSession>;

export const RecentNotebook = z.object({
  path: FolderPath,
  name: z.string(),
  openedAt: z.iso.datetime(),
});

export type NotebookInfo = z.infer<typeof NotebookInfo>;
export type NotebookProblem = z.infer<typeof NotebookProblem>;
export type RecentNotebook = z.infer<typeof RecentNotebook>;

/**
 * A file or folder name from a name: "Operation P-Hunt (sample)" -> "operation-p-hunt-sample".
 * Notebook folders and the suggested names of exports use it.
 */
export function folderNameFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Marks stay: in Malayalam or Devanagari they are vowels, not accents.
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .normalize('NFC');
  return slug || 'notebook';
}
