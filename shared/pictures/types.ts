/** What the fact sheet's two pictures are drawn from (computed by buildFactSheet, drawn by layout code). */
import type { EntityType } from '../domain/entity';

export interface TimelineMark {
  kind: 'published' | 'event' | 'figure';
  /** A partial date: drawn over its whole span (a year as a year). */
  date: string;
  /** A figure's date is its as-of date, else its source's publication. */
  dateIs: 'as-of' | 'published' | 'event';
  label: string;
  /** For a figure: its value is one of a conflict between sources. */
  conflict: boolean;
  /** The source's number in the sheet, and the passage (null for a publication). */
  n: number;
  sourceId: string;
  annotationId: string | null;
}

export interface GraphNode {
  id: string;
  name: string;
  type: EntityType;
  /** Passages linked to it in the sheet's scope. */
  mentions: number;
  /** The operation it is a round of, if any. */
  roundOf: string | null;
}

export interface GraphEdge {
  a: string;
  b: string;
  /** Passages linked to both. */
  shared: number;
  /** Sources with passages linked to each (a story whose mentions are linked one by one joins its people this way). */
  sources: number;
}

export interface SheetPictures {
  timeline: TimelineMark[];
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
}
