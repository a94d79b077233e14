import { describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../../../shared/domain/source';
import { correspondentsOf, filterSources, isFiltering, NO_FILTER, NOT_NAMED, outletsOf, type LibraryFilter } from './filter';

let n = 0;
const source = (title: string, outlet: string | null, published: string | null, importedAt = `2026-11-0${++n % 9 || 1}T10:00:00.000Z`, byline: string | null = null): SourceSummary => ({
  id: `s${++n}`,
  title,
  outlet,
  published,
  byline,
  lang: 'en',
  wordCount: 300,
  contentHash: 'a'.repeat(64),
  provenance: { method: 'paste', importedAt, fileName: null, url: null, original: null },
  headings: [],
  versions: [],
});

const LIBRARY = [
  source('Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’', 'Hindustan Times', '2020-10-05', '2026-11-01T10:00:00.000Z'),
  source('Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded', null, '2020-10-10', '2026-11-02T10:00:00.000Z'),
  source('Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested', null, null, '2026-11-03T10:00:00.000Z'),
  source('Kerala police arrest 11 in third round of crackdown on child pornography', null, '2019-10-13', '2026-11-04T10:00:00.000Z'),
  source('‘P-HUNT 23.1’: 12 arrested, 142 cases filed, 270 devices seized', null, '2023-02-27', '2026-11-05T10:00:00.000Z'),
  source('P-Hunt: 12 arrested in Kerala, 142 cases filed', 'Onmanorama', '2023-02', '2026-11-06T10:00:00.000Z', 'Sreekumar Menon'),
  source('Raids across the state, year only', 'The Hindu', '2020', '2026-11-07T10:00:00.000Z'),
];
const titles = (f: Partial<LibraryFilter>) => filterSources(LIBRARY, { ...NO_FILTER, ...f }).map((s) => s.title.slice(0, 24));

describe('finding a source in the library', () => {
  it('matches every word typed in the title, outlet or byline, whatever the case and accents', () => {
    expect(titles({ text: 'p-hunt 142' })).toEqual(['P-Hunt: 12 arrested in K', '‘P-HUNT 23.1’: 12 arrest']);
    expect(titles({ text: 'onmanorama' })).toEqual(['P-Hunt: 12 arrested in K']);
    expect(titles({ text: 'menon' })).toEqual(['P-Hunt: 12 arrested in K']);
    expect(titles({ text: 'KÉRALA arrests' })).toEqual(['Kerala cyber wing arrest']);
    expect(titles({ text: 'zzz' })).toEqual([]);
    // The operation's spellings are one: P-Hunt, P Hunt, P-Hunt_20.3.
    expect(titles({ text: 'p hunt 20.3' })).toEqual(['Third round ‘P-Hunt_20.3']);
    expect(titles({ text: 'p-hunt arrested' })).toHaveLength(4);
  });

  it('filters by outlet, and by the sources that name none', () => {
    expect(titles({ outlet: 'Hindustan Times' })).toEqual(['Kerala cyber wing arrest']);
    expect(titles({ outlet: NOT_NAMED })).toHaveLength(4);
    expect(outletsOf(LIBRARY)).toEqual([
      { outlet: 'Hindustan Times', label: 'Hindustan Times', count: 1 },
      { outlet: 'Onmanorama', label: 'Onmanorama', count: 1 },
      { outlet: 'The Hindu', label: 'The Hindu', count: 1 },
      { outlet: NOT_NAMED, label: 'Outlet not named', count: 4 },
    ]);
  });

  it('keeps a date range by the time a partial date may mean, and the undated on their own', () => {
    // October 2020: the two dated that month, and "2020", which may be October.
    expect(titles({ from: '2020-10', to: '2020-10' })).toEqual(['Raids across the state, ', 'Kerala cyber wing arrest', 'Operation P Hunt: 41 arr']);
    expect(titles({ from: '2023' })).toEqual(['P-Hunt: 12 arrested in K', '‘P-HUNT 23.1’: 12 arrest']);
    expect(titles({ to: '2019-12-31' })).toEqual(['Kerala police arrest 11 ']);
    expect(titles({ undatedOnly: true })).toEqual(['Third round ‘P-Hunt_20.3']);
    // A date being typed ("202") filters nothing yet.
    expect(titles({ from: '202' })).toHaveLength(7);
    expect(isFiltering({ ...NO_FILTER, from: '202' })).toBe(false);
    expect(isFiltering({ ...NO_FILTER, undatedOnly: true })).toBe(true);
  });

  it('sorts by date either way with the undated last, by title, by outlet with none last, and by when added', () => {
    expect(titles({ sort: 'date' }).at(0)).toBe('Kerala police arrest 11 ');
    expect(titles({ sort: 'date' }).at(-1)).toBe('Third round ‘P-Hunt_20.3');
    expect(titles({ sort: 'date-desc' }).slice(0, 2)).toEqual(['‘P-HUNT 23.1’: 12 arrest', 'P-Hunt: 12 arrested in K']);
    expect(titles({ sort: 'date-desc' }).at(-1)).toBe('Third round ‘P-Hunt_20.3');
    expect(titles({ sort: 'title' }).slice(0, 2)).toEqual(['‘P-HUNT 23.1’: 12 arrest', 'Kerala cyber wing arrest']);
    expect(titles({ sort: 'outlet' }).slice(0, 3)).toEqual(['Kerala cyber wing arrest', 'P-Hunt: 12 arrested in K', 'Raids across the state, ']);
    expect(titles({ sort: 'added' }).at(0)).toBe('Raids across the state, ');
  });
});

describe('a notebook with e-mail', () => {
  const mail = (title: string, from: [string | null, string], to: [string | null, string][], more: Partial<SourceSummary> = {}): SourceSummary => ({
    ...source(title, null, '2024-03-01'),
    mail: {
      from: [{ name: from[0], address: from[1] }],
      to: to.map(([name, address]) => ({ name, address })),
      cc: [],
      sentAt: '2024-03-01T09:00:00+00:00',
      messageId: null,
      inReplyTo: null,
      thread: null,
      attachments: [],
      mailboxIndex: null,
    },
    ...more,
  });
  const first = mail('Figures for Tuesday', ['Ann Lee', 'ann@treasury.example'], [['Bob Ray', 'Bob.Ray@paper.example']]);
  const reply = mail('Re: Figures for Tuesday', ['Bob Ray', 'bob.ray@paper.example'], [[null, 'ann@treasury.example']]);
  const other = mail('Lunch', ['Cat Moss', 'cat@paper.example'], [['Bob Ray', 'bob.ray@paper.example']]);
  const attached = { ...source('spending-review', null, null), attachedTo: { sourceId: first.id, fileName: 'spending-review.pdf' } };
  const LIB = [first, reply, other, attached, LIBRARY[0]];

  it('lists each correspondent once, however the address is cased, with a name they were given, most written-to first', () => {
    expect(correspondentsOf(LIB)).toEqual([
      { address: 'bob.ray@paper.example', label: 'Bob Ray <bob.ray@paper.example>', count: 3 },
      { address: 'ann@treasury.example', label: 'Ann Lee <ann@treasury.example>', count: 2 },
      { address: 'cat@paper.example', label: 'Cat Moss <cat@paper.example>', count: 1 },
    ]);
    expect(correspondentsOf([LIBRARY[0]])).toEqual([]);
  });

  it('filters to one correspondent’s messages with what was attached to them, and finds a message by its sender', () => {
    const ids = (f: Partial<LibraryFilter>) => filterSources(LIB, { ...NO_FILTER, ...f }).map((s) => s.title);
    expect(ids({ correspondent: 'ann@treasury.example' }).sort()).toEqual(['Figures for Tuesday', 'Re: Figures for Tuesday', 'spending-review']);
    expect(ids({ correspondent: 'cat@paper.example' })).toEqual(['Lunch']);
    expect(isFiltering({ ...NO_FILTER, correspondent: 'cat@paper.example' })).toBe(true);
    expect(ids({ text: 'cat moss' })).toEqual(['Lunch']);
  });
});
