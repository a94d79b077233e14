/**
 * Importing files, step by step: choose files and folders, watch them being read (with Cancel),
 * review what was found in each and correct it, then see what was imported.
 */
import { pick } from '../../lib/store';
import { useState } from 'react';
import { partialDatePrecision } from '../../../../shared/domain/dates';
import { Modal } from '../../components/Modal';
import { ReviewList } from './components/ReviewList';
import { useImport } from './store';

export function ImportDialog({ canChoose, onImported }: { canChoose: boolean; onImported(): void }) {
  const drawn = useImport(pick((x) => ({ step: x.step, status: x.status, decisions: x.decisions, outcomes: x.outcomes, error: x.error, fetching: x.fetching })));
  const s = { ...useImport.getState(), ...drawn };
  const [paths, setPaths] = useState('');
  const [url, setUrl] = useState('');
  const [pasted, setPasted] = useState('');
  if (s.step === 'closed') return null;
  const list = paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const close = () => {
    if (s.step === 'done') onImported();
    s.close();
  };
  const accepted = s.decisions.filter((d) => d.accept || d.asNewVersion).length;
  const datesOk = s.decisions.every((d) => !d.accept || d.published.trim() === '' || partialDatePrecision(d.published.trim()) !== null);
  const error = s.error ? (
    <p role="alert" className="error-text">
      {s.error.message}
    </p>
  ) : null;

  return (
    <Modal title="Import files" onClose={close}>
      <div className="import-dialog">
        {s.step === 'choose' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.start(list);
            }}
          >
            <p className="dialog-note">
              Text, Markdown, saved web pages (.html), PDF and Word (.docx) files, e-mail (.eml, .msg and .mbox mailboxes, with their attachments), spreadsheets (.csv, .xlsx), or whole folders; you
              can also drop files on the window. You review what Dossier finds before anything is saved.
            </p>
            {canChoose ? (
              <button
                type="button"
                onClick={() =>
                  void s.choose().then((chosen) => {
                    if (chosen && chosen.length > 0) void s.start(chosen);
                  })
                }
              >
                Choose files or folders…
              </button>
            ) : null}
            <label className="field">
              <span>{canChoose ? 'Or type paths, one per line' : 'Paths of files or folders, one per line'}</span>
              <textarea rows={4} value={paths} spellCheck={false} onChange={(e) => setPaths(e.target.value)} placeholder="/home/me/Downloads/article.html" />
            </label>
            <div className="actions">
              <button type="submit" className="primary" disabled={list.length === 0}>
                Read files
              </button>
            </div>
            <div className="import-other">
              <label className="field">
                <span>Or a web address (Dossier fetches this one page; nothing else goes online)</span>
                <span className="field-row">
                  <input type="url" value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
                  <button type="button" disabled={url.trim() === '' || s.fetching} onClick={() => void s.startUrl(url.trim())}>
                    {s.fetching ? 'Fetching…' : 'Fetch page'}
                  </button>
                </span>
              </label>
              <label className="field">
                <span>Or paste the text of an article</span>
                <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
              </label>
              <div className="actions left">
                <button type="button" disabled={pasted.trim() === ''} onClick={() => void s.startPaste(pasted)}>
                  Use pasted text
                </button>
              </div>
            </div>
            {error}
            <div className="actions">
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        ) : s.step === 'reading' ? (
          <div>
            <p>Reading files…</p>
            <progress aria-label="Files read" max={Math.max(1, s.status?.total ?? 1)} value={s.status?.done ?? 0} />
            <p className="muted" role="status">
              {s.status ? `${s.status.done} of ${s.status.total} files read` : 'Listing files…'}
              {s.status?.current ? ` · ${s.status.current.split(/[\\/]/).pop()}` : ''}
            </p>
            <div className="actions">
              <button type="button" onClick={() => void s.cancel()}>
                Cancel import
              </button>
            </div>
          </div>
        ) : s.step === 'review' || s.step === 'saving' ? (
          <div>
            <p role="status">
              {s.status?.total} file{s.status?.total === 1 ? '' : 's'} read. Check what Dossier found, correct it if needed, and choose what to import.
            </p>
            <div className="actions left">
              <button type="button" onClick={() => s.acceptAll(true)}>
                Accept all
              </button>
              <button type="button" onClick={() => s.acceptAll(false)}>
                Accept none
              </button>
            </div>
            <ReviewList previews={s.status?.previews ?? []} decisions={s.decisions} onDecide={s.decide} />
            {error}
            <div className="actions">
              <button type="button" onClick={close}>
                Cancel
              </button>
              <button type="button" className="primary" disabled={accepted === 0 || !datesOk || s.step === 'saving'} onClick={() => void s.commit()}>
                Import {accepted} source{accepted === 1 ? '' : 's'}
              </button>
            </div>
          </div>
        ) : (
          <div>
            <p role="status">
              {s.outcomes.filter((o) => o.status === 'imported').length} imported, {s.outcomes.filter((o) => o.status === 'duplicate').length} duplicate,{' '}
              {s.outcomes.filter((o) => o.status === 'failed').length} not imported.
            </p>
            <ul className="report-list" aria-label="Import report">
              {s.outcomes.map((o) => (
                <li key={o.file} className={o.status}>
                  <strong>{o.file.split(/[\\/]/).pop()}</strong>:{' '}
                  {o.status === 'imported'
                    ? `imported as “${o.title}”`
                    : o.status === 'duplicate'
                      ? `already in the notebook as “${o.title}”`
                      : o.status === 'new-version'
                        ? `a changed text of “${o.title}”: open it and use New version…`
                        : o.reason}
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="primary" onClick={close}>
                Close
              </button>
            </div>
          </div>
        )}
      </div>
    </Modal>
  );
}
