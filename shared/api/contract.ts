/**
 * The single source of truth for every call between the renderer and the backend. The preload,
 * the IPC handlers, the HTTP host, the CLI and the renderer's client are all derived from this
 * map: adding an operation is one entry here plus one handler in electron/backend/api.
 */
import * as z from 'zod';
import type { Channel, Namespace, Verb } from './channels';
import { FolderPath, NotebookInfo, NotebookName, NotebookSession, RecentNotebook } from '../domain/notebook';
import { Annotation, AnnotationId, AnnotationKind, Figure, Note, Tags } from '../domain/annotation';
import { EntityId } from '../domain/entity';
import { PartialDate } from '../domain/partial-date';
import { Settings, SettingsPatch } from '../domain/settings';
import { Source, SourceId, SourceSummary } from '../domain/source';
import type { Result } from './result';
import { entityOperations } from './contract-entities';
import { searchOperations } from './contract-search';
import { factsheetOperations } from './contract-factsheet';
import { syncOperations } from './contract-sync';
import { MAX_SOURCE_TEXT } from '../domain/text';

const Empty = z.object({}).strict();

export { MAX_SOURCE_TEXT };

const Offset = z.number().int('must be a whole number').nonnegative('must not be negative');

/** How the annotations of a source fared when it got a new version. */
export const AnchoringReport = z.object({
  exact: z.number().int(),
  moved: z.number().int(),
  fuzzy: z.number().int(),
  orphan: z.number().int(),
});

/** What happened to one imported file. */
export const ImportOutcome = z.discriminatedUnion('status', [
  z.object({ file: z.string(), status: z.literal('imported'), sourceId: SourceId, title: z.string(), warnings: z.array(z.string()) }),
  z.object({ file: z.string(), status: z.literal('duplicate'), sourceId: SourceId, title: z.string() }),
  z.object({ file: z.string(), status: z.literal('new-version'), sourceId: SourceId, title: z.string() }),
  z.object({ file: z.string(), status: z.literal('failed'), reason: z.string() }),
]);

