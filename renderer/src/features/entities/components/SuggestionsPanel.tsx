/** Entities the texts suggest: add one as new, as another name of an entity, or dismiss it for good. */
import { useState } from 'react';
import { ENTITY_TYPE_LABEL } from '../../../../../shared/domain/entity';
import type { EntitySummary, Suggestion } from '../store';

export interface SuggestionsPanelProps {
  suggestions: Suggestion[] | null;
  entities: EntitySummary[];
  busy: boolean;
  onAccept(s: Suggestion, as: { kind: 'new' } | { kind: 'alias'; entityId: string }): void;
  onDismiss(key: string): void;
}

function SuggestionCard({ s, entities, busy, onAccept, onDismiss }: { s: Suggestion; entities: EntitySummary[]; busy: boolean } & Pick<SuggestionsPanelProps, 'onAccept' | 'onDismiss'>) {
  // Pre-chosen only when the text showed it is another name of that entity: a guess here would
  // let one careless click make "Kerala" an alias of "Kerala Police Cyberdome".
  const [target, setTarget] = useState(s.aliasOf?.id ?? '');
  return (
    <li className="suggestion" aria-label={`Suggestion: ${s.name}`}>
      <p>
        <span className="kind-label">{s.aliasOf ? `Another name of ${s.aliasOf.name}` : ENTITY_TYPE_LABEL[s.type]}</span> <strong>{s.name}</strong>
        {s.aliases.length > 0 ? <span className="muted"> · also {s.aliases.join(' · ')}</span> : null}
        {s.parentName ? <span className="muted"> · round of {s.parentName}</span> : null}
      </p>
      <p className="mention-context">“{s.evidence}”</p>
      <p className="muted">{s.sourceTitle}</p>
      <div className="actions left">
        {s.aliasOf ? null : (
          <button type="button" disabled={busy} onClick={() => onAccept(s, { kind: 'new' })}>
            Add as new entity
          </button>
        )}
        <select aria-label={`Entity to add ${s.name} to`} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Alias of…</option>
          {entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !target} onClick={() => onAccept(s, { kind: 'alias', entityId: target })}>
          Add as alias
        </button>
        <button type="button" disabled={busy} onClick={() => onDismiss(s.key)}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

export function SuggestionsPanel({ suggestions, entities, busy, onAccept, onDismiss }: SuggestionsPanelProps) {
  return (
    <section className="entity-page" aria-label="Suggested entities">
      <h1>Suggested entities</h1>
      <p className="pane-note">People, organisations, places, operations, acronyms and laws the sources name that the notebook does not know yet.</p>
      {suggestions === null ? (
        <p className="pane-note">Reading the sources…</p>
      ) : suggestions.length === 0 ? (
        <p className="pane-note">No new suggestions.</p>
      ) : (
        <ul className="suggestion-list">
          {suggestions.map((s) => (
            <SuggestionCard key={s.key} s={s} entities={entities} busy={busy} onAccept={onAccept} onDismiss={onDismiss} />
          ))}
        </ul>
      )}
    </section>
  );
}
