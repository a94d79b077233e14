/**
 * The timeline, laid out: one lane each for publications, events and figures; a partial date is
 * drawn over the whole time it may mean (a month as a month, a year as a year), a day as a dot; a
 * figure in conflict with another source is marked. Pure: the same model is drawn by the app (SVG
 * in React, each mark a link to its passage) and by the fact sheet's HTML and PDF (an SVG string).
 */
import { scaleUtc } from 'd3-scale';
import { partialDatePrecision, type DatePrecision } from '../domain/dates';
import { esc } from '../escape';
import type { TimelineMark } from './types';

export const LANES = [
  { kind: 'published', label: 'Published' },
  { kind: 'event', label: 'Events' },
  { kind: 'figure', label: 'Figures' },
] as const;

export interface PlacedMark {
  x: number;
  y: number;
  w: number;
  h: number;
  precision: DatePrecision;
  mark: TimelineMark;
  /** Marks drawn as this one (a busy lane puts the marks of the same few pixels together); 1 alone. */
  count: number;
  /** What a reader is told on hover and by a screen reader. */
  title: string;
  /**
   * What is printed beside the mark (inside a bar wide enough), cut to the room there is before
   * the next mark of its row: on paper there is no hover. Null where there is no room for a word.
   */
  label: { x: number; text: string } | null;
}

export interface TimelineModel {
  width: number;
  height: number;
  /** Where the drawing area starts (after the lane labels). */
  left: number;
  ticks: { x: number; label: string }[];
  lanes: { label: string; y: number; height: number; count: number }[];
  marks: PlacedMark[];
  /** Marks not drawn because the lane was full (they are still in the lists of the sheet). */
  hidden: number;
}

const LEFT = 92;
const ROW = 14;
const LANE_GAP = 14;
const TOP = 8;
const AXIS = 28;
/** Rows a lane may take before marks stack on the last one. */
const MAX_ROWS = 8;
/** Above this many marks in a lane, the marks of the same few pixels and precision are drawn as one. */
const BIN_OVER = 300;
const BIN_PX = 3;

/** The first instant of a partial date and the first after it. */
export function dateSpan(date: string): { start: Date; end: Date; precision: DatePrecision } | null {
  const precision = partialDatePrecision(date);
  if (!precision) return null;
  const [y, m = 1, d = 1] = date.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1, d));
  const end = precision === 'year' ? new Date(Date.UTC(y + 1, 0, 1)) : precision === 'month' ? new Date(Date.UTC(y, m, 1)) : new Date(Date.UTC(y, m - 1, d + 1));
  return { start, end, precision };
}

const PRECISION_WORDS: Record<DatePrecision, string> = { year: 'year only', month: 'month only', day: '' };

function describe(mark: TimelineMark, precision: DatePrecision): string {
  const when = `${mark.date}${PRECISION_WORDS[precision] ? ` (${PRECISION_WORDS[precision]})` : ''}`;
  const what =
    mark.kind === 'published' ? `Published: ${mark.label}` : mark.kind === 'event' ? `Event: ${mark.label}` : `Figure${mark.dateIs === 'as-of' ? ' as of' : ', published'} ${when}: ${mark.label}`;
  return `${mark.kind === 'figure' ? what : `${when} — ${what}`}${mark.conflict ? ' — sources disagree' : ''} [${mark.n}]`;
}