/** What the review sheet shows of one file being imported. */
export const ImportPreview = z.object({
  index: z.number().int().nonnegative(),
  file: z.string(),
  status: z.enum(['ready', 'duplicate', 'new-version', 'failed']),
  reason: z.string().nullable(),
  existing: z.object({ id: SourceId, title: z.string() }).nullable(),
  format: z.enum(['text', 'markdown', 'html', 'pdf', 'docx', 'email', 'msg', 'mbox', 'csv', 'xlsx']).nullable(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: PartialDate.nullable(),
  byline: z.string().nullable(),
  url: z.string().nullable(),
  wordCount: z.number().int().nonnegative(),
  excerpt: z.string(),
  warnings: z.array(z.string()),
  /** Of a message: its attachments, and how many of them will be sources of their own. */
  attachments: z.array(z.object({ fileName: z.string(), problem: z.string().nullable() })).default([]),
  /** Of a mailbox: how many messages it holds (each is read and saved as the import is saved). */
  messages: z.number().int().nonnegative().nullable().default(null),
});

/** Where an import job stands. */
export const ImportJobStatus = z.object({
  id: z.string(),
  state: z.enum(['reading', 'ready', 'saving', 'done', 'cancelled']),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  current: z.string().nullable(),
  previews: z.array(ImportPreview),
  outcomes: z.array(ImportOutcome).nullable(),
});

const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
/** The name the renderer gives a backup or restore, to follow its progress and cancel it. */
const TaskId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** One automatic snapshot of a notebook (see store/snapshots.ts). */
/** A snapshot's file name, as `notebook:snapshots` lists them. */
const SnapshotName = z.string().regex(/^snapshot-[0-9TZ-]{24}(-before-restore)?\.zip$/, 'is not the name of a snapshot (see the list of snapshots)');
const SnapshotInfo = z.object({
  name: z.string(),
  takenAt: z.iso.datetime(),
  bytes: z.number().int().nonnegative(),
  sources: z.number().int().nonnegative().nullable(),
  annotations: z.number().int().nonnegative().nullable(),
  entities: z.number().int().nonnegative().nullable(),
  /** Why it cannot be restored; null when it can. */
  problem: z.string().nullable(),
});
/** How far a backup or restore is: bytes done of total (0 when not known yet). */
const TaskStatus = z.object({ step: z.string(), done: z.number().nonnegative(), total: z.number().nonnegative(), cancelled: z.boolean() });
/** Dropped files travel in one request: at most this many megabytes together. */
export const MAX_UPLOAD_MB = 45;
const MAX_UPLOAD_BASE64 = Math.ceil((MAX_UPLOAD_MB * 1024 * 1024 * 4) / 3);

/** An annotation with the source it is on, for the notebook-wide list. */
/** The fields of an annotation a reporter edits (each optional: only those given change). */
export const AnnotationEdits = z
  .object({
    kind: AnnotationKind.optional(),
    note: Note.optional(),
    tags: Tags.optional(),
    entityIds: z.array(EntityId).max(50).optional(),
    figure: Figure.nullable().optional(),
    speakerId: EntityId.nullable().optional(),
    eventDate: PartialDate.nullable().optional(),
  })
  .strict();
export type AnnotationEdits = z.infer<typeof AnnotationEdits>;

export const AnnotationListItem = z.object({
  annotation: Annotation,
  source: SourceSummary.pick({ id: true, title: true, outlet: true, published: true }),
});

/** Which process serves the API. */
export const HostKind = z.enum(['electron', 'browser', 'cli']);

/** One operation: its input and output schemas. */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const contract = {
  /**
   * The app's state at a glance: the open notebook (or null), the recent notebooks, what this
   * host can do, and why the last notebook could not be reopened at start-up, if it could not.
   */
  /** The app's settings (theme, reading size, notebooks folder, snapshots). */
  'app:settings': {
    input: Empty,
    output: Settings,
  },
  /**
   * Changes some settings and keeps them in the app's data folder; answers with all of them. A
   * notebooks folder must be a folder that exists (or null for the app's own); the snapshot
   * schedule applies to the open notebook at once.
   */
  'app:updateSettings': {
    input: SettingsPatch,
    output: Settings,
  },
  'app:state': {
    input: Empty,
    output: z.object({
      host: HostKind,
      version: z.string(),
      canChooseFolder: z.boolean(),
      /** Where exports go unless the user says otherwise: their Documents folder, or their home. */
      exportFolder: FolderPath,
      notebook: NotebookInfo.nullable(),
      recent: z.array(RecentNotebook),
      startupProblem: z.string().nullable(),
      /** Where the reporter was in the open notebook when they last left it, to start there again. */
      session: NotebookSession.nullable(),
    }),
  },
  /** Remembers where the reporter is in the open notebook (view, source, scroll), for the next start. */
  'app:saveSession': {
    input: NotebookSession,
    output: z.object({ saved: z.boolean() }),
  },
  /**
   * Asks the user for a folder with the system dialog. Null when they cancel. UNSUPPORTED in
   * browser mode, where the user types a path instead.
   */
  'app:chooseFolder': {
    input: z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    output: FolderPath.nullable(),
  },
  /**
   * Asks the user for files and folders to import with the system dialog; an empty list when they
   * cancel. UNSUPPORTED in browser mode, where the user types paths instead.
   */
  'app:chooseImportPaths': {
    input: Empty,
    output: z.array(FolderPath),
  },
  /**
   * Asks the user where to save an export with the system dialog (which asks before replacing a
   * file); null when they cancel. UNSUPPORTED in browser mode, where the user types the path.
   */
  'app:chooseSavePath': {
    input: z.object({ suggestedName: z.string().min(1).max(255), extension: z.string().regex(/^[a-z0-9]{1,8}$/) }).strict(),
    output: FolderPath.nullable(),
  },
  /** How far the backup or restore started with this task name is; null when none runs under it (not started yet, or finished). */
  'app:taskStatus': {
    input: z.object({ task: TaskId }).strict(),
    output: TaskStatus.nullable(),
  },
  /**
   * Cancels the backup or restore running under this task name (one not started yet is cancelled
   * when it starts); its request then answers CANCELLED and nothing is written. Answers whether it was running.
   */
  'app:cancelTask': {
    input: z.object({ task: TaskId }).strict(),
    output: z.object({ running: z.boolean() }),
  },
  /**
   * Creates an empty notebook and opens it. Without a path it goes in the app's notebooks folder
   * under a folder name made from the name; with one, the folder must not exist or be empty.
   */
  'notebook:create': {
    input: z.object({ name: NotebookName, path: FolderPath.optional() }).strict(),
    output: NotebookInfo,
  },
  /** Opens an existing notebook folder, closing the current one. */
  'notebook:open': {
    input: z.object({ path: FolderPath }).strict(),
    output: NotebookInfo,
  },
  /**
   * Writes the open notebook, whole, to one archive file (a zip with a checksummed list of its
   * files; the search cache is left out). An existing file is replaced only with `overwrite`.
   */
  'notebook:backup': {
    input: z.object({ path: FolderPath, overwrite: z.boolean().default(false), task: TaskId.optional() }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.number().int().nonnegative() }),
  },
  /**
   * Restores a backup archive into a folder that does not exist or is empty (by default a new
   * folder in the app's notebooks folder) and opens it. A damaged archive changes nothing.
   */
  'notebook:restore': {
    input: z.object({ archive: FolderPath, path: FolderPath.optional(), task: TaskId.optional() }).strict(),
    output: NotebookInfo,
  },
  /**
   * The open notebook's automatic snapshots (its records as they were: annotations, entities,
   * fact-sheet notes, versions), newest first; one that cannot be read says why.
   */
  'notebook:snapshots': {
    input: Empty,
    output: z.array(SnapshotInfo),
  },
  /** Takes a snapshot of the open notebook now. */
  'notebook:snapshot': {
    input: Empty,
    output: SnapshotInfo,
  },
  /**
   * In a shared notebook, what colleagues changed since a snapshot was taken, newest first: what a
   * restore of it keeps as the team has it, or, rolled back for the team, lists as conflicts. Empty
   * for a notebook that is not shared. Reads only.
   */
  'notebook:snapshotChanges': {
    input: z.object({ name: SnapshotName }).strict(),
    output: z.array(z.object({ id: z.string(), by: z.string().nullable(), at: z.string(), how: z.enum(['added', 'edited', 'deleted']), what: z.string() })),
  },
  /**
   * Puts the open notebook back as it was at a snapshot, after taking a snapshot of how it is now
   * (so that the restore can itself be undone), and reopens it. A snapshot that would not make a
   * whole notebook changes nothing.
   */
  'notebook:restoreSnapshot': {
    /** `forTeam`: in a shared notebook, roll colleagues' edits since the snapshot back too (each then a listed conflict). */
    input: z.object({ name: SnapshotName, task: TaskId.optional(), forTeam: z.boolean().optional() }).strict(),
    /**
     * In a shared notebook: `kept`, the records colleagues changed since the snapshot, kept as they
     * are (a restore rolls back only the reporter's own edits); with `forTeam`, `rolledBack`, those
     * rolled back too, each colleague's version left as a conflict.
     */
    output: NotebookInfo.extend({
      kept: z.array(z.object({ id: z.string(), by: z.string().nullable() })).default([]),
      rolledBack: z.array(z.object({ id: z.string(), by: z.string().nullable() })).default([]),
    }),
  },
  /** Renames the open notebook (its folder stays where it is). */
  'notebook:rename': {
    input: z.object({ name: NotebookName }).strict(),
    output: NotebookInfo,
  },
  /**
   * Makes a fresh copy of the sample notebook and opens it. An existing sample folder is moved
   * aside to a dated backup first, so nothing written in it is lost.
   */
  'notebook:recreateSample': {
    input: Empty,
    output: NotebookInfo,
  },
  /** Every source of the open notebook, oldest publication date first, undated last. */
  'sources:list': {
    input: Empty,
    output: z.array(SourceSummary),
  },
  /** One source with its full text. */
  'sources:get': {
    input: z.object({ id: SourceId }).strict(),
    output: Source,
  },
  /**
   * Corrects what is known about sources: the title, outlet, publication date, byline or language
   * of one, or the outlet, date, byline or language of several at once (the library's bulk edit). A field left out is
   * left as it is; null (or an empty outlet or byline) clears it. Every source must exist, or
   * nothing changes. Says how many sources changed.
   */
  'sources:updateMeta': {
    input: z
      .object({
        ids: z.array(SourceId).min(1, 'must name at least one source').max(100_000),
        title: z.string().trim().min(1, 'must not be empty').max(500).optional(),
        outlet: z.string().trim().max(200).nullable().optional(),
        published: PartialDate.nullable().optional(),
        byline: z.string().trim().max(500).nullable().optional(),
        /** The language of the text as a BCP 47 tag ("ml", "pt-BR"); null when it is not known. */
        lang: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en", "ml" or "pt-BR"')
          .nullable()
          .optional(),
      })
      .strict()
      .refine((x) => x.title !== undefined || x.outlet !== undefined || x.published !== undefined || x.byline !== undefined || x.lang !== undefined, {
        message: 'says nothing to change: give a title, outlet, published date, byline or language',
      })
      .refine((x) => x.title === undefined || x.ids.length === 1, { message: 'can give a title to one source only, not to several at once', path: ['title'] }),
    output: z.object({ updated: z.number().int().nonnegative() }),
  },
  /**
   * Replaces a source's text with a newer version (a leading `date YYYY-MM-DD` line is dropped)
   * and re-anchors its annotations. The old text is kept. Says how many annotations stayed exact,
   * moved, matched approximately, or became orphans needing review.
   */
  'sources:addVersion': {
    input: z
      .object({
        id: SourceId,
        text: z
          .string()
          .min(1, 'must not be empty')
          .max(MAX_SOURCE_TEXT, `must be at most ${MAX_SOURCE_TEXT.toLocaleString('en')} characters`),
      })
      .strict(),
    output: z.object({ source: SourceSummary, anchoring: AnchoringReport }),
  },
  /** The annotations of one source, in text order, orphans last. */
  'annotations:list': {
    input: z.object({ sourceId: SourceId }).strict(),
    output: z.array(Annotation),
  },
  /** Every annotation of the notebook with its source, by source date then text order. */
  'annotations:listAll': {
    input: Empty,
    output: z.array(AnnotationListItem),
  },
  /** Every tag in use, most used first, for autocomplete. */
  'annotations:tags': {
    input: Empty,
    output: z.array(z.object({ tag: z.string(), count: z.number().int().positive() })),
  },
  /**
   * Annotates text[start, end) of the source's current text (UTF-16 offsets over its normalised
   * text). Refuses an empty, blank or out-of-range passage.
   */
  'annotations:create': {
    input: z
      .object({
        sourceId: SourceId,
        start: Offset,
        end: Offset,
        kind: AnnotationKind.default('passage'),
        note: Note.default(''),
        tags: Tags.default([]),
        entityIds: z.array(EntityId).max(50).default([]),
        figure: Figure.nullable().default(null),
        speakerId: EntityId.nullable().default(null),
        eventDate: PartialDate.nullable().default(null),
      })
      .strict(),
    output: Annotation,
  },
  /**
   * Changes an annotation's kind, note, tags or linked entities, and its fact-sheet fields: the
   * figure it gives (metric, value, unit, qualifier, date, the entity it is about), the speaker of
   * a quote (a person), the date of an event. Null clears a fact-sheet field.
   */
  'annotations:update': {
    input: z
      .object({
        id: AnnotationId,
        ...AnnotationEdits.shape,
        /** Undo: the values these fields must still have (what the reporter's own edit left); otherwise CHANGED_SINCE and nothing changes. */
        ifStill: AnnotationEdits.optional(),
      })
      .strict(),
    output: Annotation,
  },
  /**
   * Writes every annotation to a file on the machine running the backend: W3C Web Annotation
   * JSON-LD (an AnnotationCollection; offsets in code points) or CSV (a row each). An existing file
   * is replaced only with `overwrite` (ALREADY_EXISTS otherwise); the file appears whole or not at all.
   */
  'annotations:export': {
    input: z.object({ format: z.enum(['w3c', 'csv']), path: FolderPath, overwrite: z.boolean().default(false) }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int().nonnegative(), count: z.number().int().nonnegative() }),
  },
  /**
   * Imports a W3C Web Annotation file (one annotation, a list, a page or a collection): each
   * annotation whose target is a source of this notebook (by Dossier's URN or its URL) is placed at
   * the words it quotes; the others are reported. A file that is not valid changes nothing.
   */
  'annotations:importW3C': {
    input: z.object({ path: FolderPath }).strict(),
    output: z.object({ imported: z.number().int().nonnegative(), alreadyPresent: z.number().int().nonnegative(), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }),
  },
  /** Deletes an annotation and returns it, so that it can be restored (undo). */
  'annotations:delete': {
    input: z.object({ id: AnnotationId, ifStill: AnnotationEdits.optional() }).strict(),
    output: Annotation,
  },
  /** Puts back a deleted annotation (undo), placed on its source's current text. */
  'annotations:restore': {
    input: z.object({ annotation: Annotation }).strict(),
    output: Annotation,
  },
  /** Attaches an annotation (an orphan, typically) to a newly selected passage. */
  'annotations:reattach': {
    input: z.object({ id: AnnotationId, start: Offset, end: Offset }).strict(),
    output: Annotation,
  },
  ...entityOperations,
  ...searchOperations,
  ...factsheetOperations,
  ...syncOperations,
  /**
   * Imports files and folders (on the machine running the backend): text, Markdown, saved web
   * pages, PDF, Word. Reports each file: imported, duplicate, a new version of a known URL, or
   * failed with the reason. A failed file changes nothing.
   */
  'import:paths': {
    input: z.object({ paths: z.array(FolderPath).min(1, 'give at least one file or folder').max(1000) }).strict(),
    output: z.object({ outcomes: z.array(ImportOutcome), cancelled: z.boolean() }),
  },
  /** Starts reading files and folders in the background for review; nothing is saved yet. */
  'import:start': {
    input: z.object({ paths: z.array(FolderPath).min(1, 'give at least one file or folder').max(1000) }).strict(),
    output: z.object({ jobId: JobId }),
  },
  /**
   * Fetches a web page (or PDF) for review and import. The one network request Dossier makes, and
   * only on this explicit action; a clear error when offline, refused or too slow.
   */
  'import:url': {
    input: z.object({ url: z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }) }).strict(),
    output: z.object({ jobId: JobId }),
  },
  /** Starts an import of pasted text, for review. */
  'import:paste': {
    input: z.object({ text: z.string().trim().min(1, 'must not be empty').max(MAX_SOURCE_TEXT) }).strict(),
    output: z.object({ jobId: JobId }),
  },
  /** Starts an import of files the user dropped on the window (their bytes, base64), for review. */
  'import:upload': {
    input: z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(255), data: z.base64({ error: 'must be base64' }) }).strict())
          .min(1)
          .max(100)
          .refine((f) => f.reduce((n, x) => n + x.data.length, 0) <= MAX_UPLOAD_BASE64, `must be at most ${MAX_UPLOAD_MB} MB together; use Import files… for more`),
      })
      .strict(),
    output: z.object({ jobId: JobId }),
  },
  /** An import's progress (files read of all) and, once read, what was found in each file. */
  'import:status': { input: z.object({ jobId: JobId }).strict(), output: ImportJobStatus },
  /** Stops an import before anything is saved. */
  'import:cancel': { input: z.object({ jobId: JobId }).strict(), output: ImportJobStatus },
  /**
   * Saves the files the user accepted at review, with their edits (or every file that is ready,
   * with "all"), and reports each file.
   */
  'import:commit': {
    input: z
      .object({
        jobId: JobId,
        decisions: z.union([
          z.literal('all'),
          z.array(
            z
              .object({
                index: z.number().int().nonnegative(),
                accept: z.boolean(),
                asNewVersion: z.boolean().optional(),
                title: z.string().max(500).optional(),
                outlet: z.string().max(200).nullable().optional(),
                published: PartialDate.nullable().optional(),
                byline: z.string().max(500).nullable().optional(),
              })
              .strict(),
          ),
        ]),
      })
      .strict(),
    output: z.object({ outcomes: z.array(ImportOutcome) }),
  },
} as const satisfies Record<Channel, Operation>;

// The contract declares exactly the channels of CHANNELS: a missing or extra key fails to compile.
type ExtraKeys = Exclude<keyof typeof contract, Channel>;
const noExtraKeys: [ExtraKeys] extends [never] ? true : never = true;
void noExtraKeys;

/** The contract's type. */
export type Contract = typeof contract;
/** An operation's parsed input. */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** An operation's output value. */
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

/**
 * The API as the renderer sees it: `api.notebook.open({ path })` resolves to a Result. The
 * preload and the HTTP client both implement this shape.
 */
export type DossierApi = {
  [N in Namespace]: {
    [C in Channel as C extends `${N}:${string}` ? Verb<C> : never]: (input: Input<C>) => Promise<Result<Output<C>>>;
  };
};
