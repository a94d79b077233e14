/** The schema of a partial date (see dates.ts for what one is). */
import * as z from 'zod';
import { partialDatePrecision } from './dates';

/** Schema of a partial date: "2020", "2020-10" or "2020-10-04", each a real calendar date. */
export const PartialDate = z.string().refine((s) => partialDatePrecision(s) !== null, {
  message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD',
});
