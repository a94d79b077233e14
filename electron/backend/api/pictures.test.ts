/**
 * The fact sheet's pictures on the sample notebook: the timeline's marks (publications, events,
 * figures at their dates, the 268/269 conflict marked) and the graph of entities sharing passages,
 * laid out the same every time, inside the picture, nothing overlapping.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphSvg, layoutGraph, NO_GRAPH_FILTER } from '../../../shared/pictures/graph';
import { layoutTimeline, timelineSvg } from '../../../shared/pictures/timeline';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const sheetOf = async (name: string | null) => {
  const id = name ? (await t.call('entities:list', {})).find((e) => e.name === name)!.id : null;
  return t.call('factsheet:build', { entityId: id });
};

describe('the timeline', () => {
  it('holds every dated publication, event and figure of the sample, with the conflicting figures marked', async () => {
    const { pictures } = await sheetOf('Operation P-Hunt');
    const published = pictures.timeline.filter((m) => m.kind === 'published').map((m) => m.date);
    expect(published).toEqual(['2019-10-13', '2020-10-05', '2020-10-10', '2023-02-27']);
    expect(pictures.timeline.filter((m) => m.kind === 'event').map((m) => m.date)).toEqual(['2019-10-13', '2020-10', '2023-02-26']);
    const cases = pictures.timeline.filter((m) => m.kind === 'figure' && /cases registered (268|269) cases/.test(m.label));
    expect(cases.map((m) => [m.label, m.conflict])).toEqual([
      ['P-Hunt 20.2: cases registered 268 cases', true],
      ['P-Hunt 20.2: cases registered 269 cases', true],
    ]);
    expect(pictures.timeline.filter((m) => m.kind === 'figure' && !m.conflict).length).toBeGreaterThan(3);
  });

  it('draws a partial date over the time it may mean, a day as a dot, and links each mark to its source', async () => {
    const { pictures } = await sheetOf(null);
    const model = layoutTimeline(pictures.timeline, 900);
    const month = model.marks.find((p) => p.mark.kind === 'event' && p.mark.date === '2020-10')!;
    const day = model.marks.find((p) => p.mark.kind === 'event' && p.mark.date === '2019-10-13')!;
    expect(month.precision).toBe('month');
    expect(day.precision).toBe('day');
    expect(month.w).toBeGreaterThan(day.w);
    expect(month.title).toMatch(/^2020-10 \(month only\) — Event: Raids were executed/);
    for (const p of model.marks) {
      expect(p.x).toBeGreaterThanOrEqual(model.left);
      expect(p.x + p.w).toBeLessThanOrEqual(model.width);
    }
    expect(model.ticks.length).toBeGreaterThan(2);
    const svg = timelineSvg(model);
    expect(svg.match(/<a href="#source-\d+">/g)).toHaveLength(model.marks.length);
    expect(svg).toContain('sources disagree');
    expect(svg).not.toMatch(/<script|javascript:/);
  });
});

describe('the entity graph', () => {
  it('joins the entities that share passages, sized by their passages, the same every time', async () => {
    const { pictures } = await sheetOf(null);
    const round = pictures.graph.nodes.find((n) => n.name === 'P-Hunt 20.2')!;
    const abraham = pictures.graph.nodes.find((n) => n.name === 'Manoj Abraham')!;
    expect(round.mentions).toBe(7);
    expect(pictures.graph.edges).toContainEqual({ a: [round.id, abraham.id].sort()[0], b: [round.id, abraham.id].sort()[1], shared: 1, sources: 1 });
    const a = layoutGraph(pictures.graph);
    const b = layoutGraph(pictures.graph);
    expect(a).toEqual(b);
    for (const n of a.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(a.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(a.height);
    }
    for (const n of a.nodes) for (const m of a.nodes) if (n !== m) expect(Math.hypot(n.x - m.x, n.y - m.y), `${n.name} and ${m.name}`).toBeGreaterThan(n.r + m.r);
    expect(a.nodes.find((n) => n.id === round.id)!.r).toBeGreaterThan(a.nodes.find((n) => n.mentions === 1)!.r);
    expect(graphSvg(a)).toContain('Manoj Abraham');
  });

  it('filters by type and by round', async () => {
    const { pictures } = await sheetOf(null);
    const some = layoutGraph(pictures.graph, { ...NO_GRAPH_FILTER, types: ['person', 'operation'] });
    expect(new Set(some.nodes.map((n) => n.type))).toEqual(new Set(['person', 'operation']));
    expect(some.nodes.map((n) => n.name)).toContain('Manoj Abraham');
    // An entity that shares no passage with another shown one is not drawn.
    expect(layoutGraph(pictures.graph, { ...NO_GRAPH_FILTER, types: ['person'] }).nodes).toEqual([]);
    const round = pictures.graph.nodes.find((n) => n.name === 'P-Hunt 23.1')!;
    const near = layoutGraph(pictures.graph, { ...NO_GRAPH_FILTER, round: round.id });
    const joined = new Set(pictures.graph.edges.flatMap((e) => (e.a === round.id ? [e.b] : e.b === round.id ? [e.a] : [])));
    expect(near.nodes.map((n) => n.id).sort()).toEqual([round.id, ...joined].sort());
    expect(near.hidden).toBe(pictures.graph.nodes.length - 1 - joined.size);
  });

  it('centres on any entity, a person too: those named with him in a passage or a source, each line saying which', async () => {
    const { pictures } = await sheetOf(null);
    const abraham = pictures.graph.nodes.find((n) => n.name === 'Manoj Abraham')!;
    const around = layoutGraph(pictures.graph, { ...NO_GRAPH_FILTER, round: abraham.id });
    expect(around.nodes.map((n) => n.name)).toContain('Manoj Abraham');
    expect(around.nodes.length).toBeGreaterThan(1);
    for (const e of around.edges) expect(e.shared + e.sources).toBeGreaterThan(0);
    // Joined by a source only (no passage links both): drawn dashed, and said so.
    const bySource = pictures.graph.edges.find((e) => e.shared === 0 && e.sources > 0);
    expect(bySource).toBeDefined();
    const svg = graphSvg(layoutGraph(pictures.graph));
    expect(svg).toMatch(/class="edge by-source"[^>]*><title>named together in \d+ sources?<\/title>/);
    expect(svg).toMatch(/<title>1 shared passage, named together in 1 source<\/title>/);
  });
});
