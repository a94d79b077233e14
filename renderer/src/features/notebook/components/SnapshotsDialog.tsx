/**
 * The notebook's automatic snapshots: when each was taken and what the notebook held then, a
 * button to take one now, and Restore — asked once more, since it puts every annotation, entity
 * and note back as it was (the present is kept as a snapshot, so it can be undone).
 */
import { useEffect, useState } from 'react';
import { Modal } from '../../../components/Modal';
import { formatBytes } from '../../../lib/format';
import type { Outcome, RunningTask, SnapshotInfo } from '../store';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SnapshotsDialog(props: {
  snapshots: SnapshotInfo[] | null;
  busy: boolean;
  task: RunningTask | null;
  onLoad(): void;
  onTake(): Promise<Outcome>;
  onRestore(name: string, forTeam: boolean): Promise<Outcome>;
  onClose(): void;
  /** The notebook is shared: a restore rolls back only the reporter's own edits, unless they choose the team's too. */
  shared: boolean;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [asking, setAsking] = useState<SnapshotInfo | null>(null);
  const [forTeam, setForTeam] = useState(false);
  const { onLoad } = props;
  useEffect(() => {
    onLoad();
  }, [onLoad]);
  const list = props.snapshots;
  return (
    <Modal title="Snapshots" onClose={props.onClose}>
      <p className="dialog-intro">
        While you edit, Dossier keeps a snapshot of this notebook’s annotations, entities and notes every hour: those of the last 24 hours, and
        one a day for a week. Sources and their texts are never removed, so every snapshot can use them.
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
              <span className="snapshot-what">{s.problem ? <span className="error-text">Cannot be restored: {s.problem}</span> : `${s.sources} sources · ${s.annotations} annotations · ${s.entities} entities · ${formatBytes(s.bytes)}`}</span>
              <button type="button" disabled={props.busy || s.problem !== null} aria-label={`Restore the snapshot of ${when(s.takenAt)}`} onClick={() => setAsking(s)}>
                Restore…
              </button>
            </li>
          ))}
        </ul>
      )}
      {asking ? (
        <div className="replace-question snapshot-question" role="group" aria-label="Restore this snapshot?">
          <p>
            Put the notebook back as it was on {when(asking.takenAt)}? Annotations, entities and notes made since then leave the notebook, but how it
            is now is kept as a snapshot first, so you can come back to it.
          </p>
          {props.shared ? (
            <>
              <p>This notebook is shared: only your own edits since then are rolled back, for the team too. What colleagues changed since stays as it is.</p>
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
