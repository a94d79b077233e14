/**
 * Who speaks in a quote: a box that finds people by name or alias (typos included), and offers to
 * create the person when nobody matches the name typed — quoting someone who is not an entity yet
 * is common. The person is created when the annotation is saved, not before.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Entity } from '../../../../../shared/domain/entity';
import { entitySearch } from '../../entities/search';

/** A speaker: a person of the notebook, or one to create on save. */
export type Speaker = { id: string } | { newName: string } | null;

export interface SpeakerPickerProps {
  people: Entity[];
  value: Speaker;
  onChange(speaker: Speaker): void;
}

type Option = { kind: 'person'; entity: Entity } | { kind: 'create'; name: string };

export function SpeakerPicker({ people, value, onChange }: SpeakerPickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const search = useMemo(() => entitySearch(people), [people]);
  const typed = query.replace(/\s+/g, ' ').trim();
  const options: Option[] = [];
  if (typed) {
    for (const entity of search(typed, 6)) options.push({ kind: 'person', entity });
    const same = (n: string) => n.toLocaleLowerCase() === typed.toLocaleLowerCase();
    if (!people.some((p) => same(p.name) || p.aliases.some(same))) options.push({ kind: 'create', name: typed });
  }
  const choose = (o: Option) => {
    onChange(o.kind === 'person' ? { id: o.entity.id } : { newName: o.name });
    setQuery('');
    setActive(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive(Math.min(active + 1, options.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
    else if (e.key === 'Enter' && options[active]) choose(options[active]);
    else return;
    e.preventDefault();
  };
  const chosen = value === null ? null : 'id' in value ? (people.find((p) => p.id === value.id)?.name ?? 'Deleted person') : value.newName;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>Speaker</label>
      <div className="tag-input">
        {chosen !== null ? (
          <span className="tag-chip entity-chip">
            {chosen}
            {value && 'newName' in value ? <span className="muted"> (new person)</span> : null}
            <button type="button" aria-label={`Remove speaker ${chosen}`} onClick={() => onChange(null)}>
              ×
            </button>
          </span>
        ) : null}
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-describedby={`${id}-hint`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          placeholder={chosen === null ? 'Who says it? Type a name' : 'Type to change'}
        />
      </div>
      <span id={`${id}-hint`} className="muted field-hint">
        {chosen === null ? 'Not named yet.' : `The quote will be on ${chosen}'s page and fact sheet.`}
      </span>
      {options.length > 0 ? (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-label="People">
          {options.map((o, i) => (
            <li
              key={o.kind === 'person' ? o.entity.id : 'create'}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => choose(o)}
            >
              {o.kind === 'person' ? (
                <>
                  {o.entity.name}
                  {o.entity.aliases.length > 0 ? <span className="muted"> · {o.entity.aliases.slice(0, 2).join(' · ')}</span> : null}
                </>
              ) : (
                <>Create person “{o.name}”</>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
