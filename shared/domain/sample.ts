/**
 * The description of the sample notebook in seeds/sample.json: which article files it holds and
 * the labels the sample gives them.
 */
import { z } from 'zod';

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
