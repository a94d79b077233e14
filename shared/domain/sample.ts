/**
 * The description of the sample notebook in seeds/sample.json: which article files it holds and
 * the labels the sample gives them.
 */
import * as z from 'zod';

/** One article of the sample. */
export const SampleSource = z
  .object({
    /** The article file in seeds/, as received (with its leading `date YYYY-MM-DD` line, if any). */
    file: z.string().regex(/^[A-Za-z0-9_.-]+\.txt$/, 'must be a plain .txt file name inside seeds/'),
    title: z.string().min(1),
    /** The outlet, only where the article's own text names it. */
    outlet: z.string().min(1).nullable(),
    /** The words of the article that name the outlet; required with an outlet. */
    outletEvidence: z.string().min(1).nullable(),
  })
  .refine((s) => (s.outlet === null) === (s.outletEvidence === null), {
    message: 'an outlet needs the words of the text that name it, and evidence needs an outlet',
  });

/** seeds/sample.json. */
export const SampleNotebook = z.object({
  name: z.string().min(1),
  about: z.string(),
  sources: z.array(SampleSource).min(1),
});

export type SampleNotebook = z.infer<typeof SampleNotebook>;

/** One entity of the sample; `ref` names it within seeds/entities.json, `parent` is a ref. */
export const SampleEntity = z.object({
  ref: z.string().min(1),
  type: z.enum(['operation', 'person', 'organisation', 'place', 'law', 'platform', 'other']),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  description: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  parent: z.string().nullable(),
});

/** One annotation of the sample: the article file, the quoted words, and the entities (refs). */
export const SampleAnnotation = z.object({
  file: z.string().min(1),
  quote: z.string().min(1),
  occurrence: z.number().int().positive().optional(),
  kind: z.enum(['passage', 'figure', 'quote', 'question', 'event']),
  note: z.string(),
  tags: z.array(z.string()),
  entities: z.array(z.string()),
  /** For a figure: what it says; `entity` is the ref of what it is about. */
  figure: z
    .object({
      metric: z.string().min(1),
      value: z.number(),
      upper: z.number().optional(),
      unit: z.string().optional(),
      qualifier: z.string().optional(),
      date: z.string().optional(),
      entity: z.string(),
    })
    .strict()
    .optional(),
  /** For a quote: the ref of the person speaking. */
  speaker: z.string().optional(),
  /** For an event: when it happened. */
  eventDate: z.string().optional(),
});

/** seeds/entities.json. */
export const SampleEntities = z
  .object({ about: z.string(), entities: z.array(SampleEntity), annotations: z.array(SampleAnnotation) })
  .refine((s) => new Set(s.entities.map((e) => e.ref)).size === s.entities.length, { message: 'entity refs must be unique' })
  .refine((s) => s.entities.every((e) => e.parent === null || s.entities.some((p) => p.ref === e.parent)), { message: 'every parent must be a ref of the file' })
  .refine((s) => s.annotations.every((a) => [...a.entities, ...(a.figure ? [a.figure.entity] : []), ...(a.speaker ? [a.speaker] : [])].every((r) => s.entities.some((e) => e.ref === r))), {
    message: 'every linked entity, figure entity and speaker must be a ref of the file',
  });

export type SampleEntities = z.infer<typeof SampleEntities>;
