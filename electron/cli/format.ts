/** Plain-text output for people: aligned columns, dates at their own precision. */
import { formatPartialDate } from '../../shared/domain/dates';
import { oneLine } from './terminal';

/** Formats rows as left-aligned columns (numbers right-aligned), with a header row. */
export function table(header: string[], rows: (string | number)[][]): string {
  // A cell is one line, whatever a title or name holds.
  const cells = [header, ...rows.map((r) => r.map((c) => oneLine(String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  return cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/** A publication date for people; "undated" when the source gives none. */
export function dateOrUndated(published: string | null): string {
  return published === null ? 'undated' : formatPartialDate(published);
}
