/** The notebook-wide "Annotations" view: filter by kind and tag, sort, open a passage. */
import { useEffect, useMemo } from 'react';
import type { AnnotationKind } from '../../../../shared/domain/annotation';
import { KindSelect } from '../../components/KindSelect';
import { pick } from '../../lib/store';
import { useEntities } from '../entities/store';
import { AnnotationTable } from './components/AnnotationTable';
import { authorsOf, filterAndSort, tagsOf, useAnnotationList, type AnnotationItem, type SortOrder } from './store';

export function AnnotationsView({ onOpen }: { onOpen(item: AnnotationItem): void }) {
  const { items, loaded, error, filters, load, setFilters } = useAnnotationList(pick((s) => ({ items: s.items, loaded: s.loaded, error: s.error, filters: s.filters, load: s.load, setFilters: s.setFilters })));
  useEffect(() => {
    void load();
  }, [load]);
  const shown = useMemo(() => filterAndSort(items, filters), [items, filters]);
  const tags = useMemo(() => tagsOf(items), [items]);
  const authors = useMemo(() => authorsOf(items), [items]);
  const entities = useEntities((s) => s.list);
  const loadEntities = useEntities((s) => s.load);
  useEffect(() => {
    void loadEntities();
  }, [loadEntities]);
  const entityNames = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);
  return (
    <main className="annotations-view" aria-label="All annotations of the notebook">
      <div className="filters">
        <label>
          Kind{' '}
          <KindSelect<AnnotationKind | 'all'> value={filters.kind} onChange={(kind) => setFilters({ kind })} all="All kinds" />
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
          Sort by{' '}
          <select value={filters.sort} onChange={(e) => setFilters({ sort: e.target.value as SortOrder })}>
            <option value="source-date">Source date</option>
            <option value="created">Newest first</option>
          </select>
        </label>
        <span className="count" role="status">
          {shown.length === items.length ? `${items.length} annotations` : `${shown.length} of ${items.length} annotations`}
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
