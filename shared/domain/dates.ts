/**
 * Partial calendar dates as reporters meet them: a year ("2020"), a month ("2020-10") or a day
 * ("2020-10-04"). Stored as ISO-8601 strings of that precision; never padded out to a fake day.
 * No schema library here: the search workers use these and start without loading one (zod was a
 * large part of a worker's start from a cold disk); the schema is in partial-date.ts.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** How precise a partial date is. */
export type DatePrecision = 'year' | 'month' | 'day';

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Checks a partial date string. Returns its precision, or null when it is not a real date
 * ("2020-02-30", "2020-13", "20-10-04" are all null).
 */
export function partialDatePrecision(value: string): DatePrecision | null {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000) return null;
  if (m[2] === undefined) return 'year';
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return 'month';
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return 'day';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Formats a partial date for display at its own precision ("4 Oct 2020", "Oct 2020", "2020").
 * Uses fixed English month names so that the same notebook reads the same on every machine.
 */
export function formatPartialDate(value: string): string {
  const precision = partialDatePrecision(value);
  if (!precision) return value;
  const [y, m, d] = value.split('-');
  if (precision === 'year') return y;
  const month = MONTHS[Number(m) - 1];
  if (precision === 'month') return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/**
 * Orders two optional start dates by their earliest day, but "2020" and "2020-10" may be the same
 * time (one contains the other), so they tie and the caller's next key (a round's number) decides:
 * round 20.3, dated only "2020", is never put before 20.2 of October 2020 on a guess.
 */
export function compareStartDates(a: string | null, b: string | null): number {
  if (a !== null && b !== null && (a.startsWith(b) || b.startsWith(a))) return 0;
  return comparePartialDates(a, b);
}

/** A partial date with its precision said: "2020 (month not known)", "Oct 2020 (day not known)", "5 Oct 2020". */
export function formatPartialDateWithPrecision(value: string): string {
  const precision = partialDatePrecision(value);
  const text = formatPartialDate(value);
  return precision === 'year' ? `${text} (month not known)` : precision === 'month' ? `${text} (day not known)` : text;
}

/**
 * Orders two optional partial dates, earliest first; undated (null) sorts after every date so a
 * missing date is never mistaken for an early one.
 */
export function comparePartialDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
