/** The application shell: header with views, notices, the current view, dialogs and messages. */
import { useEffect } from 'react';
import { AnnotatedReader, useAnnotate } from '../features/annotate';
import { AnnotationsView } from '../features/annotation-list';
import { EntitiesView } from '../features/entities';
import { FactSheetView } from '../features/factsheet';
import { ImportDialog, useImport } from '../features/import';
import { useLibrary, LibraryView } from '../features/library';
import { SearchPalette, SearchView, useSearch } from '../features/search';
import { PicturesView } from '../features/pictures';
import { NoNotebookView, NotebookDialogs, NotebookHeader, NotebookNoticesView, useNotebook } from '../features/notebook';
import { useMenuCommands } from './menu-commands';
import { useNavigation, type View } from './navigation';
import { Toast } from './Toast';
import { SharingDialogs, SyncStatusView, useSharing } from '../features/sharing';
import { connectChanges } from '../lib/changes';
import { isTyping } from '../lib/keys';
import { pick } from '../lib/store';
import { useSession } from './session';
import { SettingsDialog, ShortcutSheet, useSettings } from '../features/settings';

const VIEWS: { view: View; label: string }[] = [
  { view: 'library', label: 'Library' },
  { view: 'annotations', label: 'Annotations' },
  { view: 'entities', label: 'Entities' },
  { view: 'search', label: 'Search' },
  { view: 'factsheet', label: 'Fact sheet' },
  { view: 'pictures', label: 'Pictures' },
];

/** Files dropped anywhere on the window go to the import's review. */
function useDropToImport(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      void useImport.getState().startDropped(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);
}

/** Ctrl/Cmd+K opens the search palette from anywhere, also while typing. */
function useSearchShortcut(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        useSearch.getState().openPalette();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** "?" shows the keyboard shortcuts; j and k move through the library's sources. Never while typing. */
function useListKeys(enabled: boolean) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      if (e.key === '?') {
        e.preventDefault();
        useSettings.getState().open('shortcuts');
        return;
      }
      if (!enabled || (e.key !== 'j' && e.key !== 'k')) return;
      const view = useNavigation.getState().view;
      // In the Annotations and Entities views, j and k move the focus down and up their lists (Enter opens).
      const items = view === 'annotations' ? '.annotation-table .quote' : view === 'entities' ? 'nav[aria-label="Entities"] .entity-row' : null;
      if (items) {
        const all = [...document.querySelectorAll<HTMLElement>(items)];
        if (all.length === 0) return;
        e.preventDefault();
        const at = all.indexOf(document.activeElement as HTMLElement);
        const next = all[Math.min(all.length - 1, Math.max(0, at < 0 ? 0 : at + (e.key === 'j' ? 1 : -1)))];
        next.focus();
        next.scrollIntoView({ block: 'nearest' });
        return;
      }
      if (view !== 'library') return;
      // Only when no text is selected in the reader (there, letters are the selection's shortcuts).
      if (window.getSelection()?.isCollapsed === false) return;
      const list = document.querySelector<HTMLElement>('[role="listbox"][aria-label="Sources"]');
      if (!list) return;
      e.preventDefault();
      list.focus();
      list.dispatchEvent(new KeyboardEvent('keydown', { key: e.key === 'j' ? 'ArrowDown' : 'ArrowUp', bubbles: true }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Ctrl/Cmd+Z undoes the last annotation edit or deletion, unless the user is typing. */
function useUndoShortcut() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !isTyping(e.target)) {
        e.preventDefault();
        void useAnnotate.getState().undo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const { app, loadError, load } = useNotebook(pick((s) => ({ app: s.app, loadError: s.loadError, load: s.load })));
  // What changed in the backend, whoever changed it, comes to the stores that draw it.
  useEffect(() => connectChanges(), []);
  const view = useNavigation((s) => s.view);
  const { show, openPassage } = useNavigation.getState();
  const onCommand = useMenuCommands();
  const shared = useSharing((s) => s.status?.shared === true);
  useUndoShortcut();
  useListKeys(app?.notebook != null);
  useSession();
  const dialog = useSettings((s) => s.dialog);
  const loadSettings = useSettings((s) => s.load);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useSearchShortcut(app?.notebook != null);
  useDropToImport(app?.notebook != null);
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
      <a className="skip-link" href="#main-content" onClick={(e) => (e.preventDefault(), document.getElementById('main-content')?.focus())}>
        Skip to the content
      </a>
      <NotebookHeader onCommand={onCommand} status={app.notebook ? <SyncStatusView /> : null}>
        {app.notebook ? (
          <nav className="views" aria-label="Views">
            {VIEWS.map((v) => (
              <button key={v.view} type="button" aria-current={view === v.view ? 'page' : undefined} onClick={() => show(v.view)}>
                {v.label}
              </button>
            ))}
          </nav>
        ) : null}
      </NotebookHeader>
      <NotebookNoticesView />
      <div id="main-content" className="main-content" tabIndex={-1}>
        {!app.notebook ? (
          <NoNotebookView onCommand={onCommand} />
        ) : view === 'entities' ? (
          <EntitiesView onOpenPassage={(sourceId, annotationId) => void openPassage(sourceId, annotationId)} />
        ) : view === 'search' ? (
          <SearchView />
        ) : view === 'factsheet' ? (
          <FactSheetView onOpenPassage={(sourceId, annotationId) => void openPassage(sourceId, annotationId)} />
        ) : view === 'pictures' ? (
          // Keyed by the notebook: another one opened draws its own pictures, with no filter of the last.
          <PicturesView key={app.notebook.path} />
        ) : view === 'annotations' ? (
          <AnnotationsView onOpen={(item) => void openPassage(item.source.id, item.annotation.id)} />
        ) : (
          <LibraryView reader={<AnnotatedReader />} />
        )}
      </div>
      <NotebookDialogs shared={shared} />
      <SharingDialogs />
      {dialog === 'settings' ? <SettingsDialog canChooseFolder={app.canChooseFolder} /> : dialog === 'shortcuts' ? <ShortcutSheet /> : null}
      {app.notebook ? <SearchPalette /> : null}
      <ImportDialog canChoose={app.canChooseFolder} onImported={() => void useLibrary.getState().refreshSelected()} />
      <Toast />
    </div>
  );
}
