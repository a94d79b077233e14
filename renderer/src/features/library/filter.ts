/**
 * Finding a source in a library of hundreds: words of the title, outlet or byline (case and
 * accents folded), an outlet (or "not named"), a date range or "no date", and an order. Pure, so
 * the library and its tests share one definition of what matches.
 */
import { comparePartialDates } from '../../../../shared/domain/dates';
import type { SourceSummary } from '../../../../shared/domain/source';

export type LibrarySort = 'date' | 'date-desc' | 'title' | 'outlet' | 'added';

export const SORTS: { sort: LibrarySort; label: string }[] = [
  { sort: 'date', label: 'Date, oldest first' },
  { sort: 'date-desc', label: 'Date, newest first' },
  { sort: 'title', label: 'Title' },
  { sort: 'outlet', label: 'Outlet' },
  { sort: 'added', label: 'Added, newest first' },
];

/** "" is every outlet; NOT_NAMED the sources that name none. */
export const NOT_NAMED = '\u0000not-named';

export interface LibraryFilter {
  text: string;
  outlet: string;
  /** Partial dates (YYYY, YYYY-MM, YYYY-MM-DD), inclusive; "" for open. */
  from: string;
  to: string;
  undatedOnly: boolean;
  /** An e-mail address (lower case): the messages it sent or received, with their attachments; "" for all. */
  correspondent: string;
  sort: LibrarySort;
}

export const NO_FILTER: LibraryFilter = { text: '', outlet: '', from: '', to: '', undatedOnly: false, correspondent: '', sort: 'date' };

/** Everyone a message names: sender, recipients, copies. */
const peopleOf = (s: SourceSummary) => (s.mail ? [...s.mail.from, ...s.mail.to, ...s.mail.cc] : []);

/** Case, accents, quotes and the separators of a name folded: "P-Hunt_20.3", "P Hunt 20.3" and "‘p-hunt 20.3’" read the same. */
const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[-_‐–—'’‘"“”]+/g, ' ');

/** The first and last day a partial date may mean: "2020" → 2020-01-01 … 2020-12-31. */
function span(date: string): [string, string] {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return [`${y}-${m}-01`, `${y}-${m}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

const isDate = (s: string): boolean => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s.trim());

/** Whether a filter narrows the list at all (the library says "n of m" then). */
export function isFiltering(f: LibraryFilter): boolean {
  return f.text.trim() !== '' || f.outlet !== '' || f.undatedOnly || isDate(f.from) || isDate(f.to) || f.correspondent !== '';
}

/** The sources the filter lets through, in its order. */
export function filterSources(sources: readonly SourceSummary[], f: LibraryFilter): SourceSummary[] {
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  const from = isDate(f.from) ? span(f.from.trim())[0] : null;
  const to = isDate(f.to) ? span(f.to.trim())[1] : null;
  // The messages of a correspondent, and what was attached to them.
  const withCorrespondent = f.correspondent ? new Set(sources.filter((s) => peopleOf(s).some((a) => a.address.toLowerCase() === f.correspondent)).map((s) => s.id)) : null;
  const kept = sources.filter((s) => {
    if (withCorrespondent && !withCorrespondent.has(s.id) && !(s.attachedTo && withCorrespondent.has(s.attachedTo.sourceId))) return false;
    if (words.length > 0) {
      const hay = fold([s.title, s.outlet ?? '', s.byline ?? '', ...(s.mail?.from ?? []).map((a) => `${a.name ?? ''} ${a.address}`)].join(' '));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    if (f.outlet === NOT_NAMED ? s.outlet !== null : f.outlet !== '' && s.outlet !== f.outlet) return false;
    if (f.undatedOnly) return s.published === null;
    if (from || to) {
      // A partial date is kept when the time it may mean meets the range: "2020" is in October 2020.
      if (!s.published) return false;
      const [first, last] = span(s.published);
      if (from && last < from) return false;
      if (to && first > to) return false;
    }
    return true;
  });
  const byTitle = (a: SourceSummary, b: SourceSummary) => a.title.localeCompare(b.title, 'en', { numeric: true, sensitivity: 'base' });
  const order: Record<LibrarySort, (a: SourceSummary, b: SourceSummary) => number> = {
    date: (a, b) => comparePartialDates(a.published, b.published) || byTitle(a, b),
    // Newest first, undated still last: a missing date is never taken for a recent one.
    'date-desc': (a, b) => (a.published === null ? (b.published === null ? 0 : 1) : b.published === null ? -1 : comparePartialDates(b.published, a.published)) || byTitle(a, b),
    title: byTitle,
    outlet: (a, b) => (a.outlet === null ? (b.outlet === null ? 0 : 1) : b.outlet === null ? -1 : a.outlet.localeCompare(b.outlet, 'en', { sensitivity: 'base' })) || byTitle(a, b),
    added: (a, b) => b.provenance.importedAt.localeCompare(a.provenance.importedAt) || byTitle(a, b),
  };
  return kept.sort(order[f.sort]);
}

/** The outlets of the library with how many sources each, most first; the sources naming none last. */
export function outletsOf(sources: readonly SourceSummary[]): { outlet: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  let unnamed = 0;
  for (const s of sources) {
    if (s.outlet === null) unnamed++;
    else counts.set(s.outlet, (counts.get(s.outlet) ?? 0) + 1);
  }
  const named = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([outlet, count]) => ({ outlet, label: outlet, count }));
  return unnamed > 0 ? [...named, { outlet: NOT_NAMED, label: 'Outlet not named', count: unnamed }] : named;
}

/** The people messages were exchanged with: each address once, with a name it was given, and how many messages name it; most first. */
export function correspondentsOf(sources: readonly SourceSummary[]): { address: string; label: string; count: number }[] {
  const found = new Map<string, { name: string | null; count: number }>();
  for (const s of sources) {
    const seen = new Set<string>();
    for (const a of peopleOf(s)) {
      const key = a.address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = found.get(key) ?? { name: null, count: 0 };
      entry.count++;
      entry.name ??= a.name;
      found.set(key, entry);
    }
  }
  return [...found].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).map(([address, { name, count }]) => ({ address, label: name ? `${name} <${address}>` : address, count }));
}
