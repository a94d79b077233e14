/** The library and the annotated reader side by side; the list can be filtered, sorted and edited in bulk. */
import { useMemo, type ReactNode } from 'react';
import { Splitter } from '../../components/Splitter';
import { usePaneWidth } from '../settings';
import { BulkEdit } from './components/BulkEdit';
import { LibraryFilters } from './components/LibraryFilters';
import { SourceList } from './components/SourceList';
import { correspondentsOf, filterSources, outletsOf } from './filter';
import { useLibrary } from './store';
import { useImport } from '../import';

/** The library beside the reader of the open source (`reader`: the annotate feature's, given by the shell). */
export function LibraryView({ reader }: { reader: ReactNode }) {
  const sources = useLibrary((s) => s.sources);
  const selectedId = useLibrary((s) => s.selectedId);
  const error = useLibrary((s) => s.error);
  const filter = useLibrary((s) => s.filter);
  const checked = useLibrary((s) => s.checked);
  const { select, setFilter, setSelecting, toggleChecked, setChecked, updateMeta } = useLibrary.getState();
  const shown = useMemo(() => filterSources(sources, filter), [sources, filter]);
  const outlets = useMemo(() => outletsOf(sources), [sources]);
  const correspondents = useMemo(() => correspondentsOf(sources), [sources]);
  // Only what is ticked and shown is edited: a filter typed since never hides a source that would change.
  const ticked = useMemo(() => (checked ? shown.filter((s) => checked.has(s.id)).map((s) => s.id) : []), [checked, shown]);
  const pane = usePaneWidth('library');
  return (
    <div className="library" style={{ gridTemplateColumns: `${pane.width}px auto minmax(0, 1fr)` }}>
      <nav className="library-pane" aria-label="Library">
        <div className="library-head">
          <h2 className="pane-heading">
            Sources <span className="count">{sources.length}</span>
          </h2>
          {sources.length > 0 && !checked ? (
            <button type="button" className="small" onClick={() => setSelecting(true)} title="Tick several sources to set their date or outlet at once">
              Edit several…
            </button>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="error-text pane-note">
            {error.message}
          </p>
        ) : sources.length === 0 ? (
          <div className="pane-note empty-teach">
            <p>This notebook has no sources yet. Bring in the articles of the story:</p>
            <ul>
              <li>saved web pages, PDFs, Word files, text and Markdown, or whole folders;</li>
              <li>dropped anywhere on this window;</li>
              <li>or text pasted from anywhere.</li>
            </ul>
            <button type="button" className="primary" onClick={() => useImport.getState().open()}>
              Import files…
            </button>
            <p className="muted small-note">Everything stays on this computer.</p>
          </div>
        ) : (
          <>
            <LibraryFilters filter={filter} outlets={outlets} correspondents={correspondents} shown={shown.length} total={sources.length} onChange={setFilter} />
            {checked ? (
              <BulkEdit
                checked={ticked.length}
                shown={shown.length}
                outlets={outlets.map((o) => o.label).filter((l) => l !== 'Outlet not named')}
                onCheckAll={() => setChecked(shown.map((s) => s.id))}
                onCheckNone={() => setChecked([])}
                onApply={(patch) => updateMeta(ticked, patch)}
                onDone={() => setSelecting(false)}
              />
            ) : null}
            {shown.length === 0 ? (
              <p className="pane-note">
                No source matches.{' '}
                <button type="button" className="link" onClick={() => setFilter({ text: '', outlet: '', from: '', to: '', undatedOnly: false })}>
                  Show all
                </button>
              </p>
            ) : (
              <SourceList sources={shown} selectedId={selectedId} onSelect={(id) => void select(id)} multi={checked ? { checked, onToggle: toggleChecked } : null} />
            )}
          </>
        )}
      </nav>
      <Splitter label="Resize the sources list" value={pane.width} min={pane.min} max={pane.max} direction={1} onChange={pane.show} onCommit={pane.keep} />
      <main className="reader-pane">{reader}</main>
    </div>
  );
}
