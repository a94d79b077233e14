/**
 * Linking entities to an annotation: chips for the linked ones and a box that finds entities by
 * name or alias, typos and spelling variants included (fuse.js).
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Entity } from '../../../../../shared/domain/entity';
import { entitySearch } from '../../entities/search';

export interface EntityPickerProps {
  entities: Entity[];
  value: string[];
  onChange(ids: string[]): void;
}

export function EntityPicker({ entities, value, onChange }: EntityPickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const search = useMemo(() => entitySearch(entities), [entities]);
  const matches = query.trim() ? search(query, 8).filter((e) => !value.includes(e.id)) : [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const add = (entityId: string) => {
    onChange([...value, entityId]);
    setQuery('');
    setActive(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive(Math.min(active + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
    else if (e.key === 'Enter' && matches[active]) add(matches[active].id);
    else return;
    e.preventDefault();
  };
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>Entities</label>
      <div className="tag-input">
        {value.map((v) => (
          <span key={v} className="tag-chip entity-chip">
            {byId.get(v)?.name ?? 'Deleted entity'}
            <button type="button" aria-label={`Unlink ${byId.get(v)?.name ?? v}`} onClick={() => onChange(value.filter((x) => x !== v))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          placeholder={value.length === 0 ? 'Link a person, operation, unit…' : ''}
        />
      </div>
      {matches.length > 0 ? (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-label="Matching entities">
          {matches.map((e, i) => (
            <li key={e.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={(ev) => ev.preventDefault()} onClick={() => add(e.id)}>
              {e.name}
              {e.aliases.length > 0 ? <span className="muted"> · {e.aliases.slice(0, 2).join(' · ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
