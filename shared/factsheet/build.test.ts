import { describe, expect, it } from 'vitest';
import { NO_FACTS, type Annotation, type Figure } from '../domain/annotation';
import type { Entity } from '../domain/entity';
import type { SourceSummary } from '../domain/source';
import { buildFactSheet, type NotebookSnapshot } from './build';
import { factSheetHtml } from './html';
import { factSheetMarkdown } from './markdown';

const hash = (c: string) => c.repeat(64);
const source = (id: string, title: string, outlet: string | null, published: string | null, url: string | null = null): SourceSummary => ({
  id,
  title,
  outlet,
  published,
  byline: null,
  lang: 'en',
  wordCount: 100,
  contentHash: hash(id.slice(-1)),
  provenance: { method: 'paste', importedAt: '2026-11-01T10:00:00.000Z', fileName: null, url, original: null },
  headings: [],
  versions: [],
});
const entity = (id: string, type: Entity['type'], name: string, parentId: string | null = null, description = ''): Entity => ({
  id,
  type,
  name,
  aliases: [],
  description,
  start: null,
  end: null,
  parentId,
  mergedInto: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  updatedBy: null,
});
let n = 0;
const annotation = (sourceId: string, kind: Annotation['kind'], quote: string, over: Partial<Annotation> = {}): Annotation => ({
  id: `a${++n}`,
  sourceId,
  kind,
  target: { contentHash: hash(sourceId.slice(-1)), quote: { exact: quote, prefix: '', suffix: '' }, position: { start: 0, end: quote.length } },
  anchor: { state: 'exact' },
  note: '',
  tags: [],
  entityIds: [],
  ...NO_FACTS,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  createdBy: null,
  updatedBy: null,
  ...over,
});
const figure = (metric: string, value: number, entityId: string, over: Partial<Figure> = {}): Figure => ({ metric, value, upper: null, unit: null, qualifier: null, date: null, entityId, ...over });

function snapshot(): NotebookSnapshot {
  const sources = [
    source('s1', 'Police arrest 41', 'Hindustan Times', '2020-10-05', 'https://example.org/ht'),
    source('s2', 'Raids across the state', null, '2020-10-10'),
    source('s3', 'Third round', 'The Hindu', null),
    source('s4', 'Another operation', 'Daily', '2021-01-02'),
  ];
  const entities = [
    entity('op', 'operation', 'Operation P-Hunt'),
    entity('r1', 'operation', 'P-Hunt 20.2', 'op'),
    entity('r2', 'operation', 'P-Hunt 20.3', 'op'),
    entity('other', 'operation', 'Operation Other'),
    entity('abraham', 'person', 'Manoj Abraham', null, 'ADGP (HQ), nodal officer of Cyberdome'),
    entity('cyberdome', 'organisation', 'Cyberdome'),
  ];
  const annotations = [
    annotation('s1', 'figure', 'registered 268 cases', { figure: figure('cases registered', 268, 'r1', { unit: 'cases' }), entityIds: ['r1'] }),
    annotation('s2', 'figure', 'recorded 269 cases', { figure: figure('cases registered', 269, 'r1', { unit: 'cases' }), entityIds: ['r1'] }),
    annotation('s1', 'figure', 'arrested 41 people', { figure: figure('arrests', 41, 'r1', { unit: 'people' }), entityIds: ['r1', 'cyberdome'] }),
    annotation('s2', 'figure', 'have arrested 41 people', { figure: figure('arrests', 41, 'r1', { unit: 'people' }), entityIds: ['r1'] }),
    annotation('s3', 'figure', 'raids at 596 locations', { figure: figure('locations raided', 596, 'r2', { unit: 'locations' }), entityIds: ['r2'] }),
    annotation('s4', 'figure', '12 arrests', { figure: figure('arrests', 12, 'other'), entityIds: ['other'] }),
    annotation('s1', 'quote', '“The biggest impact of the pandemic is online crime”', { speakerId: 'abraham', entityIds: ['op'] }),
    annotation('s2', 'event', 'Raids were executed on October 1st, 3rd, and 4th', { eventDate: '2020-10', entityIds: ['r1'], note: 'The raids of round 20.2.' }),
    annotation('s3', 'question', 'launched three years ago', { entityIds: ['op'], note: 'Launched when?' }),
    annotation('s1', 'passage', 'a <script>alert(1)</script> | *passage*', { entityIds: ['op'] }),
  ];
  return { name: 'P-Hunt story', sources, annotations, entities, resolutions: [], summaries: { op: 'Kerala Police’s operation against CSAM.' }, generatedAt: '2026-11-23T03:21:00.000Z' };
}

