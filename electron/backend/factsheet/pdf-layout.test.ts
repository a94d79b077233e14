/**
 * The printed fact sheet's layout, read back from the PDF by pdf.js: a figures row taller than
 * what is left of a page breaks across pages instead of moving whole and leaving a blank third,
 * and the table's header row is printed again on the next page. Needs Chromium (skips without).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { NO_FACTS, type Annotation } from '../../../shared/domain/annotation';
import type { Entity } from '../../../shared/domain/entity';
import type { SourceSummary } from '../../../shared/domain/source';
import { buildFactSheet } from '../../../shared/factsheet/build';
import { factSheetHtml } from '../../../shared/factsheet/html';
import { SEEDS_DIR } from '../testing/fixtures';
import { chromiumPrinter, findChromium } from './pdf';

const chromium = findChromium();
if (!chromium) console.warn('SKIPPED: the PDF layout test needs Chromium (set DOSSIER_CHROMIUM).');

const at = '2026-11-01T10:00:00.000Z';
const source = (i: number): SourceSummary => ({
  id: `s${i}`,
  title: `Report ${i} on round 20.2`,
  outlet: `Outlet ${i}`,
  published: `2020-10-${String(5 + i).padStart(2, '0')}`,
  byline: null,
  lang: 'en',
  wordCount: 300,
  contentHash: String(i % 10).repeat(64),
  provenance: { method: 'paste', importedAt: at, fileName: null, url: null, original: null },
  headings: [],
  versions: [],
});
const figure = (i: number, value: number): Annotation => ({
  id: `a${i}`,
  sourceId: `s${i}`,
  kind: 'figure',
  target: {
    contentHash: String(i % 10).repeat(64),
    quote: { exact: `police said they had registered ${value} cases under the IT Act and the POCSO Act across the state`, prefix: '', suffix: '' },
    position: { start: 0, end: 40 },
  },
  anchor: { state: 'exact' },
  note: '',
  tags: [],
  entityIds: ['r1'],
  ...NO_FACTS,
  figure: { metric: 'cases registered', value, upper: null, unit: 'cases', qualifier: null, date: null, entityId: 'r1' },
  createdAt: at,
  updatedAt: at,
  createdBy: null,
  updatedBy: null,
});
const entity = (id: string, name: string, parentId: string | null): Entity => ({
  id,
  type: 'operation',
  name,
  aliases: [],
  description: '',
  start: null,
  end: null,
  parentId,
  mergedInto: null,
  createdAt: at,
  updatedAt: at,
  createdBy: null,
  updatedBy: null,
});

describe.skipIf(!chromium)('the printed fact sheet', () => {
  it('breaks a long figures row across pages, with the header row repeated, instead of leaving page 1 a third blank', async () => {
    // Real text for the summary, enough to fill most of page 1 before the table starts.
    const seed = readFileSync(join(SEEDS_DIR, '000_7baca0de28e0a4fd.txt'), 'utf8').replace(/^\s*date \S+\s*/, '');
    const sources = Array.from({ length: 18 }, (_, i) => source(i + 1));
    const annotations = sources.map((_, i) => figure(i + 1, 250 + i));
    const sheet = buildFactSheet(
      {
        name: 'Layout',
        sources,
        annotations,
        entities: [entity('op', 'Operation P-Hunt', null), entity('r1', 'P-Hunt 20.2', 'op')],
        resolutions: [],
        summaries: { op: seed.slice(0, 1800) },
        generatedAt: at,
      },
      'op',
    );
    const pdf = await getDocument({ data: await chromiumPrinter(chromium)(factSheetHtml(sheet)), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    const pages: { height: number; items: { str: string; y: number }[] }[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, 3); n++) {
      const page = await pdf.getPage(n);
      const items = ((await page.getTextContent()).items as { str: string; transform: number[] }[]).filter((i) => i.str.trim()).map((i) => ({ str: i.str, y: i.transform[5] }));
      pages.push({ height: page.view[3], items });
    }
    expect(pdf.numPages).toBeGreaterThan(1);
    const [first, second] = pages;
    // The table starts on page 1 …
    expect(first.items.some((i) => i.str.includes('cases registered'))).toBe(true);
    // … and page 1 is used to its bottom: its lowest line is within the last fifth of the page.
    const lowest = Math.min(...first.items.map((i) => i.y));
    expect(lowest / first.height).toBeLessThan(0.2);
    // The row goes on on page 2, under the header row printed again.
    expect(second.items.some((i) => /^\d+ cases$/.test(i.str.trim()) || /\d+ cases/.test(i.str))).toBe(true);
    const top = second.items.reduce((a, b) => (b.y > a.y ? b : a));
    expect(
      second.items
        .filter((i) => i.y >= top.y - 30)
        .map((i) => i.str)
        .join(' '),
    ).toMatch(/Metric/);
  }, 90_000);
});
