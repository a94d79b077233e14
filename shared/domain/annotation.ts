/**
 * An Annotation marks a passage of a source: a highlight with a note, tags and a kind. The
 * annotate feature builds the editing on this; the store keeps annotations inside their source's
 * shard so that saving one costs a write of that source only.
 */
import * as z from 'zod';
import { Author } from './author';
import { PartialDate } from './partial-date';
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

/** The longest note Dossier accepts, in characters (about 15,000 words). */
export const NOTE_MAX_LENGTH = 100_000;
/** The most tags on one annotation, and the longest tag. */
export const TAGS_MAX = 50;
export const TAG_MAX_LENGTH = 80;

/** Where an annotation stands after its source last changed (see shared/domain/anchoring). */
export const AnchorStatus = z.object({
  state: z.enum(['exact', 'moved', 'fuzzy', 'orphan']),
  /** 0..1, for a fuzzy match. */
  score: z.number().min(0).max(1).optional(),
  /** Why an orphan could not be placed. */
  reason: z.string().optional(),
  /** For a fuzzy match: the words the passage had before, so the user can compare. */
  was: z.string().optional(),
});

/** A note, Markdown, at most {@link NOTE_MAX_LENGTH} characters. */
export const Note = z.string().max(NOTE_MAX_LENGTH, `a note can be at most ${NOTE_MAX_LENGTH.toLocaleString('en')} characters`);

/** Tags as the user typed them; see {@link normalizeTags}. */
export const Tags = z.array(z.string().max(TAG_MAX_LENGTH, `a tag can be at most ${TAG_MAX_LENGTH} characters`)).max(TAGS_MAX, `an annotation can have at most ${TAGS_MAX} tags`);

/** An entity's id, as annotations link them (entity.ts has the same rule). */
const LinkedEntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an entity id');

/**
 * Metrics and units that count things: their values cannot be negative. A figure of another
 * metric (a change in percent, a temperature) may be.
 */
const COUNTS = /^(arrests?|cases( registered)?|devices( seized)?|locations( raided)?|teams?|people|persons|members|subscribers|groups|accused|victims|children|raids?|spots)$/i;

/**
 * A figure a passage gives, as the reporter marked it: what it counts (the metric), the value,
 * a range's upper end, the unit and the qualifier as written ("more than", "at least"), the date
 * it is as of, and the entity it is about (a round of the operation, typically).
 */
export const Figure = z
  .object({
    metric: z.string().trim().min(1, 'say what the figure counts (the metric)').max(80, 'a metric can be at most 80 characters'),
    value: z.number({ error: 'the value must be a number' }).refine(Number.isFinite, 'the value must be a number'),
    upper: z.number({ error: 'the upper end must be a number' }).refine(Number.isFinite, 'the upper end must be a number').nullable().default(null),
    unit: z.string().trim().max(40, 'a unit can be at most 40 characters').nullable().default(null),
    qualifier: z.string().trim().max(40, 'a qualifier can be at most 40 characters').nullable().default(null),
    date: PartialDate.nullable().default(null),
    entityId: LinkedEntityId.nullable().default(null),
  })
  .superRefine((f, ctx) => {
    const counted = COUNTS.test(f.metric.trim()) || COUNTS.test((f.unit ?? '').trim());
    if (counted && f.value < 0) ctx.addIssue({ code: 'custom', path: ['value'], message: `a count of ${f.unit?.trim() || f.metric.trim()} cannot be negative (${f.value})` });
    if (f.upper !== null && f.upper < f.value) ctx.addIssue({ code: 'custom', path: ['upper'], message: `the upper end (${f.upper}) must not be below the value (${f.value})` });
  });
export type Figure = z.infer<typeof Figure>;

/** One annotation as stored. */
export const Annotation = z.object({
  id: AnnotationId,
  sourceId: SourceId,
  kind: AnnotationKind,
  target: AnnotationTarget,
  anchor: AnchorStatus.default({ state: 'exact' }),
  note: Note,
  tags: Tags,
  /** The entities this passage is about. */
  entityIds: z.array(LinkedEntityId).max(50, 'an annotation can link at most 50 entities').default([]),
  /** For a figure: what it says, structured (null until the reporter fills it in). */
  figure: Figure.nullable().default(null),
  /** For a quote: who speaks (a person entity). */
  speakerId: LinkedEntityId.nullable().default(null),
  /** For an event: when it happened, at any precision ("2020", "2020-10", "2020-10-04"). */
  eventDate: PartialDate.nullable().default(null),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Who made it and who last changed it: the reporter's display name (null when none was set). */
  createdBy: Author.nullable().default(null),
  updatedBy: Author.nullable().default(null),
});

export type Annotation = z.infer<typeof Annotation>;

/**
 * Every entity an annotation is linked to: the entities it is about, its quote's speaker and its
 * figure's entity. A speaker is a link: the quote is on the person's page, found by `entity:`, and in
 * the person's fact sheet, without being listed twice among the passage's entities.
 */
export function linkedEntityIds(a: Pick<Annotation, 'entityIds' | 'speakerId' | 'figure'>): string[] {
  const extra = [a.speakerId, a.figure?.entityId ?? null].filter((id): id is string => id !== null && !a.entityIds.includes(id));
  return extra.length === 0 ? a.entityIds : [...a.entityIds, ...new Set(extra)];
}

/** An annotation's fact-sheet fields before the reporter fills any in. */
export const NO_FACTS: Pick<Annotation, 'figure' | 'speakerId' | 'eventDate'> = { figure: null, speakerId: null, eventDate: null };
export type AnnotationKind = z.infer<typeof AnnotationKind>;
export type AnchorStatus = z.infer<typeof AnchorStatus>;

/**
 * Tidies tags: spaces trimmed and collapsed, empty ones dropped, and duplicates that differ only
 * in case merged (the first spelling wins), so "Figure" and "figure " are one tag.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim();
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Orders annotations by where they are in the text; orphans (placed nowhere) last. */
export function compareByPosition(a: Annotation, b: Annotation): number {
  const ao = a.anchor.state === 'orphan';
  const bo = b.anchor.state === 'orphan';
  if (ao !== bo) return ao ? 1 : -1;
  return a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || a.createdAt.localeCompare(b.createdAt);
}
