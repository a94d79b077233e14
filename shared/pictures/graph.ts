/**
 * The entity graph, laid out: entities that share passages, joined by a line as thick as the
 * passages they share, each sized by its mentions; filtered by type and by round. The layout is a
 * force simulation (d3-force) run a fixed number of steps from d3's deterministic start, so the
 * same notebook draws the same picture in the app and in the fact sheet.
 */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { esc } from '../escape';
import type { EntityType } from '../domain/entity';
import type { GraphEdge, GraphNode } from './types';

export interface GraphFilter {
  /** Types to show; empty shows all. */
  types: readonly EntityType[];
  /** Only this entity (any type) and the entities that share passages or sources with it. */
  round: string | null;
  /** At most this many nodes, the most mentioned first. */
  limit: number;
}

export const NO_GRAPH_FILTER: GraphFilter = { types: [], round: null, limit: 60 };

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  r: number;
}

export interface PlacedEdge extends GraphEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphModel {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Entities left out by the filter or the limit. */
  hidden: number;
}

/** The nodes and edges a filter keeps. */
export function filterGraph(data: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] }, filter: GraphFilter): { nodes: GraphNode[]; edges: GraphEdge[]; hidden: number } {
  let nodes = data.nodes.filter((n) => filter.types.length === 0 || filter.types.includes(n.type) || n.id === filter.round);
  if (filter.round) {
    const near = new Set([filter.round]);
    for (const e of data.edges) {
      if (e.a === filter.round) near.add(e.b);
      if (e.b === filter.round) near.add(e.a);
    }
    nodes = nodes.filter((n) => near.has(n.id));
  }
  // Only entities that share a passage with another shown one: a lone entity says nothing here.
  const linked = new Set<string>();
  const shown = new Set(nodes.map((n) => n.id));
  for (const e of data.edges) if (shown.has(e.a) && shown.has(e.b)) linked.add(e.a).add(e.b);
  const kept = nodes
    .filter((n) => linked.has(n.id) || n.id === filter.round)
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, filter.limit);
  const ids = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: data.edges.filter((e) => ids.has(e.a) && ids.has(e.b)), hidden: data.nodes.length - kept.length };
}

export const radiusOf = (mentions: number): number => 7 + 4 * Math.sqrt(mentions);

/** What joins two entities, in words: "2 shared passages, named together in 3 sources". */
export function edgeWords(e: Pick<GraphEdge, 'shared' | 'sources'>): string {
  const parts: string[] = [];
  if (e.shared > 0) parts.push(`${e.shared} shared passage${e.shared === 1 ? '' : 's'}`);
  if (e.sources > 0) parts.push(`named together in ${e.sources} source${e.sources === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function layoutGraph(data: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] }, filter: GraphFilter = NO_GRAPH_FILTER, width = 900, height = 560): GraphModel {
  const { nodes, edges, hidden } = filterGraph(data, filter);
  type N = GraphNode & SimulationNodeDatum & { r: number };
  const simNodes: N[] = nodes.map((n) => ({ ...n, r: radiusOf(n.mentions) }));
  // A shared passage draws two entities closer than a shared source.
  const simLinks: (SimulationLinkDatum<N> & { shared: number })[] = edges.map((e) => ({ source: e.a, target: e.b, shared: e.shared + e.sources / 2 }));
  const sim = forceSimulation(simNodes)
    .force(
      'link',
      forceLink<N, SimulationLinkDatum<N> & { shared: number }>(simLinks)
        .id((d) => d.id)
        .distance((l) => 70 + 40 / l.shared)
        .strength(0.5),
    )
    .force('charge', forceManyBody().strength(-260))
    .force(
      'collide',
      forceCollide<N>((d) => d.r + 26),
    )
    .force('center', forceCenter(width / 2, height / 2))
    .force('x', forceX(width / 2).strength(0.04))
    .force('y', forceY(height / 2).strength(0.06))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  // Fitted to the picture: a small graph is spread out to use the room, a large one drawn in.
  if (simNodes.length > 1) {
    const xs = simNodes.map((n) => n.x ?? 0);
    const ys = simNodes.map((n) => n.y ?? 0);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const room = { w: width - 160, h: height - 60 };
    const k = Math.min(room.w / Math.max(1, maxX - minX), room.h / Math.max(1, maxY - minY), 2.5);
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    for (const n of simNodes) {
      n.x = width / 2 + ((n.x ?? cx) - cx) * k;
      n.y = height / 2 + ((n.y ?? cy) - cy) * k;
    }
  }
  const clampX = (n: N) => Math.min(width - n.r - 60, Math.max(n.r + 60, n.x ?? width / 2));
  const clampY = (n: N) => Math.min(height - n.r - 18, Math.max(n.r + 8, n.y ?? height / 2));
  const placed: PlacedNode[] = simNodes.map((n) => ({ id: n.id, name: n.name, type: n.type, mentions: n.mentions, roundOf: n.roundOf, r: n.r, x: clampX(n), y: clampY(n) }));
  const at = new Map(placed.map((n) => [n.id, n]));
  return {
    width,
    height,
    nodes: placed,
    edges: edges.map((e) => ({ ...e, x1: at.get(e.a)!.x, y1: at.get(e.a)!.y, x2: at.get(e.b)!.x, y2: at.get(e.b)!.y })),
    hidden,
  };
}

/** The model as a self-contained SVG (for the HTML and PDF fact sheets). */
export function graphSvg(model: GraphModel): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="picture graph" viewBox="0 0 ${model.width} ${model.height}" width="100%" role="img" aria-label="Entities that share passages or sources: ${model.nodes.length} entities, ${model.edges.length} links">`,
  ];
  for (const e of model.edges)
    parts.push(
      `<line x1="${e.x1.toFixed(1)}" y1="${e.y1.toFixed(1)}" x2="${e.x2.toFixed(1)}" y2="${e.y2.toFixed(1)}" class="edge${e.shared === 0 ? ' by-source' : ''}" stroke-width="${Math.min(8, 1 + e.shared + e.sources / 4).toFixed(1)}"><title>${esc(edgeWords(e))}</title></line>`,
    );
  for (const n of model.nodes) {
    parts.push(
      `<g class="node ${n.type}"><title>${esc(n.name)} (${n.type}): ${n.mentions} passage${n.mentions === 1 ? '' : 's'}</title><circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.r.toFixed(1)}"/><text x="${n.x.toFixed(1)}" y="${(n.y + n.r + 12).toFixed(1)}" text-anchor="middle">${esc(n.name)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