describe('buildFactSheet', () => {
  it('takes in an operation’s rounds and leaves other operations out', () => {
    const sheet = buildFactSheet(snapshot(), 'op');
    expect(sheet.title).toBe('Fact sheet: Operation P-Hunt');
    expect(sheet.summary).toBe('Kerala Police’s operation against CSAM.');
    expect(sheet.figures.columns.map((c) => c.name)).toEqual(['P-Hunt 20.2', 'P-Hunt 20.3']);
    expect(sheet.figures.rows.map((r) => r.metric)).toEqual(['arrests', 'cases registered', 'locations raided']);
    expect(sheet.sources.map((s) => s.title)).toEqual(['Police arrest 41', 'Raids across the state', 'Third round']);
  });

  it('shows a conflict naming every source and value, corroboration with its outlets, and single sources', () => {
    const sheet = buildFactSheet(snapshot(), 'op');
    const row = (metric: string) => sheet.figures.rows.find((r) => r.metric === metric)!;
    const cases = row('cases registered').cells[0]!;
    expect(cases.status).toBe('conflict');
    expect(cases.values.map((v) => [v.value, v.citations.map((c) => [c.n, c.quote])])).toEqual([
      [268, [[1, 'registered 268 cases']]],
      [269, [[2, 'recorded 269 cases']]],
    ]);
    const arrests = row('arrests').cells[0]!;
    expect(arrests.status).toBe('corroborated');
    expect(arrests.values[0]).toMatchObject({ value: 41, outlets: ['Hindustan Times'], unnamedOutlets: 1 });
    expect(row('locations raided').cells).toEqual([null, expect.objectContaining({ status: 'single-source' })]);
    expect(sheet.counts).toEqual({ conflicts: 1, singleSource: 1, corroborated: 1, resolved: 0 });
  });

  it('shows a resolution with the reporter’s value and note', () => {
    const s = snapshot();
    const sheet = buildFactSheet(
      { ...s, resolutions: [{ entityId: 'r1', metric: 'Cases registered', value: 269, upper: null, note: 'FIR register checked', resolvedAt: '2026-11-20T00:00:00.000Z' }] },
      'op',
    );
    const cases = sheet.figures.rows.find((r) => r.metric === 'cases registered')!.cells[0]!;
    expect(cases.status).toBe('resolved');
    expect(cases.resolution).toMatchObject({ value: 269, note: 'FIR register checked' });
    expect(cases.values).toHaveLength(2);
    expect(sheet.counts.conflicts).toBe(0);
  });

  it('puts dated events and publications on the timeline, undated sources apart', () => {
    const sheet = buildFactSheet(snapshot(), 'op');
    expect(sheet.timeline.map((t) => [t.date, t.kind, t.kind === 'event' ? t.citation!.quote : t.n])).toEqual([
      ['2020-10', 'event', 'Raids were executed on October 1st, 3rd, and 4th'],
      ['2020-10-05', 'published', 1],
      ['2020-10-10', 'published', 2],
    ]);
    expect(sheet.undatedSources).toEqual([3]);
  });

  it('lists people and organisations with their roles, quotes with their speaker, open questions', () => {
    const sheet = buildFactSheet(snapshot(), 'op');
    expect(sheet.people).toEqual([expect.objectContaining({ name: 'Manoj Abraham', role: 'ADGP (HQ), nodal officer of Cyberdome' })]);
    expect(sheet.organisations.map((o) => [o.name, o.role])).toEqual([['Cyberdome', '']]);
    expect(sheet.quotes).toEqual([expect.objectContaining({ speaker: expect.objectContaining({ name: 'Manoj Abraham' }), outlet: 'Hindustan Times', published: '2020-10-05' })]);
    expect(sheet.questions).toEqual([expect.objectContaining({ note: 'Launched when?', citation: expect.objectContaining({ n: 3, quote: 'launched three years ago' }) })]);
  });

  it('gives the source list with URL or no URL, the text’s sha256 and the import date', () => {
    const sheet = buildFactSheet(snapshot());
    expect(sheet.title).toBe('Fact sheet: P-Hunt story');
    expect(sheet.sources).toHaveLength(4);
    expect(sheet.sources[0]).toEqual({
      n: 1,
      id: 's1',
      title: 'Police arrest 41',
      outlet: 'Hindustan Times',
      published: '2020-10-05',
      url: 'https://example.org/ht',
      sha256: '1'.repeat(64),
      importedAt: '2026-11-01T10:00:00.000Z',
    });
    expect(sheet.sources[1].url).toBeNull();
    // The whole notebook: every operation has its column, rounds beside their operation.
    expect(sheet.figures.columns.map((c) => c.name)).toEqual(['Operation Other', 'P-Hunt 20.2', 'P-Hunt 20.3']);
  });

  it('refuses an entity that does not exist, and makes an empty sheet read as empty', () => {
    expect(() => buildFactSheet(snapshot(), 'nope')).toThrow(/no entity nope/);
    const empty = buildFactSheet({ ...snapshot(), annotations: [], summaries: {} }, 'op');
    expect(empty.figures.rows).toEqual([]);
    expect(factSheetMarkdown(empty)).toContain('_No figures marked yet');
    expect(factSheetHtml(empty)).toContain('No summary written yet.');
  });
});

