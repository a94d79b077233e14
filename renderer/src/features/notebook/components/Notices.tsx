/** Messages about the notebook as a whole: why it could not be reopened, files set aside, upgrades. */
import type { NotebookInfo } from '../../../../../shared/domain/notebook';

export function StartupProblem({ message }: { message: string }) {
  return (
    <div className="notice warning" role="alert">
      {message}
    </div>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function NotebookNotices({ notebook, newestSnapshot, onSnapshots }: { notebook: NotebookInfo; newestSnapshot?: { takenAt: string } | null; onSnapshots?: () => void }) {
  return (
    <>
      {notebook.problems.length > 0 ? (
        <div className="notice warning" role="alert">
          <strong>Some files of this notebook could not be read.</strong> None was changed or deleted, and the rest of the notebook is open:
          <ul>
            {notebook.problems.map((p) => (
              <li key={p.file}>
                <code>{p.file}</code>: {p.message}
                {p.message.endsWith('.') ? '' : '.'}
                {p.keptAt ? (
                  <>
                    {' '}
                    Kept at <code>{p.keptAt}</code>.
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {newestSnapshot && onSnapshots ? (
            <p>
              A snapshot of this notebook from {when(newestSnapshot.takenAt)} can be restored.{' '}
              <button type="button" onClick={onSnapshots}>
                See snapshots…
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
      {notebook.readOnly ? (
        <div className="notice info" role="status">
          <strong>Open read-only:</strong> {notebook.readOnly}. You can read, search and export everything; changes are refused. To work in this notebook, copy its folder somewhere you can write and
          open the copy.
        </div>
      ) : null}
      {notebook.migratedFrom !== null ? (
        <div className="notice info" role="status">
          This notebook was upgraded from an older Dossier format (version {notebook.migratedFrom}). The original file was kept in the notebook folder.
        </div>
      ) : null}
    </>
  );
}

export function NoNotebook({ onCommand }: { onCommand(command: 'notebook:new' | 'notebook:open' | 'notebook:recreateSample'): void }) {
  return (
    <main className="welcome">
      <h1>No notebook is open</h1>
      <p>A notebook holds one story: its sources, your highlights and notes, and the people and organisations in it.</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => onCommand('notebook:new')}>
          New notebook…
        </button>
        <button type="button" onClick={() => onCommand('notebook:open')}>
          Open notebook…
        </button>
        <button type="button" onClick={() => onCommand('notebook:recreateSample')}>
          Open the sample notebook
        </button>
      </div>
    </main>
  );
}
