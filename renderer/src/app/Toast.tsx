/** A short message at the bottom of the window (what just happened), with Undo where it applies. */
import { useEffect } from 'react';
import { useAnnotate } from '../features/annotate';

export function Toast() {
  const notice = useAnnotate((s) => s.notice);
  const dismiss = useAnnotate((s) => s.dismissNotice);
  const undo = useAnnotate((s) => s.undo);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(dismiss, 10_000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className="toast" role="status">
      <span>{notice.message}</span>
      {notice.canUndo ? (
        <button type="button" onClick={() => void undo()}>
          Undo
        </button>
      ) : null}
      <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
