/**
 * Entities the texts suggest, one card per name, most widely named first: filter them by type and
 * words; add one as new, as another name of an entity, or dismiss it for good; or choose many and
 * add or dismiss them together. What was done is said at once.
 */
import { useMemo, useState } from 'react';
import { ENTITY_TYPE_LABEL, ENTITY_TYPES, type EntityType } from '../../../../../shared/domain/entity';
import type { EntitySummary, NamesReading, Suggestion } from '../store';

export interface SuggestionsPanelProps {
  suggestions: Suggestion[] | null;
  /** How far the reading of the sources' names is, while it runs (the cards are those read so far). */
  reading: NamesReading;
  entities: EntitySummary[];
  busy: boolean;
  notice: string | null;
  onAccept(s: Suggestion, as: { kind: 'new' } | { kind: 'alias'; entityId: string }): void;
  onDismiss(key: string): void;
  onAcceptMany(list: Suggestion[]): void;
  onDismissMany(keys: string[]): void;
}

/** Cards drawn at a time: a notebook of thousands of sources suggests thousands of names. */
const PAGE = 100;

function sourcesLine(s: Suggestion): string {
  const times = s.mentions === 1 ? 'once' : `${s.mentions} times`;
  if (s.sourceCount === 1) return `Named ${times} in ${s.sourceTitle}`;
  const others = s.sources.slice(1, 3).map((x) => x.title);
  const more = s.sourceCount - 1 - others.length;
  return `Named ${times} in ${s.sourceCount} sources: ${[s.sourceTitle, ...others].join('; ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function SuggestionCard({
  s,
  entities,
  busy,
  chosen,
  onChoose,
  onAccept,
  onDismiss,
}: { s: Suggestion; entities: EntitySummary[]; busy: boolean; chosen: boolean; onChoose(on: boolean): void } & Pick<SuggestionsPanelProps, 'onAccept' | 'onDismiss'>) {
  // Pre-chosen only when the text showed it is another name of that entity: a guess here would
  // let one careless click make "Kerala" an alias of "Kerala Police Cyberdome".
  const [target, setTarget] = useState(s.aliasOf?.id ?? '');
  return (
    <li className="suggestion" aria-label={`Suggestion: ${s.name}`}>
      <p>
        {s.aliasOf ? null : <input type="checkbox" aria-label={`Choose ${s.name}`} checked={chosen} onChange={(e) => onChoose(e.target.checked)} />}{' '}
        <span className="kind-label">{s.aliasOf ? `Another name of ${s.aliasOf.name}` : ENTITY_TYPE_LABEL[s.type]}</span> <strong>{s.name}</strong>
        {s.aliases.length > 0 ? <span className="muted"> · also {s.aliases.join(' · ')}</span> : null}
        {s.parentName ? <span className="muted"> · round of {s.parentName}</span> : null}
      </p>
      <p className="mention-context">“{s.evidence}”</p>
      <p className="muted">{sourcesLine(s)}</p>
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

export function SuggestionsPanel({ suggestions, reading, entities, busy, notice, onAccept, onDismiss, onAcceptMany, onDismissMany }: SuggestionsPanelProps) {
  const [type, setType] = useState<EntityType | ''>('');
  const [words, setWords] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const filtered = useMemo(() => {
    const wanted = words.trim().toLocaleLowerCase();
    return (suggestions ?? []).filter((s) => (type === '' || s.type === type) && (wanted === '' || [s.name, ...s.aliases, s.evidence].some((t) => t.toLocaleLowerCase().includes(wanted))));
  }, [suggestions, type, words]);
  const visible = filtered.slice(0, shown);
  const picked = filtered.filter((s) => chosen.has(s.key) && !s.aliasOf);
  const choose = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };
  const counts = useMemo(() => {
    const by = new Map<EntityType, number>();
    for (const s of suggestions ?? []) by.set(s.type, (by.get(s.type) ?? 0) + 1);
    return by;
  }, [suggestions]);
  return (
    <section className="entity-page" aria-label="Suggested entities">
      <h1>Suggested entities{suggestions ? ` (${suggestions.length}${reading ? ' so far' : ''})` : ''}</h1>
      <p className="pane-note">People, organisations, places, operations, acronyms and laws the sources name that the notebook does not know yet, one card per name, the most widely named first.</p>
      {notice ? (
        <p role="status" className="suggestion-notice">
          {notice}
        </p>
      ) : null}
      {reading ? (
        <p role="status" className="suggestion-reading">
          <progress max={reading.total} value={reading.read} aria-label="Sources read for names" /> Reading names in the sources: {reading.read.toLocaleString()} of {reading.total.toLocaleString()}.{' '}
          {suggestions?.length ? 'The cards below are those found so far; more appear as the rest is read.' : 'Cards appear here as names are found.'}
        </p>
      ) : null}
      {suggestions === null ? (
        <p className="pane-note">Reading the sources…</p>
      ) : suggestions.length === 0 ? (
        reading ? null : (
          <p className="pane-note">No new suggestions.</p>
        )
      ) : (
        <>
          <div className="suggestion-filters" role="group" aria-label="Filter the suggestions">
            <label>
              Type{' '}
              <select value={type} onChange={(e) => (setType(e.target.value as EntityType | ''), setShown(PAGE))}>
                <option value="">Every type ({suggestions.length})</option>
                {ENTITY_TYPES.filter((t) => counts.has(t)).map((t) => (
                  <option key={t} value={t}>
                    {ENTITY_TYPE_LABEL[t]} ({counts.get(t)})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Words <input type="search" value={words} onChange={(e) => (setWords(e.target.value), setShown(PAGE))} placeholder="a name, or words of its sentence" />
            </label>
          </div>
          <div className="actions left suggestion-bulk" role="group" aria-label="Choose many">
            <label className="field-inline">
              <input
                type="checkbox"
                checked={visible.length > 0 && visible.every((s) => s.aliasOf || chosen.has(s.key))}
                onChange={(e) =>
                  setChosen(e.target.checked ? new Set([...chosen, ...visible.filter((s) => !s.aliasOf).map((s) => s.key)]) : new Set([...chosen].filter((k) => !visible.some((s) => s.key === k))))
                }
              />
              Choose all {visible.length} shown
            </label>
            <button type="button" disabled={busy || picked.length === 0} onClick={() => (onAcceptMany(picked), setChosen(new Set()))}>
              Add {picked.length} as new entities
            </button>
            <button type="button" disabled={busy || picked.length === 0} onClick={() => (onDismissMany(picked.map((s) => s.key)), setChosen(new Set()))}>
              Dismiss {picked.length}
            </button>
          </div>
          {filtered.length === 0 ? <p className="pane-note">No suggestion matches these filters.</p> : null}
          <ul className="suggestion-list">
            {visible.map((s) => (
              <SuggestionCard key={s.key} s={s} entities={entities} busy={busy} chosen={chosen.has(s.key)} onChoose={(on) => choose(s.key, on)} onAccept={onAccept} onDismiss={onDismiss} />
            ))}
          </ul>
          {filtered.length > shown ? (
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, filtered.length - shown)} more of {filtered.length - shown}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
