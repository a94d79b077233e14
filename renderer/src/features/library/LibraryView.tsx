/** The library and the reader side by side, over the library store. */
import { useLibrary } from './store';
import { Reader, type ReaderProps } from './components/Reader';
import { SourceList } from './components/SourceList';

export function LibraryView() {
  const { sources, selectedId, reader, select, error } = useLibrary();
  const readerProps: ReaderProps =
    reader.status === 'ready'
      ? { status: 'ready', source: reader.source }
      : reader.status === 'error'
        ? { status: 'error', error: reader.error }
        : reader.status === 'loading'
          ? { status: 'loading' }
          : { status: 'idle', hasSources: sources.length > 0 };
  return (
    <div className="library">
      <nav className="library-pane" aria-label="Library">
        <h2 className="pane-heading">
          Sources <span className="count">{sources.length}</span>
        </h2>
        {error ? (
          <p role="alert" className="error-text pane-note">
            {error.message}
          </p>
        ) : sources.length === 0 ? (
          <p className="pane-note">This notebook has no sources yet.</p>
        ) : (
          <SourceList sources={sources} selectedId={selectedId} onSelect={(id) => void select(id)} />
        )}
      </nav>
      <main className="reader-pane">
        <Reader {...readerProps} />
      </main>
    </div>
  );
}
