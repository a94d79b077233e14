/** The small toolbar over a selection: highlight it, annotate it, or attach an orphan to it. */
export interface SelectionToolbarProps {
  top: number;
  left: number;
  reattaching: boolean;
  busy: boolean;
  onHighlight(): void;
  onNote(): void;
  onAttach(): void;
}

export function SelectionToolbar({ top, left, reattaching, busy, onHighlight, onNote, onAttach }: SelectionToolbarProps) {
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Selection" style={{ top, left }} onMouseDown={(e) => e.preventDefault()}>
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
    </div>
  );
}
