/**
 * An Annotation marks a passage of a source: a highlight with a note, tags and a kind. The
 * annotate feature builds the editing on this; the store keeps annotations inside their source's
 * shard so that saving one costs a write of that source only.
 */
import { z } from 'zod';
import { ContentHash, SourceId } from './source';

/** An annotation's id. */
export const AnnotationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** What kind of passage an annotation marks. */
export const AnnotationKind = z.enum(['passage', 'figure', 'quote', 'question', 'event']);

/**
 * Where an annotation points, W3C Web Annotation style. Offsets are UTF-16 code units over the
 * source's normalised text (see normalizeText); the W3C model counts code points, so exports
 * convert.
 */
export const AnnotationTarget = z
  .object({
    contentHash: ContentHash,
    quote: z.object({ exact: z.string().min(1), prefix: z.string(), suffix: z.string() }),
    position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }),
  })
  .refine((t) => t.position.end > t.position.start, { message: 'position.end must be after position.start' });

/** One annotation as stored. */
export const Annotation = z.object({
  id: AnnotationId,
  sourceId: SourceId,
  kind: AnnotationKind,
  target: AnnotationTarget,
  note: z.string().max(1_000_000),
  tags: z.array(z.string().min(1).max(100)).max(100),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type Annotation = z.infer<typeof Annotation>;