describe('the fact sheet as Markdown and HTML', () => {
  const sheet = buildFactSheet(snapshot(), 'op');

  it('says the same facts with the exact words of every citation', () => {
    const markdown = factSheetMarkdown(sheet);
    const html = factSheetHtml(sheet);
    for (const text of [markdown, html]) {
      expect(text).toMatch(/268 cases/);
      expect(text).toMatch(/269 cases/);
      expect(text).toContain('1 unresolved conflict between sources');
      expect(text).toContain('registered 268 cases');
      expect(text).toMatch(/corroborated by 1 named outlet and 1 source naming none/i);
      expect(text).toMatch(/single source/i);
      expect(text).toContain('https://example.org/ht');
      expect(text).toContain('No URL');
      expect(text).toContain('1'.repeat(64));
    }
    expect(markdown).toContain('| cases registered | **Sources disagree:** 268 cases [1] vs 269 cases [2] | — |');
    expect(markdown).toContain('  - 268 cases — Hindustan Times: [1] “registered 268 cases”');
    expect(markdown).toContain('- **Oct 2020** — [2] “Raids were executed on October 1st, 3rd, and 4th” — The raids of round 20.2.');
    expect(markdown).toContain('- Not dated: [3] (the source gives no date)');
  });

  it('makes a self-contained page: nothing to load, markup in notes and quotes escaped', () => {
    const html = factSheetHtml(buildFactSheet({ ...snapshot(), summaries: { op: 'Check <script>alert(1)</script> & more' } }, 'op'));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).toContain('Check &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).toContain('<td class="conflict"><span class="status">Sources disagree</span>');
    expect(html).toContain('<li id="source-3" value="3">');
  });

  it('writes the summary into Markdown as the reporter wrote it, raw HTML and odd links shown as text, never live', () => {
    const markdown = factSheetMarkdown(
      buildFactSheet(
        {
          ...snapshot(),
          summaries: {
            op: 'First <iframe src="http://evil.example/"></iframe>.\n\n[click](javascript:alert(1)) and *this*, **that** and [the police note](https://example.org/note).\n\n- 268 per HT\n- 269 per NIE',
          },
        },
        'op',
      ),
    );
    expect(markdown).toContain(
      '## Summary\n\nFirst \\<iframe src="http://evil.example/">\\</iframe>.\n\n[click\\](javascript:alert(1)) and *this*, **that** and [the police note](https://example.org/note).\n\n- 268 per HT\n- 269 per NIE\n',
    );
    // Only escaped: no "<" or "](javascript" without the backslash that makes a renderer show it as text.
    expect(markdown).not.toMatch(/(^|[^\\])(<iframe|\]\(javascript)/m);
  });

  it('renders the summary’s Markdown in the HTML and PDF sheet: emphasis, lists and web links; an image only by its words', () => {
    const html = factSheetHtml(
      buildFactSheet(
        {
          ...snapshot(),
          summaries: {
            op: 'Police gave **268** cases, the *New Indian Express* 269.\n\n- checked with [the FIR list](https://example.org/fir)\n- ![a chart of arrests](http://tracker.example/pixel.png) pending',
          },
        },
        'op',
      ),
    );
    expect(html).toContain('<p>Police gave <strong>268</strong> cases, the <em>New Indian Express</em> 269.</p>');
    expect(html).toContain('<li>checked with <a href="https://example.org/fir">the FIR list</a></li>');
    expect(html).toContain('<li>a chart of arrests pending</li>');
    expect(html).not.toMatch(/\*\*|<img|tracker\.example/);
  });
});

describe('quotation marks in the fact sheet', () => {
  it('warns, in every format, of a cited passage whose marks do not balance, and never adds a stray mark', () => {
    const base = snapshot();
    const snap = {
      ...base,
      annotations: [
        ...base.annotations,
        annotation('s2', 'quote', '“We have arrested 11 persons now,” Abraham said.', { speakerId: 'abraham', entityIds: ['op'] }),
        annotation('s3', 'quote', '“Many think that darknet use will go unnoticed', { speakerId: 'abraham', entityIds: ['op'] }),
      ],
    };
    const sheet = buildFactSheet(snap, 'op');
    const marks = Object.fromEntries(sheet.quotes.map((q) => [q.quote.slice(0, 12), q.citation.marks]));
    expect(marks).toEqual({ '“The biggest': null, '“We have arr': null, '“Many think ': 'The passage opens “ without closing it.' });
    const md = factSheetMarkdown(sheet);
    const html = factSheetHtml(sheet);
    expect(md).toContain('“Many think that darknet use will go unnoticed (⚠ Check the quotation marks: the passage opens “ without closing it.)');
    expect(html).toContain('<em class="marks-warning">(⚠ Check the quotation marks: the passage opens “ without closing it.)</em>');
    expect(md).toContain('‘“We have arrested 11 persons now,” Abraham said.’');
    expect(md).not.toContain('Abraham said.”');
    expect(md.match(/⚠ Check the quotation marks/g)).toHaveLength(1);
  });
});
