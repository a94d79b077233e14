/** The entities of the notebook: by type, rounds under their operation; or the search's best matches. */
import { useMemo } from 'react';
import { ENTITY_TYPE_LABEL, ENTITY_TYPES } from '../../../../../shared/domain/entity';
import { entitySearch } from '../search';
import type { EntitySummary } from '../store';

export interface EntityListProps {
  entities: EntitySummary[];
  query: string;
  selectedId: string | null;
  onQuery(q: string): void;
  onSelect(id: string): void;
}

function Row({ e, selected, depth, onSelect }: { e: EntitySummary; selected: boolean; depth: number; onSelect(id: string): void }) {
  return (
    <li>
      <button
        type="button"
        className={selected ? 'entity-row selected' : 'entity-row'}
        style={{ paddingLeft: 16 + depth * 18 }}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(e.id)}
      >
        <span className="entity-name">{e.name}</span>
        <span className="count" title="Linked passages">
          {e.linkCount}
        </span>
      </button>
    </li>
  );
}

export function EntityList({ entities, query, selectedId, onQuery, onSelect }: EntityListProps) {
  const search = useMemo(() => entitySearch(entities), [entities]);
  const results = query.trim() ? search(query, 50) : null;
  return (
    <>
      <input className="search-box" type="search" aria-label="Find an entity" placeholder="Find an entity (names and aliases)" value={query} onChange={(ev) => onQuery(ev.target.value)} />
      {results ? (
        <ul className="entity-list" aria-label="Matching entities">
          {results.length === 0 ? <li className="pane-note">No entity matches.</li> : null}
          {results.map((e) => (
            <Row key={e.id} e={e} depth={0} selected={e.id === selectedId} onSelect={onSelect} />
          ))}
        </ul>
      ) : (
        ENTITY_TYPES.map((type) => {
          const ofType = entities.filter((e) => e.type === type && (e.parentId === null || !entities.some((p) => p.id === e.parentId)));
          if (ofType.length === 0) return null;
          return (
            <section key={type} aria-label={ENTITY_TYPE_LABEL[type]}>
              <h3 className="pane-heading">{ENTITY_TYPE_LABEL[type]}</h3>
              <ul className="entity-list">
                {ofType.flatMap((e) => [
                  <Row key={e.id} e={e} depth={0} selected={e.id === selectedId} onSelect={onSelect} />,
                  ...entities.filter((r) => r.parentId === e.id).map((r) => <Row key={r.id} e={r} depth={1} selected={r.id === selectedId} onSelect={onSelect} />),
                ])}
              </ul>
            </section>
          );
        })
      )}
    </>
  );
}
