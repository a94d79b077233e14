/**
 * The notebook feature over its store: the header with the notebook's name and menu, the notices,
 * and whichever notebook dialog is open. Menu commands (from the header or the desktop menu) open
 * the matching dialog.
 */
import { useEffect, type ReactNode } from 'react';
import type { MenuCommand } from '../../../../shared/api/menu';
import { menu } from '../../lib/api';
import { ConfirmDialog } from './components/ConfirmDialog';
import { NewNotebookDialog, OpenNotebookDialog, RenameNotebookDialog } from './components/NotebookDialogs';
import { NotebookMenu } from './components/NotebookMenu';
import { NoNotebook, NotebookNotices, StartupProblem } from './components/Notices';
import { useImport } from '../import/store';
import { useSearch } from '../search/store';
import { useNotebook, type NotebookDialog } from './store';

const DIALOG_OF: Record<Exclude<MenuCommand, 'notebook:import' | 'search:open'>, NotebookDialog> = {
  'notebook:new': 'new',
  'notebook:open': 'open',
  'notebook:rename': 'rename',
  'notebook:recreateSample': 'sample',
};

export function useMenuCommands(): (command: MenuCommand) => void {
  const showDialog = useNotebook((s) => s.showDialog);
  const hasNotebook = useNotebook((s) => s.app?.notebook != null);
  const run = (command: MenuCommand) => {
    if ((command === 'notebook:rename' || command === 'notebook:import' || command === 'search:open') && !hasNotebook) return;
    if (command === 'notebook:import') return useImport.getState().open();
    if (command === 'search:open') return useSearch.getState().openPalette();
    showDialog(DIALOG_OF[command]);
  };
  useEffect(() => menu?.onCommand(run));
  return run;
}

export function NotebookHeader({ onCommand, children }: { onCommand(command: MenuCommand): void; children?: ReactNode }) {
  const app = useNotebook((s) => s.app);
  const notebook = app?.notebook ?? null;
  return (
    <header className="app-header">
      <span className="brand">Dossier</span>
      <span className="notebook-name" aria-label="Notebook name" title={notebook?.path}>
        {notebook ? notebook.name : 'No notebook open'}
      </span>
      {notebook?.isSample ? <span className="badge">Sample</span> : null}
      {children}
      <span className="spacer" />
      {app?.host === 'browser' ? (
        <span className="badge muted" title="Dossier is running in your browser; everything stays on this machine.">
          Browser mode
        </span>
      ) : null}
      <NotebookMenu hasNotebook={notebook !== null} onCommand={onCommand} />
    </header>
  );
}

export function NotebookNoticesView() {
  const app = useNotebook((s) => s.app);
  return (
    <>
      {app?.startupProblem ? <StartupProblem message={app.startupProblem} /> : null}
      {app?.notebook ? <NotebookNotices notebook={app.notebook} /> : null}
    </>
  );
}

export function NoNotebookView({ onCommand }: { onCommand(command: MenuCommand): void }) {
  return <NoNotebook onCommand={onCommand} />;
}

export function NotebookDialogs() {
  const s = useNotebook();
  const close = () => s.showDialog(null);
  const browse = s.app?.canChooseFolder ? (purpose: 'open' | 'create') => s.chooseFolder(purpose) : undefined;
  const common = { busy: s.busy, error: s.actionError, onClose: close };
  switch (s.dialog) {
    case 'new':
      return <NewNotebookDialog {...common} onCreate={(name, path) => void s.create(name, path)} onBrowse={browse && (() => browse('create'))} />;
    case 'open':
      return (
        <OpenNotebookDialog
          {...common}
          recent={s.app?.recent ?? []}
          currentPath={s.app?.notebook?.path ?? null}
          onOpen={(path) => void s.open(path)}
          onBrowse={browse && (() => browse('open'))}
        />
      );
    case 'rename':
      return <RenameNotebookDialog {...common} current={s.app?.notebook?.name ?? ''} onRename={(name) => void s.rename(name)} />;
    case 'sample':
      return (
        <ConfirmDialog
          {...common}
          title="Recreate the sample notebook"
          body="This opens a fresh copy of “Operation P-Hunt (sample)”. If the sample already exists, its folder is first renamed to a dated backup, so nothing you wrote in it is lost."
          confirmLabel="Recreate sample"
          onConfirm={() => void s.recreateSample()}
        />
      );
    default:
      return null;
  }
}
