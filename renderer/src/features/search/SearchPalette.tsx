/**
 * The search palette: Ctrl/Cmd+K anywhere. Results come as the user types; the arrow keys walk
 * them and Enter opens the one marked — an entity's page, an annotation in its source, or a
 * source at the words found. "All results" opens the full search view with the same query.
 */
import { pick } from '../../lib/store';
import { useEffect, useRef, useState } from 'react';
import { useNavigation } from '../../lib/navigation';
import { itemId, itemsOf, SearchResultsList, type SearchItem } from './components/SearchResultsList';
import { SearchHelp } from './components/SearchHelp';
import { SearchNotes } from './components/SearchNotes';
import { useSearch, type SearchResults } from './store';

/** Opens a result where it belongs. */
export function openItem(item: SearchItem): void {
  const nav = useNavigation.getState();
  if (item.group === 'entity') void nav.openEntity(item.hit.id);
  else if (item.group === 'annotation') void nav.openPassage(item.hit.sourceId, item.hit.id);
  else void nav.openSource(item.hit.id, item.hit.hit);
}

/** Arrow keys and Enter over a result list, from the search box. New results start at the first item. */
export function useResultKeys(results: SearchResults | null, onOpen: (item: SearchItem) => void) {
  const [state, setState] = useState<{ results: SearchResults | null; active: number }>({ results, active: 0 });
  const items = results ? itemsOf(results) : [];
  const active = state.results === results ? Math.min(state.active, Math.max(0, items.length - 1)) : 0;
  const setActive = (i: number) => setState({ results, active: i });
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(items.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      if (items[next]) document.getElementById(itemId(items[next]))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && items[active]) {
      e.preventDefault();
      onOpen(items[active]);
    }
  };
  return { items, active, setActive, onKeyDown };
}

export function SearchPalette() {
  const { paletteOpen, query, results, error, busy, setQuery, closePalette } = useSearch(
    pick((s) => ({ paletteOpen: s.paletteOpen, query: s.query, results: s.results, error: s.error, busy: s.busy, setQuery: s.setQuery, closePalette: s.closePalette })),
  );
  const show = useNavigation((s) => s.show);
  const dialog = useRef<HTMLDialogElement>(null);
  const [help, setHelp] = useState(false);
  const open = (item: SearchItem) => {
    closePalette();
    openItem(item);
  };
  const keys = useResultKeys(results, open);
  const { items } = keys;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (paletteOpen && !d.open) d.showModal();
    if (!paletteOpen && d.open) d.close();
  }, [paletteOpen]);

  const empty = query.trim() !== '' && results && !busy && items.length === 0;
  return (
    <dialog
      ref={dialog}
      className="search-palette"
      aria-label="Search"
      onCancel={(e) => {
        e.preventDefault();
        closePalette();
      }}
      onClick={(e) => e.target === dialog.current && closePalette()}
    >
      {paletteOpen ? (
        <div className="search-palette-body">
          <div className="search-field">
            <input
              type="search"
              autoFocus
              aria-label="Search the notebook"
              aria-controls="search-palette-results"
              aria-activedescendant={items[keys.active] ? itemId(items[keys.active]) : undefined}
              placeholder="Search sources, annotations, entities… (typos are fine)"
              value={query}
              onChange={(e) => void setQuery(e.target.value)}
              onKeyDown={keys.onKeyDown}
            />
            <button type="button" className="small link" aria-expanded={help} onClick={() => setHelp(!help)}>
              Syntax
            </button>
          </div>
          {help ? <SearchHelp /> : null}
          <SearchNotes problems={results?.problems ?? []} error={error} />
          <div id="search-palette-results" className="search-palette-results">
            {results && items.length > 0 ? <SearchResultsList results={results} active={keys.active} onOpen={open} onHover={keys.setActive} /> : null}
            {empty ? <p className="pane-note">Nothing matches “{query}”. Check the spelling of names with several words, or remove a filter.</p> : null}
            {query.trim() === '' && !help ? (
              <p className="pane-note">
                Type a name, a figure, a phrase in quotes, or a filter such as <code>kind:figure</code>. ↑ ↓ to choose, Enter to open.
              </p>
            ) : null}
          </div>
          {results && items.length > 0 ? (
            <div className="search-palette-foot">
              <span>↑ ↓ choose · Enter open · Esc close</span>
              <button
                type="button"
                className="small link"
                onClick={() => {
                  closePalette();
                  show('search');
                }}
              >
                All results
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
