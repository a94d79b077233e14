/** The library and the annotated reader side by side. */
import { AnnotatedReader } from '../annotate/AnnotatedReader';
import { useLibrary } from './store';
import { SourceList } from './components/SourceList';

export function LibraryView() {
  const { sources, selectedId, select, error } = useLibrary();
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
        <AnnotatedReader />
      </main>
    </div>
  );
}
