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
export const ImportMethod = z.enum(['sample', 'text-file', 'markdown-file', 'html-file', 'pdf-file', 'docx-file', 'paste', 'url', 'migration']);

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
});

/** A source with its full normalised text. */
export const Source = SourceSummary.extend({ text: z.string() });

export type SourceSummary = z.infer<typeof SourceSummary>;
export type Source = z.infer<typeof Source>;
export type Provenance = z.infer<typeof Provenance>;
export type SourceVersion = z.infer<typeof SourceVersion>;
export type PackedAt = z.infer<typeof PackedAt>;
export type ImportMethod = z.infer<typeof ImportMethod>;
