/**
 * Notebook → Conflicts…: every record changed on two laptops at once, its versions side by side
 * with who made each and when, the fields in which they differ first. Nothing is chosen until the
 * reporter chooses: keep one version, combine two notes (or two summaries) into one, or — when
 * one side deleted the record — keep it deleted or undo the deletion.
 */
import { useState } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import type { ConflictVersion, SyncConflict } from '../../../../../shared/domain/sync';
import { ErrorLine } from '../../../components/ErrorLine';
import { Modal } from '../../../components/Modal';

type Body = Record<string, unknown>;
const bodyOf = (v: ConflictVersion): Body => (v.body && typeof v.body === 'object' ? (v.body as Body) : {});

const KIND: Record<SyncConflict['kind'], string> = {
  notebook: 'The notebook’s name',
  source: 'A source’s details',
  annotation: 'An annotation',
  entity: 'An entity',
  distinct: 'A “not the same” pair',
  dismissed: 'A dismissed suggestion',
  resolution: 'A fact-sheet resolution',
  summary: 'A fact-sheet summary',
  text: 'A source text',
  original: 'An original file',
};

const FIELD: Record<string, string> = {
  note: 'Note',
  tags: 'Tags',
  entityIds: 'Linked entities',
  kind: 'Kind',
  figure: 'Figure',
  speakerId: 'Speaker',
  eventDate: 'Event date',
  name: 'Name',
  aliases: 'Aliases',
  text: 'Text',
  value: 'Value',
  upper: 'Upper value',
  title: 'Title',
  outlet: 'Outlet',
  published: 'Date',
  byline: 'Byline',
  type: 'Type',
  mergedInto: 'Merged into',
};

/** What the record is, in words: the quoted passage, the entity's name, the metric. */
function subject(c: SyncConflict): string {
  const live = c.versions.find((v) => !v.deleted);
  const b = live ? bodyOf(live) : {};
  const quote = (b.target as { quote?: { exact?: string } } | undefined)?.quote?.exact;
  if (quote) return `“${quote.length > 140 ? `${quote.slice(0, 137)}…` : quote}”`;
  if (typeof b.name === 'string') return b.name;
  if (typeof b.metric === 'string') return b.metric;
  if (typeof b.title === 'string') return b.title;
  return c.id;
}

/** When and by whom: each version's header says it already. */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'resolvedAt', 'resolvedBy']);

/** Fields whose values differ between the versions still standing (timestamps and authors left out). */
function differing(c: SyncConflict): string[] {
  const bodies = c.versions.filter((v) => !v.deleted).map(bodyOf);
  const keys = [...new Set(bodies.flatMap((b) => Object.keys(b)))].filter((k) => !BOOKKEEPING.has(k));
  return keys.filter((k) => new Set(bodies.map((b) => JSON.stringify(b[k] ?? null))).size > 1);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  return JSON.stringify(value);
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'at a time not recorded');

/** The field two people can each have written, combined by hand. */
const combinable = (c: SyncConflict): 'note' | 'text' | null => (c.kind === 'annotation' ? 'note' : c.kind === 'summary' ? 'text' : null);

function ConflictCard({ conflict, busy, onResolve }: { conflict: SyncConflict; busy: boolean; onResolve(choice: { keep: string } | { body: unknown }): void }) {
  const fields = differing(conflict);
  const field = combinable(conflict);
  const standing = conflict.versions.filter((v) => !v.deleted);
  const [combining, setCombining] = useState<string | null>(null);
  const anyDeleted = conflict.versions.some((v) => v.deleted);
  return (
    <li className="conflict">
      <h3>
        {KIND[conflict.kind]}: <span className="conflict-subject">{subject(conflict)}</span>
      </h3>
      <div className="conflict-versions" role="group" aria-label="Versions">
        {conflict.versions.map((v) => {
          const b = bodyOf(v);
          const who = v.by ?? 'Someone unnamed';
          return (
            <section key={v.rev} className="conflict-version" aria-label={`${who}’s version`}>
              <p className="conflict-who">
                <strong>{who}</strong> · {when(v.at)} {v.winner ? <span className="badge muted">shown now</span> : null}
              </p>
              {v.deleted ? (
                <p className="conflict-deleted">Deleted it.</p>
              ) : (
                <dl>
                  {(fields.length > 0 ? fields : Object.keys(b).slice(0, 3)).map((f) => (
                    <div key={f}>
                      <dt>{FIELD[f] ?? f}</dt>
                      <dd>{show(b[f])}</dd>
                    </div>
                  ))}
                </dl>
              )}
              <button type="button" disabled={busy} onClick={() => onResolve({ keep: v.rev })}>
                {v.deleted ? 'Keep it deleted' : anyDeleted ? `Keep ${who}’s (undo the deletion)` : `Keep ${who}’s version`}
              </button>
            </section>
          );
        })}
      </div>
      {field && standing.length >= 2 ? (
        combining === null ? (
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() =>
              setCombining(
                standing
                  .map((v) => show(bodyOf(v)[field]).replace(/^—$/, ''))
                  .filter((t) => t !== '')
                  .join('\n\n'),
              )
            }
          >
            Combine the {field === 'note' ? 'notes' : 'summaries'}…
          </button>
        ) : (
          <div className="conflict-combine">
            <label className="field">
              <span>Combined {field === 'note' ? 'note' : 'summary'}</span>
              <textarea value={combining} rows={4} onChange={(e) => setCombining(e.target.value)} autoFocus />
            </label>
            <div className="actions">
              <button type="button" onClick={() => setCombining(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  onResolve({
                    body: { ...bodyOf(standing.find((v) => v.winner) ?? standing[0]), [field]: combining, ...(conflict.kind === 'annotation' ? { updatedAt: new Date().toISOString() } : {}) },
                  })
                }
              >
                Keep the combined version
              </button>
            </div>
          </div>
        )
      ) : null}
    </li>
  );
}

export function ConflictsPanel(props: {
  conflicts: SyncConflict[] | null;
  shared: boolean;
  busy: boolean;
  error: ApiError | null;
  onResolve(id: string, choice: { keep: string } | { body: unknown }): void;
  onClose(): void;
}) {
  return (
    <Modal title="Conflicts" onClose={props.onClose}>
      <p className="dialog-intro">Records changed on two laptops at once. Every version is kept until someone chooses; the choice is made for the whole team.</p>
      {!props.shared ? (
        <p className="empty-note">This notebook is not shared, so nothing can conflict. Share it with Notebook → Share….</p>
      ) : props.conflicts === null ? (
        <p role="status">Reading the conflicts…</p>
      ) : props.conflicts.length === 0 ? (
        <p className="empty-note">No conflicts: nothing was changed on two laptops at once.</p>
      ) : (
        <ul className="conflict-list" aria-label="Records in conflict">
          {props.conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} busy={props.busy} onResolve={(choice) => props.onResolve(c.id, choice)} />
          ))}
        </ul>
      )}
      <ErrorLine error={props.error} />
      <div className="actions">
        <button type="button" className="primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
