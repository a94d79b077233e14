/**
 * The notebook-wide "Annotations" view: filter by kind, tag, author and entity, sort, open a
 * passage. Mentions linked in one go from an entity's page are listed apart (hidden until asked
 * for), so that a "Link all 167" does not bury the reporter's own annotations.
 */
import { useEffect, useMemo } from 'react';
import { ENTITY_TYPE_LABEL, ENTITY_TYPES } from '../../../../shared/domain/entity';
import type { AnnotationKind } from '../../../../shared/domain/annotation';
import { KindSelect } from '../../components/KindSelect';
import { pick } from '../../lib/store';
import { useEntities } from '../entities';
import { AnnotationTable } from './components/AnnotationTable';
import { annotationListShown, authorsOf, filterAndSort, tagsOf, useAnnotationList, type AnnotationItem, type EntityRef, type Filters, type SortOrder } from './store';

export function AnnotationsView({ onOpen }: { onOpen(item: AnnotationItem): void }) {
  const { items, loaded, error, filters, load, setFilters } = useAnnotationList(
    pick((s) => ({ items: s.items, loaded: s.loaded, error: s.error, filters: s.filters, load: s.load, setFilters: s.setFilters })),
  );
  annotationListShown.use();
  useEffect(() => {
    void load();
  }, [load]);
  const tags = useMemo(() => tagsOf(items), [items]);
  const authors = useMemo(() => authorsOf(items), [items]);
  const entities = useEntities((s) => s.list);
  const loadEntities = useEntities((s) => s.load);
  useEffect(() => {
    void loadEntities();
  }, [loadEntities]);
  const entityNames = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);
  const refs = useMemo(() => new Map<string, EntityRef>(entities.map((e) => [e.id, e])), [entities]);
  const shown = useMemo(() => filterAndSort(items, filters, refs), [items, filters, refs]);
  // How many linked mentions the other filters let through: said beside the list when they are hidden.
  const mentionCount = useMemo(() => (filters.mentions === 'hide' ? filterAndSort(items, { ...filters, mentions: 'only' }, refs).length : 0), [items, filters, refs]);
  const living = useMemo(() => entities.filter((e) => e.mergedInto === null && e.linkCount > 0), [entities]);
  return (
    <main className="annotations-view" aria-label="All annotations of the notebook">
      <div className="filters">
        <label>
          Kind <KindSelect<AnnotationKind | 'all'> value={filters.kind} onChange={(kind) => setFilters({ kind })} all="All kinds" />
        </label>
        <label>
          Tag{' '}
          <select value={filters.tag} onChange={(e) => setFilters({ tag: e.target.value })}>
            <option value="all">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {authors.length > 0 || filters.author !== 'all' ? (
          <label>
            Made or changed by{' '}
            <select value={filters.author} onChange={(e) => setFilters({ author: e.target.value })}>
              <option value="all">Anyone</option>
              {authors.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Entity{' '}
          <select value={filters.entity} onChange={(e) => setFilters({ entity: e.target.value })}>
            <option value="all">Any entity</option>
            {ENTITY_TYPES.map((type) => {
              const list = living.filter((e) => e.type === type);
              return list.length === 0 ? null : (
                <optgroup key={type} label={ENTITY_TYPE_LABEL[type]}>
                  {list.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name} ({e.linkCount})
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
        <label>
          Linked mentions{' '}
          <select value={filters.mentions} onChange={(e) => setFilters({ mentions: e.target.value as Filters['mentions'] })}>
            <option value="hide">Not listed</option>
            <option value="show">Listed with the rest</option>
            <option value="only">Only them</option>
          </select>
        </label>
        <label>
          Sort by{' '}
          <select value={filters.sort} onChange={(e) => setFilters({ sort: e.target.value as SortOrder })}>
            <option value="source-date">Source date</option>
            <option value="created">Newest first</option>
          </select>
        </label>
        <span className="count" role="status">
          {shown.length === items.length ? `${items.length} annotations` : `${shown.length} of ${items.length} annotations`}
          {mentionCount > 0 ? ` · ${mentionCount} linked mention${mentionCount === 1 ? '' : 's'} not listed` : ''}
        </span>
      </div>
      {error ? (
        <p role="alert" className="error-text pane-note">
          {error.message}
        </p>
      ) : loaded && items.length === 0 ? (
        <p className="pane-note empty-note">No annotations yet. Open a source, select words, and press H to highlight them or N to write a note.</p>
      ) : loaded && shown.length === 0 ? (
        <p className="pane-note empty-note">No annotation matches these filters.</p>
      ) : (
        <AnnotationTable items={shown} entityNames={entityNames} onOpen={onOpen} />
      )}
    </main>
  );
}
