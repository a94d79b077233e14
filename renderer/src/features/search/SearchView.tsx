/** The full search view: the same query as the palette, more results per group, and the syntax. */
import { pick } from '../../lib/store';
import { useEffect } from 'react';
import { SearchResultsList } from './components/SearchResultsList';
import { SearchHelp } from './components/SearchHelp';
import { SearchNotes } from './components/SearchNotes';
import { openItem, useResultKeys } from './SearchPalette';
import { searchShown, useSearch } from './store';

const VIEW_LIMIT = 50;

export function SearchView() {
  const { query, results, error, busy, setQuery, rerun } = useSearch(pick((s) => ({ query: s.query, results: s.results, error: s.error, busy: s.busy, setQuery: s.setQuery, rerun: s.rerun })));
  searchShown.use();
  // Once when the view opens: the query the palette handed over, with the view's longer lists.
  useEffect(() => void rerun({ limit: VIEW_LIMIT }), [rerun]);
  const keys = useResultKeys(results, openItem);
  const { items } = keys;
  return (
    <main className="search-view">
      <div className="search-view-main">
        <div className="search-field">
          <input
            type="search"
            autoFocus
            aria-label="Search the notebook"
            placeholder="Search sources, annotations, entities…"
            value={query}
            onChange={(e) => void setQuery(e.target.value, { limit: VIEW_LIMIT })}
            onKeyDown={keys.onKeyDown}
          />
        </div>
        <SearchNotes problems={results?.problems ?? []} error={error} />
        {results && items.length > 0 ? <SearchResultsList results={results} active={keys.active} onOpen={openItem} onHover={keys.setActive} /> : null}
        {query.trim() !== '' && results && !busy && items.length === 0 ? <p className="pane-note">Nothing matches “{query}”.</p> : null}
        {query.trim() === '' ? <p className="pane-note">Search every source, annotation and entity of this notebook. Nothing leaves this machine.</p> : null}
      </div>
      <aside className="search-view-help" aria-label="Search syntax">
        <h2 className="subheading">How to search</h2>
        <SearchHelp />
        <p className="pane-note">Operation names match however an outlet spells them: “p hunt 20.2” finds “P-HUNT_20.2”. Numbers match exactly: 268 never finds 269.</p>
      </aside>
    </main>
  );
}
