/**
 * Laying highlights over text: a paragraph is cut at every highlight boundary into segments,
 * each carrying the highlights that cover it. Overlapping and adjacent highlights then each keep
 * a part of their own, so every one of them shows and can be clicked.
 */

/** A highlighted span of the text, UTF-16 offsets, end exclusive. */
export interface Span {
  id: string;
  start: number;
  end: number;
}

/** A run of text and the highlights covering it (none for plain text), innermost first. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  ids: string[];
}

/**
 * Cuts text[from, to) (a paragraph of `text`) into segments at the boundaries of `spans`. The
 * ids of a segment are ordered shortest span first, so a click lands on the innermost highlight.
 */
export function segmentText(text: string, from: number, to: number, spans: readonly Span[]): Segment[] {
  const inside = spans.filter((s) => s.end > from && s.start < to && s.end > s.start);
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    cuts.add(Math.max(from, s.start));
    cuts.add(Math.min(to, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const length = new Map(inside.map((s) => [s.id, s.end - s.start]));
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const ids = inside
      .filter((s) => s.start <= start && s.end >= end)
      .map((s) => s.id)
      .sort((a, b) => length.get(a)! - length.get(b)! || a.localeCompare(b));
    segments.push({ start, end, text: text.slice(start, end), ids });
  }
  return segments;
}
