/** Publication dates as files write them, to partial dates. */
import { partialDatePrecision } from '../../../shared/domain/dates';

/**
 * Reads a date from metadata: ISO-8601 with or without time ("2020-10-05T08:00:00Z"), a partial
 * ISO date, or a PDF date ("D:20201005120000"). Returns the calendar date as written (no time
 * zone conversion: the day the outlet printed), or null when it is not a date.
 */
export function toPartialDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(v);
  const candidate = pdf ? [pdf[1], pdf[2], pdf[3]].filter(Boolean).join('-') : (/^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]|$)/.exec(v)?.[1] ?? null);
  return candidate && partialDatePrecision(candidate) ? candidate : null;
}
