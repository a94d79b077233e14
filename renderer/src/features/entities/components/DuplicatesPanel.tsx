/** Entities that may be one: merge them either way, or say they are not the same. */
import type { Duplicate, EntitySummary } from '../store';

export interface DuplicatesPanelProps {
  duplicates: Duplicate[] | null;
  entities: EntitySummary[];
  busy: boolean;
  onMerge(keepId: string, mergeId: string): void;
  onDistinct(aId: string, bId: string): void;
}

export function DuplicatesPanel({ duplicates, entities, busy, onMerge, onDistinct }: DuplicatesPanelProps) {
  const name = (id: string) => entities.find((e) => e.id === id)?.name ?? id;
  return (
    <section className="entity-page" aria-label="Possible duplicates">
      <h1>Possible duplicates</h1>
      {duplicates === null ? (
        <p className="pane-note">Comparing names…</p>
      ) : duplicates.length === 0 ? (
        <p className="pane-note">No likely duplicates.</p>
      ) : (
        <ul className="suggestion-list">
          {duplicates.map((d) => (
            <li key={`${d.aId}:${d.bId}`} className="suggestion" aria-label={`${name(d.aId)} and ${name(d.bId)}`}>
              <p>
                <strong>{name(d.aId)}</strong> and <strong>{name(d.bId)}</strong>
              </p>
              <p className="muted">{d.reason}.</p>
              <div className="actions left">
                <button type="button" disabled={busy} onClick={() => onMerge(d.aId, d.bId)}>
                  Keep “{name(d.aId)}”, merge the other in
                </button>
                <button type="button" disabled={busy} onClick={() => onMerge(d.bId, d.aId)}>
                  Keep “{name(d.bId)}”
                </button>
                <button type="button" disabled={busy} onClick={() => onDistinct(d.aId, d.bId)}>
                  Not the same
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
