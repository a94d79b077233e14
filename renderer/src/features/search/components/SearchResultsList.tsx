/**
 * Search results in groups — entities, annotations, sources — with the matched words marked.
 * Presentational: the container says which item is active and what opening one does. Every item
 * is an option with an id, so the list can be walked with the arrow keys from the search box.
 */
import { ENTITY_TYPE_LABEL } from '../../../../../shared/domain/entity';
import { formatPartialDate } from '../../../../../shared/domain/dates';
import { quoteMarksFor } from '../../../../../shared/domain/quotes';
import type { SearchResults } from '../store';
import { Marked } from './Marked';

export type SearchItem =
  { group: 'entity'; hit: SearchResults['entities'][number] } | { group: 'annotation'; hit: SearchResults['annotations'][number] } | { group: 'source'; hit: SearchResults['sources'][number] };

/** The items in the order they are shown (and walked). */
export function itemsOf(results: SearchResults): SearchItem[] {
  return [
    ...results.entities.map((hit) => ({ group: 'entity' as const, hit })),
    ...results.annotations.map((hit) => ({ group: 'annotation' as const, hit })),
    ...results.sources.map((hit) => ({ group: 'source' as const, hit })),
  ];
}

export const itemId = (item: SearchItem) => `search-${item.group}-${item.hit.id}`;

const KIND_LABEL: Record<string, string> = { passage: 'Passage', figure: 'Figure', quote: 'Quote', question: 'Question', event: 'Event' };

function where(outlet: string | null, published: string | null): string {
  return `${outlet ?? 'Outlet unknown'} · ${published ? formatPartialDate(published) : 'undated'}`;
}

export interface SearchResultsListProps {
  results: SearchResults;
  active: number;
  onOpen(item: SearchItem): void;
  onHover?(index: number): void;
}

export function SearchResultsList({ results, active, onOpen, onHover }: SearchResultsListProps) {
  const items = itemsOf(results);
  const { totals } = results;
  const group = (name: SearchItem['group'], title: string, total: number, more = false) => {
    const list = items.map((item, index) => ({ item, index })).filter(({ item }) => item.group === name);
    if (list.length === 0) return null;
    return (
      <section className="search-group" aria-label={title}>
        <h3>
          {title} <span className="count">{list.length < total ? `${list.length} of ${total.toLocaleString()}${more ? '+' : ''}` : total.toLocaleString()}</span>
        </h3>
        <ul role="listbox" aria-label={title}>
          {list.map(({ item, index }) => (
            // The option is what is chosen (no button inside it: an option holds no other control);
            // the search box keeps the focus and points at it with aria-activedescendant.
            <li
              key={itemId(item)}
              id={itemId(item)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search-item active' : 'search-item'}
              onClick={() => onOpen(item)}
              onMouseMove={() => onHover?.(index)}
            >
              <ItemBody item={item} />
            </li>
          ))}
        </ul>
      </section>
    );
  };
  return (
    <div className="search-results">
      {group('entity', 'Entities', totals.entities)}
      {group('annotation', 'Annotations', totals.annotations)}
      {group('source', 'Sources', totals.sources, totals.more)}
    </div>
  );
}

function ItemBody({ item }: { item: SearchItem }) {
  if (item.group === 'entity') {
    const e = item.hit;
    return (
      <>
        <span className="search-line">
          <strong>
            <Marked {...e.name} />
          </strong>{' '}
          <span className="search-tag">{ENTITY_TYPE_LABEL[e.type]}</span>
        </span>
        {e.alias ? (
          <span className="search-sub">
            spelt “<Marked {...e.alias} />”
          </span>
        ) : null}
      </>
    );
  }
  if (item.group === 'annotation') {
    const a = item.hit;
    const [open, close] = quoteMarksFor(a.quote.text);
    return (
      <>
        <span className="search-line">
          <span className={`search-tag kind-${a.kind}`}>{KIND_LABEL[a.kind]}</span>{' '}
          <span className="search-quote" dir="auto">
            {open}
            <Marked {...a.quote} />
            {close}
          </span>
        </span>
        {a.note ? (
          <span className="search-sub" dir="auto">
            <Marked {...a.note} />
          </span>
        ) : null}
        <span className="search-where">
          {a.sourceTitle} — {where(a.outlet, a.published)}
          {a.linkedTo ? ` · linked to ${a.linkedTo}` : ''}
        </span>
      </>
    );
  }
  const s = item.hit;
  return (
    <>
      <span className="search-line">
        <strong dir="auto">
          <Marked {...s.title} />
        </strong>
      </span>
      <span className="search-sub" dir="auto">
        <Marked {...s.snippet} />
      </span>
      <span className="search-where">{where(s.outlet, s.published)}</span>
    </>
  );
}
