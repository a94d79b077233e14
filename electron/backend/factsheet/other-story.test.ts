/**
 * The fact sheet of a story that is not the sample (real news, testing/other-story.ts): figures
 * marked as the editor proposes them from the passages' words, about the entities a reporter
 * makes (Amazon, Mozilla, New York City), in every format.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFigure } from '../../../shared/factsheet/figures';
import { factSheetMarkdown } from '../../../shared/factsheet/markdown';
import { factSheetHtml } from '../../../shared/factsheet/html';
import { createAnnotation } from '../annotations/service';
import { createEntity } from '../entities/service';
import { type Notebook } from '../store/notebook';
import { tempDir } from '../testing/fixtures';
import { otherStory, otherStoryNotebook } from '../testing/other-story';
import { factSheetOf, saveSummary } from './service';

describe('the fact sheet of another story', () => {
  const story = otherStory('The fact sheet of the second test story');
  let nb: Notebook;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (!story) return;
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    nb = await otherStoryNotebook(join(dir, 'nb'), story);
  }, 120_000);
  afterAll(async () => {
    await nb?.close();
    await cleanup?.();
  });

  /** Marks, as the editor proposes it, the figure that these words of a page give, about an entity. */
  async function mark(page: string, words: string, entityId: string, metric?: string) {
    const source = nb.listSources().find((s) => s.provenance.fileName === `${page}.html`)!;
    const { text } = await nb.getSource(source.id);
    const at = text.indexOf(words);
    expect(at, `“${words}” in ${page}`).toBeGreaterThanOrEqual(0);
    const [f] = parseFigure(words);
    expect(f, words).toBeDefined();
    return createAnnotation(nb, {
      sourceId: source.id,
      start: at + f.start,
      end: at + f.end,
      kind: 'figure',
      note: '',
      tags: [],
      figure: { metric: metric ?? f.metric!, value: f.value, upper: f.upper ?? null, unit: f.unit ?? null, qualifier: f.qualifier ?? null, date: f.date ?? null, entityId },
    });
  }

  it.skipIf(!story)('shows sums in dollars as written, counts beside them, and never a conflict between a sum and a count', async () => {
    const amazon = await createEntity(nb, { type: 'organisation', name: 'Amazon', aliases: [], description: '', start: null, end: null, parentId: null });
    const city = await createEntity(nb, { type: 'place', name: 'New York City', aliases: [], description: '', start: null, end: null, parentId: null });
    await mark('seattletimes-1', 'for $13.7 billion', amazon.id, 'price of Whole Foods');
    await mark('seattletimes-1', '100 million members', amazon.id, 'Prime members');
    await mark('nytimes-3', 'there were 750 leaks', city.id);
    await mark('nytimes-3', 'more than $1 billion', city.id, 'investment in water mains');
    await saveSummary(nb, { entityId: null, summary: 'Amazon paid **$13.7 billion** for Whole Foods; the city *invests* in its pipes.' });
    const sheet = factSheetOf(nb, null);
    const rows = new Map(sheet.figures.rows.map((r) => [r.metric, r.cells.filter((c) => c !== null)]));
    expect([...rows.keys()].sort()).toEqual(['Prime members', 'investment in water mains', 'leaks', 'price of Whole Foods']);
    for (const cells of rows.values()) for (const c of cells) expect(c!.status).toBe('single-source');
    const md = factSheetMarkdown(sheet);
    expect(md).toContain('$13.7 billion');
    expect(md).toContain('more than $1 billion');
    expect(md).toContain('100 million members');
    expect(md).toContain('750 leaks');
    expect(md).toContain('Amazon paid **$13.7 billion** for Whole Foods');
    const html = factSheetHtml(sheet);
    expect(html).toContain('<strong>$13.7 billion</strong>');
    expect(html).toContain('Amazon paid <strong>$13.7 billion</strong> for Whole Foods');
    // The pictures: Amazon and the city are not named together anywhere, and the timeline has the sources' years.
    expect(sheet.pictures.graph.edges.filter((e) => [e.a, e.b].includes(amazon.id) && [e.a, e.b].includes(city.id))).toEqual([]);
  });
});
