/**
 * The small toolbar over a selection: highlight it, annotate it, or attach an orphan to it. A
 * selection whose quotation marks do not balance says so and offers the balanced passage.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { BalanceOffer, Span } from '../../../../../shared/domain/quotes';
import { MarksOffer } from './MarksOffer';

export interface SelectionToolbarProps {
  /** Below the selection; `selectionTop` is where it goes above when there is no room below. */
  top: number;
  selectionTop: number;
  left: number;
  reattaching: boolean;
  busy: boolean;
  onHighlight(): void;
  onNote(): void;
  onAttach(): void;
  /** Set when the selection's quotation marks do not balance. */
  marks: BalanceOffer | null;
  onReselect(span: Span): void;
}

export function SelectionToolbar({ top, selectionTop, left, reattaching, busy, onHighlight, onNote, onAttach, marks, onReselect }: SelectionToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [placed, setPlaced] = useState(top);
  useLayoutEffect(() => {
    const height = ref.current?.offsetHeight ?? 0;
    // A selection near the bottom of the window gets its toolbar above it, never out of sight.
    setPlaced(top + height > window.innerHeight - 8 ? Math.max(8, selectionTop - height - 8) : top);
  }, [top, selectionTop, marks]);
  return (
    <div ref={ref} className="selection-toolbar" role="toolbar" aria-label="Selection" style={{ top: placed, left }} onMouseDown={(e) => e.preventDefault()}>
      {reattaching ? (
        <button type="button" className="primary" disabled={busy} onClick={onAttach}>
          Attach here
        </button>
      ) : (
        <>
          <button type="button" disabled={busy} onClick={onHighlight} aria-keyshortcuts="H">
            Highlight <kbd>H</kbd>
          </button>
          <button type="button" disabled={busy} onClick={onNote} aria-keyshortcuts="N">
            Annotate… <kbd>N</kbd>
          </button>
        </>
      )}
      {marks ? <MarksOffer offer={marks} onChoose={onReselect} /> : null}
    </div>
  );
}
