/**
 * A handle between two panes: drag it, or focus it and use the arrow keys (Home/End for the
 * limits), to change the width of the pane beside it. A separator in ARIA's sense, with its value.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** What it resizes, for its accessible name: "Resize the sources list". */
  label: string;
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right widens the pane (it is on the left), -1 when it narrows it. */
  direction: 1 | -1;
  /** While dragging: the width to show. */
  onChange(width: number): void;
  /** When the drag or key press ends: the width to keep. */
  onCommit(width: number): void;
}

const STEP = 16;

export function Splitter({ label, value, min, max, direction, onChange, onCommit }: SplitterProps) {
  const drag = useRef<{ x: number; start: number; last: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, start: value, last: value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current.last = clamp(drag.current.start + direction * (e.clientX - drag.current.x));
    onChange(drag.current.last);
  };
  const onPointerUp = () => {
    if (drag.current) onCommit(drag.current.last);
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowLeft: -direction * STEP, ArrowRight: direction * STEP };
    let next: number | null = null;
    if (e.key in moves) next = clamp(value + moves[e.key]);
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    onChange(next);
    onCommit(next);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
