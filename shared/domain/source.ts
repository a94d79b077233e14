/**
 * A Source is one article (or document) in a notebook, as received, with where it came from.
 */
import * as z from 'zod';
import { webUrlOrNull } from './web-url';
import { PartialDate } from './partial-date';

/** A source's id: a short opaque string, safe as a file name. */
export const SourceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');

/** A sha256 of a source's normalised text, in lowercase hex. */
export const ContentHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lowercase hex');

/** How a source entered the notebook. Import methods are added by the import feature. */
export const ImportMethod = z.enum([
  'sample',
  'text-file',
  'markdown-file',
  'html-file',
  'pdf-file',
  'docx-file',
  'paste',
  'url',
  'migration',
  /** One message of an .eml file. */
  'email-file',
  /** One message of an mbox mailbox. */
  'mbox-file',
  /** An Outlook .msg message. */
  'msg-file',
  /** A file attached to a message (its message is `mail.attachedTo`). */
  'email-attachment',
  /** A CSV or TSV file, as a table. */
  'csv-file',
  /** An Excel workbook, or one of its sheets (linked to the workbook by `attachedTo`). */
  'xlsx-file',
]);

/** An earlier text of a source, kept when a new version replaced it (bodies are never deleted). */
/** Where in a pack file (packs/) a bulk import keeps a text or an original: one durable file per batch. */
export const PackedAt = z.object({ file: z.string().regex(/^pack-[0-9a-f]{16}\.bin$/), offset: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() });

export const SourceVersion = z.object({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the text is when it is not in bodies/ (a bulk import's pack). */
  packed: PackedAt.optional(),
  wordCount: z.number().int().nonnegative(),
  /** When this text was replaced by a newer one. */
  replacedAt: z.iso.datetime(),
});

/** Where a source came from: kept for provenance and shown in the source's details. */
export const Provenance = z.object({
  method: ImportMethod,
  /** When it was added to the notebook (ISO-8601 timestamp). */
  importedAt: z.iso.datetime(),
  /** The original file's name, when it came from a file. */
  fileName: z.string().nullable(),
  /**
   * The URL it was published at, when known: http(s) only. A notebook written before that rule
   * opens with any other address dropped, rather than set aside for it.
   */
  url: z.preprocess((v) => (v === null || v === undefined ? null : webUrlOrNull(v)), z.url({ protocol: /^https?$/ }).nullable()),
  /**
   * The file as received, when it came from a file: kept in originals/ under its sha256, or, for a
   * file of a bulk import, in that batch's pack file.
   */
  original: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().nonnegative(),
      packed: PackedAt.optional(),
    })
    .nullable()
    .default(null),
});

/** A sender or recipient of a message: the address, and the name it was given there, if any. */
export const MailAddress = z.object({ name: z.string().max(500).nullable(), address: z.string().max(500) });

/** A file attached to a message, and the source it became (or why it did not). */
export const MailAttachment = z.object({
  fileName: z.string().max(1000),
  contentType: z.string().max(300),
  bytes: z.number().int().nonnegative(),
  /** The source it was imported as (or the earlier source with the same text); null when it could not be read. */
  sourceId: SourceId.nullable(),
  /** Why it was not imported, in words. */
  problem: z.string().max(2000).nullable(),
});

/** What a message source knows of its message: who wrote to whom, when, and where it sits in a thread. */
export const MailInfo = z.object({
  from: z.array(MailAddress).max(100).default([]),
  to: z.array(MailAddress).max(5000).default([]),
  cc: z.array(MailAddress).max(5000).default([]),
  /** When it was sent, as its Date header gives it (ISO 8601 with the sender's offset), or null. */
  sentAt: z.string().max(40).nullable(),
  messageId: z.string().max(2000).nullable(),
  inReplyTo: z.string().max(2000).nullable(),
  /** The id of the first message of its thread (its References' first, else In-Reply-To, else its own id). */
  thread: z.string().max(2000).nullable(),
  attachments: z.array(MailAttachment).max(5000).default([]),
  /** Its place in the mailbox it came from (1 = the first message), for an mbox. */
  mailboxIndex: z.number().int().positive().nullable().default(null),
});

/** Of a table source (a sheet, a CSV file): where its text sits in the sheet (see shared/domain/table.ts). */
export const TableInfo = z.object({ sheet: z.string().max(500).nullable(), firstRow: z.number().int().positive(), firstColumn: z.number().int().nonnegative() });

/** Of an attachment: the message it came with. */
export const AttachedTo = z.object({ sourceId: SourceId, fileName: z.string().max(1000) });

/** What the library lists for a source; the text itself is loaded on demand. */
export const SourceSummary = z.object({
  id: SourceId,
  title: z.string().min(1),
  /** The outlet, only where the source names one; null means unknown, not "none". */
  outlet: z.string().nullable(),
  /** Publication date at its real precision, or null when the source gives none. */
  published: PartialDate.nullable(),
  /** The author(s) as the source names them. */
  byline: z.string().nullable().default(null),
  /** The language of the text (BCP 47, e.g. "en", "ml"), when known. */
  lang: z.string().max(35).nullable().default(null),
  wordCount: z.number().int().nonnegative(),
  contentHash: ContentHash,
  /** Where the text is when it is not in bodies/ (a bulk import's pack). */
  packed: PackedAt.optional(),
  provenance: Provenance,
  /** Where the heading paragraphs of the text start (offsets), for the reader. */
  headings: z.array(z.number().int().nonnegative()).max(10_000).default([]),
  /** Earlier texts, oldest first; empty until a new version is added. */
  versions: z.array(SourceVersion).default([]),
  /** Of an e-mail message: its headers and attachments. */
  mail: MailInfo.optional(),
  /** Of a file attached to a message (or a sheet of a workbook): that message (or workbook). */
  attachedTo: AttachedTo.optional(),
  /** Of a table source: its text is its rows, one a line, cells separated by tabs. */
  table: TableInfo.optional(),
});

/** A source with its full normalised text. */
export const Source = SourceSummary.extend({ text: z.string() });

export type SourceSummary = z.infer<typeof SourceSummary>;
export type Source = z.infer<typeof Source>;
export type Provenance = z.infer<typeof Provenance>;
export type SourceVersion = z.infer<typeof SourceVersion>;
export type PackedAt = z.infer<typeof PackedAt>;
export type ImportMethod = z.infer<typeof ImportMethod>;
export type MailAddress = z.infer<typeof MailAddress>;
export type MailAttachment = z.infer<typeof MailAttachment>;
export type MailInfo = z.infer<typeof MailInfo>;
export type AttachedTo = z.infer<typeof AttachedTo>;
export type TableInfo = z.infer<typeof TableInfo>;
