/**
 * The notebook's automatic snapshots: when each was taken and what the notebook held then, a
 * button to take one now, and Restore — asked once more, since it puts every annotation, entity
 * and note back as it was (the present is kept as a snapshot, so it can be undone).
 */
import { useEffect, useState } from 'react';
import { Modal } from '../../../components/Modal';
import { formatBytes } from '../../../lib/format';
import type { ApiError } from '../../../../../shared/api/result';
import type { Outcome, RunningTask, SnapshotChange, SnapshotInfo } from '../store';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SnapshotsDialog(props: {
  snapshots: SnapshotInfo[] | null;
  busy: boolean;
  task: RunningTask | null;
  onLoad(): void;
  onTake(): Promise<Outcome>;
  onRestore(name: string, forTeam: boolean): Promise<Outcome>;
  /** What colleagues changed since a snapshot (asked for a shared notebook before it is restored). */
  onChanges(name: string): Promise<SnapshotChange[] | { error: ApiError }>;
  onClose(): void;
  /** The notebook is shared: a restore rolls back only the reporter's own edits, unless they choose the team's too. */
  shared: boolean;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [asking, setAsking] = useState<SnapshotInfo | null>(null);
  const [forTeam, setForTeam] = useState(false);
  const [changes, setChanges] = useState<{ name: string; list: SnapshotChange[] | { error: ApiError } } | null>(null);
  const { onLoad, onChanges, shared } = props;
  useEffect(() => {
    onLoad();
  }, [onLoad]);
  // A shared notebook: before a restore, what colleagues changed since that snapshot is shown.
  const askingName = asking?.name ?? null;
  useEffect(() => {
    if (!shared || askingName === null) return;
    let current = true;
    void onChanges(askingName).then((list) => {
      if (current) setChanges({ name: askingName, list });
    });
    return () => {
      current = false;
    };
  }, [shared, askingName, onChanges]);
  const theirs = changes && askingName === changes.name ? changes.list : null;
  const list = props.snapshots;
  return (
    <Modal title="Snapshots" onClose={props.onClose}>
      <p className="dialog-intro">
        While you edit, Dossier keeps a snapshot of this notebook’s annotations, entities and notes every hour: those of the last 24 hours, and one a day for a week. Sources and their texts are never
        removed, so every snapshot can use them.
      </p>
      {list === null ? (
        <p role="status">Reading the snapshots…</p>
      ) : list.length === 0 ? (
        <p className="empty-note">No snapshots yet. One is taken after the first hour of edits, or take one now.</p>
      ) : (
        <ul className="snapshot-list" aria-label="Snapshots">
          {list.map((s) => (
            <li key={s.name}>
              <span className="snapshot-when">
                {when(s.takenAt)}
                {s.name.endsWith('-before-restore.zip') ? <span className="badge muted">before a restore</span> : null}
              </span>
              <span className="snapshot-what">
                {s.problem ? (
                  <span className="error-text">Cannot be restored: {s.problem}</span>
                ) : (
                  `${s.sources} sources · ${s.annotations} annotations · ${s.entities} entities · ${formatBytes(s.bytes)}`
                )}
              </span>
              <button
                type="button"
                disabled={props.busy || s.problem !== null}
                aria-label={`Restore the snapshot of ${when(s.takenAt)}`}
                onClick={() => {
                  setChanges(null);
                  setAsking(s);
                }}
              >
                Restore…
              </button>
            </li>
          ))}
        </ul>
      )}
      {asking ? (
        <div className="replace-question snapshot-question" role="group" aria-label="Restore this snapshot?">
          <p>
            Put the notebook back as it was on {when(asking.takenAt)}? Annotations, entities and notes made since then leave the notebook, but how it is now is kept as a snapshot first, so you can
            come back to it.
          </p>
          {props.shared ? (
            <>
              <p>
                {forTeam
                  ? 'This notebook is shared: the whole team’s notebook goes back to this snapshot, colleagues’ changes since included.'
                  : 'This notebook is shared: only your own edits since then are rolled back, for the team too. What colleagues changed since stays as it is.'}
              </p>
              <ColleagueChanges changes={theirs} forTeam={forTeam} />
              <label className="field-inline">
                <input type="checkbox" checked={forTeam} onChange={(e) => setForTeam(e.target.checked)} />
                Roll back what colleagues changed since as well (each of their versions stays listed in Conflicts, where anyone can choose it back)
              </label>
            </>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => setAsking(null)}>
              Keep the notebook as it is
            </button>
            <button
              type="button"
              className="primary"
              disabled={props.busy}
              onClick={async () => {
                const name = asking.name;
                setAsking(null);
                setOutcome(await props.onRestore(name, props.shared && forTeam));
              }}
            >
              Restore
            </button>
          </div>
        </div>
      ) : null}
      {props.task ? (
        <p role="status">{props.task.step}…</p>
      ) : outcome ? (
        'done' in outcome ? (
          <p role="status" className="snapshot-done">
            {outcome.done}
          </p>
        ) : 'error' in outcome ? (
          <p role="alert" className="error-text">
            {outcome.error.message}
          </p>
        ) : null
      ) : null}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button type="button" disabled={props.busy} onClick={async () => setOutcome(await props.onTake())}>
          Take a snapshot now
        </button>
      </div>
    </Modal>
  );
}

const HOW: Record<SnapshotChange['how'], string> = { added: 'added', edited: 'changed', deleted: 'deleted' };

/** What colleagues changed since the snapshot: kept by a restore, or rolled back with the team's choice. */
function ColleagueChanges(props: { changes: SnapshotChange[] | { error: ApiError } | null; forTeam: boolean }) {
  const { changes, forTeam } = props;
  if (changes === null) return <p role="status">Reading what colleagues changed since then…</p>;
  if ('error' in changes)
    return (
      <p role="alert" className="error-text">
        Could not read what colleagues changed since then: {changes.error.message}
      </p>
    );
  if (changes.length === 0) return <p className="empty-note">No colleague has changed anything since then.</p>;
  const n = changes.length;
  return (
    <div className="snapshot-changes">
      <p>
        {forTeam ? (
          <strong>
            {n === 1
              ? 'This change by a colleague will be rolled back for everyone; their version stays listed in Conflicts:'
              : `These ${n} changes by colleagues will be rolled back for everyone; each of their versions stays listed in Conflicts:`}
          </strong>
        ) : (
          `Since then, colleagues made ${n === 1 ? 'this change' : `these ${n} changes`}, which the restore keeps:`
        )}
      </p>
      <ul aria-label="What colleagues changed since then">
        {changes.map((c) => (
          <li key={c.id}>
            <span className="who">{c.by ?? 'Someone unnamed'}</span> {HOW[c.how]} {c.what} <span className="muted">· {when(c.at)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