export function layoutTimeline(marks: readonly TimelineMark[], width = 900): TimelineModel {
  const spans = marks.map((m) => ({ m, span: dateSpan(m.date) })).filter((x): x is { m: TimelineMark; span: NonNullable<ReturnType<typeof dateSpan>> } => x.span !== null);
  const right = width - 12;
  if (spans.length === 0)
    return { width, height: 60, left: LEFT, ticks: [], lanes: LANES.map((l, i) => ({ label: l.label, y: TOP + i * (ROW + LANE_GAP), height: ROW, count: 0 })), marks: [], hidden: 0 };
  const from = Math.min(...spans.map((s) => s.span.start.getTime()));
  const to = Math.max(...spans.map((s) => s.span.end.getTime()));
  // A little room either side, so that a mark at the edge is not cut.
  const pad = Math.max((to - from) * 0.02, 86_400_000 * 3);
  const x = scaleUtc()
    .domain([new Date(from - pad), new Date(to + pad)])
    .range([LEFT, right]);
  const placed: PlacedMark[] = [];
  const lanes: TimelineModel['lanes'] = [];
  let hidden = 0;
  let y = TOP;
  for (const lane of LANES) {
    const inLane = spans.filter((s) => s.m.kind === lane.kind).sort((a, b) => a.span.start.getTime() - b.span.start.getTime());
    // A busy lane (thousands of sources): the marks of the same few pixels are one mark, with their count.
    const groups: { m: TimelineMark; span: (typeof inLane)[number]['span']; count: number }[] = [];
    if (inLane.length > BIN_OVER) {
      const bins = new Map<string, (typeof groups)[number]>();
      for (const s of inLane) {
        const key = `${Math.floor(x(s.span.start) / BIN_PX)}:${s.span.precision}:${s.m.conflict}`;
        const bin = bins.get(key);
        if (bin) bin.count++;
        else bins.set(key, { ...s, count: 1 });
      }
      groups.push(...bins.values());
    } else groups.push(...inLane.map((s) => ({ ...s, count: 1 })));
    // Rows: each mark goes on the first row where it does not touch the mark before it.
    const rowEnds: number[] = [];
    const rowOf = new Map<PlacedMark, number>();
    for (const { m, span, count } of groups) {
      const x0 = x(span.start);
      const w = Math.max(span.precision === 'day' ? 8 : 4, x(span.end) - x0);
      let row = rowEnds.findIndex((end) => end + 2 <= x0);
      if (row < 0) {
        if (rowEnds.length < MAX_ROWS) row = rowEnds.push(0) - 1;
        else {
          row = MAX_ROWS - 1;
          hidden++;
        }
      }
      rowEnds[row] = Math.max(rowEnds[row], x0 + w);
      const title =
        count > 1 ? `${count} ${lane.label.toLowerCase()} marks from ${m.date}${m.conflict ? ', sources disagree' : ''} — the first: ${describe(m, span.precision)}` : describe(m, span.precision);
      const p: PlacedMark = { x: x0, y: y + row * ROW, w, h: ROW - 3, precision: span.precision, mark: m, count, title, label: null };
      rowOf.set(p, row);
      placed.push(p);
    }
    labelRows([...rowOf], right);
    const height = Math.max(1, rowEnds.length) * ROW;
    lanes.push({ label: lane.label, y, height, count: inLane.length });
    y += height + LANE_GAP;
  }
  // The axis always says the year: d3 leaves it out of a short span's ticks ("Jan 02 … Jan 30"),
  // so it is added to the first tick and to each one where the year turns.
  const format = x.tickFormat();
  let lastYear: number | null = null;
  const ticks = x.ticks(Math.max(2, Math.floor((right - LEFT) / 90))).map((t) => {
    const year = t.getUTCFullYear();
    const plain = format(t);
    const label = /\d{4}/.test(plain) || year === lastYear ? plain : `${plain}, ${year}`;
    lastYear = year;
    return { x: x(t), label };
  });
  return { width, height: y + AXIS - LANE_GAP, left: LEFT, ticks, lanes, marks: placed, hidden };
}

/** About how wide a character of the marks' 9px labels is, for cutting a label to its room. */
const CHAR_PX = 5;

/** Gives each mark of a lane the label its room allows: inside a bar wide enough, else after the mark up to the next one of its row. */
function labelRows(marks: [PlacedMark, number][], right: number): void {
  const rows = new Map<number, PlacedMark[]>();
  for (const [p, row] of marks) rows.set(row, [...(rows.get(row) ?? []), p]);
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    row.forEach((p, i) => {
      const text = p.count > 1 ? `${p.count} marks` : p.mark.label;
      const inside = p.precision !== 'day' && p.w >= 48;
      const x = inside ? p.x + 4 : p.x + p.w + (p.mark.conflict ? 10 : 3);
      const end = inside ? p.x + p.w - 4 : (row[i + 1]?.x ?? right) - 4;
      const chars = Math.floor((end - x) / CHAR_PX);
      if (chars < 4) return;
      p.label = { x, text: text.length <= chars ? text : `${text.slice(0, chars - 1).trimEnd()}…` };
    });
  }
}

/** The model as a self-contained SVG (for the HTML and PDF fact sheets): each mark links to its source in the list. */
export function timelineSvg(model: TimelineModel): string {
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="picture timeline" viewBox="0 0 ${model.width} ${model.height}" width="100%" role="img" aria-label="Timeline: ${model.marks.length} dated marks">`,
  );
  for (const lane of model.lanes) {
    parts.push(`<text x="4" y="${lane.y + 10}" class="lane">${esc(lane.label)}</text>`);
    parts.push(`<line x1="${model.left}" x2="${model.width - 12}" y1="${lane.y + lane.height + 5}" y2="${lane.y + lane.height + 5}" class="grid"/>`);
  }
  const axisY = model.height - 22;
  for (const t of model.ticks)
    parts.push(
      `<line x1="${t.x.toFixed(1)}" x2="${t.x.toFixed(1)}" y1="4" y2="${axisY}" class="tick"/><text x="${t.x.toFixed(1)}" y="${axisY + 14}" class="tick-label" text-anchor="middle">${esc(t.label)}</text>`,
    );
  for (const p of model.marks) {
    const cls = `mark ${p.mark.kind} ${p.precision}${p.mark.conflict ? ' conflict' : ''}`;
    const shape =
      p.precision === 'day'
        ? `<circle cx="${(p.x + p.w / 2).toFixed(1)}" cy="${(p.y + p.h / 2).toFixed(1)}" r="${(p.h / 2).toFixed(1)}" class="${cls}"/>`
        : `<rect x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" width="${p.w.toFixed(1)}" height="${p.h}" rx="3" class="${cls}"/>`;
    const flag = p.mark.conflict ? `<text x="${(p.x + p.w + 2).toFixed(1)}" y="${(p.y + p.h - 1).toFixed(1)}" class="flag">!</text>` : '';
    const label = p.label ? `<text x="${p.label.x.toFixed(1)}" y="${(p.y + p.h - 2).toFixed(1)}" class="mark-label">${esc(p.label.text)}</text>` : '';
    parts.push(`<a href="#source-${p.mark.n}"><title>${esc(p.title)}</title>${shape}${flag}${label}</a>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
