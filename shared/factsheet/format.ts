/**
 * Words shared by every fact-sheet renderer, so that Markdown, HTML, PDF and DOCX say the same
 * thing the same way: a figure's value, a cell's status, who gives a value, a citation.
 */
import { formatPartialDate } from '../domain/dates';
import { inQuotes } from '../domain/quotes';
import type { Citation, FactValue, FigureCell } from './build';

/** A figure's value as a reader writes it: "at least 270 devices", "6–15 years", with grouping. */
export function formatFigure(v: { value: number; upper: number | null; qualifier?: string | null; unit?: string | null; asOf?: string | null }): string {
  const unit = (v.unit ?? '').trim();
  const upper = v.upper !== null && v.upper !== v.value ? v.upper : null;
  const [measure, per] = splitPer(unit);
  const amount = (n: (x: number) => string) => (upper !== null ? `${n(v.value)}–${n(upper)}` : n(v.value));
  let said: string;
  const symbol = SYMBOLS.get(measure.toLowerCase());
  if (symbol) said = `${symbol}${amount((x) => large(x, true))}`;
  else if (/^rupees?$/i.test(measure)) said = `Rs ${amount(indian)}`;
  else if (/^pence$/i.test(measure)) said = amount((x) => `${plain(x)}p`);
  else if (/^(percent|%|per cent)$/i.test(measure)) said = `${amount(plain)}%`;
  else said = [amount((x) => large(x, false)), measure || null].filter(Boolean).join(' ');
  const asOf = v.asOf ? `(as of ${formatPartialDate(v.asOf)})` : null;
  return [v.qualifier || null, said, per ? `per ${per}` : null, asOf].filter((x) => x !== null && x !== '').join(' ');
}

/** Currencies written with their sign before the amount. */
const SYMBOLS = new Map(Object.entries({ pounds: '£', pound: '£', dollars: '$', dollar: '$', euros: '€', euro: '€', yen: '¥' }));
const plain = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
/** 59,000,000 → "59 million", 11,100,000,000 → "11.1 billion"; money keeps its pence: 79.6 → "79.60". */
function large(x: number, money: boolean): string {
  const abs = Math.abs(x);
  for (const [size, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const) {
    if (abs >= size && Number.isInteger(Math.round((x / size) * 1000))) return `${plain(x / size)} ${word}`;
  }
  return money && !Number.isInteger(x) ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : plain(x);
}
/** Rupees as Indian copy writes them: 1,000,000 → "10 lakh", 25,000,000 → "2.5 crore". */
function indian(x: number): string {
  if (Math.abs(x) >= 1e7) return `${plain(x / 1e7)} crore`;
  if (Math.abs(x) >= 1e5) return `${plain(x / 1e5)} lakh`;
  return plain(x);
}
/** "dollars per year" → ["dollars", "year"]. */
function splitPer(unit: string): [string, string | null] {
  const at = unit.indexOf(' per ');
  return at < 0 ? [unit, null] : [unit.slice(0, at), unit.slice(at + 5)];
}

/** The status of a cell in words, as the table shows it. */
export function statusLabel(cell: FigureCell): string {
  switch (cell.status) {
    case 'conflict':
      return 'Sources disagree';
    case 'resolved':
      return 'Sources disagree — resolved';
    case 'corroborated':
      return 'Corroborated';
    case 'single-source':
      return 'Single source';
  }
}

/** Who gives a value: "Hindustan Times and 1 source naming no outlet". */
export function givenBy(v: FactValue): string {
  const parts = [...v.outlets];
  if (v.unnamedOutlets > 0) parts.push(`${v.unnamedOutlets} source${v.unnamedOutlets === 1 ? '' : 's'} naming no outlet`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** How many independent outlets back a corroborated value, in words. */
export function corroboration(v: FactValue): string {
  const named = v.outlets.length;
  const unnamed = v.unnamedOutlets;
  if (unnamed === 0) return `${named} outlet${named === 1 ? '' : 's'}`;
  return `${named} named outlet${named === 1 ? '' : 's'} and ${unnamed} source${unnamed === 1 ? '' : 's'} naming none`;
}

export { inQuotes } from '../domain/quotes';

/** The warning a citation with unbalanced quotation marks carries, in every format. */
export function marksWarning(c: Pick<Citation, 'marks'>): string | null {
  return c.marks ? `⚠ Check the quotation marks: ${c.marks.replace(/^The passage/, 'the passage')}` : null;
}

/** A citation as text: [2] “the exact words”. */
/** What stands between a citation's brackets: its source's number, and the cell of a table ("3, cell B7"). */
export const refLabel = (c: Pick<Citation, 'n' | 'cell'>): string => (c.cell ? `${c.n}, cell ${c.cell}` : `${c.n}`);

export function citationText(c: Citation): string {
  const warning = marksWarning(c);
  return `[${refLabel(c)}] ${inQuotes(c.quote)}${c.orphan ? ' (no longer in the source’s current text)' : ''}${warning ? ` (${warning})` : ''}`;
}

/** A partial date for the sheet, or the words for no date. */
export function dateText(date: string | null): string {
  return date ? formatPartialDate(date) : 'undated';
}

/** When the sheet was made, in UTC: "23 Nov 2026, 03:21 UTC". */
export function madeAt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = formatPartialDate(iso.slice(0, 10));
  return `${day}, ${iso.slice(11, 16)} UTC`;
}

/** Who decided a resolution, said after its reason: " (decided by Asha Menon)", or nothing when no name was recorded. */
export function decidedBy(resolution: { resolvedBy: string | null }): string {
  return resolution.resolvedBy ? ` (decided by ${resolution.resolvedBy})` : '';
}
