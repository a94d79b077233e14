/** The timeline drawn in the app: each mark a link to its passage (or its source, for a publication). */
import { useMemo } from 'react';
import type { TimelineMark } from '../../../../../shared/pictures/types';
import { layoutTimeline } from '../../../../../shared/pictures/timeline';

export function TimelinePicture({ marks, width, onOpen }: { marks: readonly TimelineMark[]; width: number; onOpen(mark: TimelineMark): void }) {
  const model = useMemo(() => layoutTimeline(marks, width), [marks, width]);
  if (marks.length === 0) return <p className="pane-note">Nothing dated yet: give sources a date, mark events with their date, or give figures an as-of date.</p>;
  const axisY = model.height - 22;
  return (
    <figure className="picture-box">
      <svg
        className="picture timeline"
        viewBox={`0 0 ${model.width} ${model.height}`}
        width={model.width}
        height={model.height}
        role="group"
        aria-label={`Timeline: ${model.marks.length} dated marks`}
      >
        {model.lanes.map((lane) => (
          <g key={lane.label}>
            <text x={4} y={lane.y + 10} className="lane">
              {lane.label}
            </text>
            <line x1={model.left} x2={model.width - 12} y1={lane.y + lane.height + 5} y2={lane.y + lane.height + 5} className="grid" />
          </g>
        ))}
        {model.ticks.map((t) => (
          <g key={t.x} aria-hidden="true">
            <line x1={t.x} x2={t.x} y1={4} y2={axisY} className="tick" />
            <text x={t.x} y={axisY + 14} className="tick-label" textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {model.marks.map((p, i) => {
          const cls = `mark ${p.mark.kind} ${p.precision}${p.mark.conflict ? ' conflict' : ''}`;
          return (
            <g
              key={i}
              role="link"
              tabIndex={0}
              aria-label={p.title}
              className="mark-link"
              onClick={() => onOpen(p.mark)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpen(p.mark);
                }
              }}
            >
              <title>{p.title}</title>
              {p.precision === 'day' ? <circle cx={p.x + p.w / 2} cy={p.y + p.h / 2} r={p.h / 2} className={cls} /> : <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={3} className={cls} />}
              {p.mark.conflict ? (
                <text x={p.x + p.w + 2} y={p.y + p.h - 1} className="flag">
                  !
                </text>
              ) : null}
              {p.label ? (
                <text x={p.label.x} y={p.y + p.h - 2} className="mark-label" aria-hidden="true">
                  {p.label.text}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        A bar is a month or a year (the date is known only that far), a dot a day; <span className="flag">!</span> marks a figure the sources disagree on. Click a mark, or Tab to it and press Enter,
        to read its passage.
        {model.hidden > 0 ? ` ${model.hidden} marks stack on a full lane.` : ''}
      </figcaption>
    </figure>
  );
}
