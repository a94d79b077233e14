/** The application shell: header, notices, and the library or a welcome panel. */
import { useEffect } from 'react';
import { LibraryView } from '../features/library/LibraryView';
import { NoNotebookView, NotebookDialogs, NotebookHeader, NotebookNoticesView, useMenuCommands } from '../features/notebook/NotebookChrome';
import { useNotebook } from '../features/notebook/store';

export function App() {
  const { app, loadError, load } = useNotebook();
  const onCommand = useMenuCommands();
  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) {
    return (
      <main className="welcome" role="alert">
        <h1>{loadError.code === 'FORBIDDEN' ? 'This page needs Dossier’s key' : 'Dossier cannot reach its notebook service'}</h1>
        <p>{loadError.message}</p>
      </main>
    );
  }
  if (!app) {
    return (
      <main className="welcome" aria-busy="true">
        <p>Opening Dossier…</p>
      </main>
    );
  }
  return (
    <div className="shell">
      <NotebookHeader onCommand={onCommand} />
      <NotebookNoticesView />
      {app.notebook ? <LibraryView /> : <NoNotebookView onCommand={onCommand} />}
      <NotebookDialogs />
    </div>
  );
}
