import { describe, expect, it } from 'vitest';
import { dateSpan, layoutTimeline, timelineSvg } from './timeline';
import type { TimelineMark } from './types';

const mark = (i: number, date: string, kind: TimelineMark['kind'] = 'published'): TimelineMark => ({
  kind,
  date,
  dateIs: kind === 'figure' ? 'as-of' : kind === 'event' ? 'event' : 'published',
  label: `Source ${i}`,
  conflict: false,
  n: i + 1,
  sourceId: `s${i}`,
  annotationId: kind === 'published' ? null : `a${i}`,
});

describe('laying out the timeline', () => {
  it('spans a partial date over the time it may mean', () => {
    expect(dateSpan('2020')).toMatchObject({ precision: 'year', start: new Date('2020-01-01T00:00:00Z'), end: new Date('2021-01-01T00:00:00Z') });
    expect(dateSpan('2020-02')).toMatchObject({ precision: 'month', end: new Date('2020-03-01T00:00:00Z') });
    expect(dateSpan('2020-02-29')).toMatchObject({ precision: 'day', end: new Date('2020-03-01T00:00:00Z') });
    expect(dateSpan('2020-13')).toBeNull();
  });

  it('draws the marks of a busy lane that fall on the same few pixels as one, with their count, and loses none', () => {
    const days = Array.from({ length: 5000 }, (_, i) => mark(i, `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));
    const model = layoutTimeline(days, 900);
    expect(model.marks.length).toBeLessThan(800);
    expect(model.marks.reduce((n, p) => n + p.count, 0)).toBe(5000);
    const busy = model.marks.find((p) => p.count > 1)!;
    expect(busy.title).toMatch(/^\d+ published marks from 2020-\d\d-\d\d — the first: /);
    // A quiet lane keeps every mark as itself.
    const few = layoutTimeline(days.slice(0, 40), 900);
    expect(few.marks.every((p) => p.count === 1)).toBe(true);
    expect(few.marks).toHaveLength(40);
  });

  it('always says the year on the axis, however short the span: on the first tick and where the year turns', () => {
    const january = layoutTimeline([mark(0, '2005-01-02'), mark(1, '2005-01-30')], 900);
    expect(january.ticks.length).toBeGreaterThan(2);
    expect(january.ticks[0].label).toMatch(/2005/);
    expect(january.ticks.filter((t) => /\d{4}/.test(t.label))).toHaveLength(1);
    const turn = layoutTimeline([mark(0, '2004-12-20'), mark(1, '2005-01-12')], 900);
    expect(turn.ticks[0].label).toMatch(/2004/);
    expect(turn.ticks.some((t) => /2005/.test(t.label))).toBe(true);
    // A span of years: d3's own labels are the years.
    const years = layoutTimeline([mark(0, '2019'), mark(1, '2023')], 900);
    for (const t of years.ticks) expect(t.label).toMatch(/^\d{4}$/);
  });

  it('prints a label beside each mark where there is room, cut to it, since paper has no hover', () => {
    const short = layoutTimeline([{ ...mark(0, '2005-01'), label: 'Spending to rise by £1,400 a year' }, mark(1, '2005-01-12'), mark(2, '2005-01-30')], 900);
    const bar = short.marks.find((p) => p.precision === 'month')!;
    // A month over a month-long axis: a wide bar, its label inside it, whole.
    expect(bar.w).toBeGreaterThan(400);
    expect(bar.label).toEqual({ x: bar.x + 4, text: 'Spending to rise by £1,400 a year' });
    expect(timelineSvg(short)).toContain('class="mark-label">Spending to rise by £1,400 a year</text>');
    // Crowded marks of a row are cut to the room before the next one, or left without a label.
    const crowded = layoutTimeline(
      Array.from({ length: 30 }, (_, i) => ({
        ...mark(i, `2019-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`),
        kind: 'published' as const,
        label: `A long headline number ${i} about the story`,
      })),
      900,
    );
    for (const p of crowded.marks) {
      if (!p.label) continue;
      const next = crowded.marks.filter((q) => q.y === p.y && q.x > p.x).sort((a, b) => a.x - b.x)[0];
      expect(p.label.x + p.label.text.length * 5).toBeLessThanOrEqual((next?.x ?? 888) + 1);
      if (p.label.text !== p.mark.label) expect(p.label.text).toMatch(/…$/);
    }
    expect(crowded.marks.some((p) => p.label === null || p.label.text.endsWith('…'))).toBe(true);
  });
});
