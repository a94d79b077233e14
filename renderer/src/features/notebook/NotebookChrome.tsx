/**
 * The notebook feature over its store: the header with the notebook's name and menu, the notices,
 * and whichever notebook dialog is open. Menu commands (from the header or the desktop menu) open
 * the matching dialog.
 */
import { useEffect, type ReactNode } from 'react';
import type { MenuCommand } from '../../../../shared/api/menu';
import { folderNameFor } from '../../../../shared/domain/notebook';
import { menu } from '../../lib/api';
import { ConfirmDialog } from './components/ConfirmDialog';
import { NewNotebookDialog, OpenNotebookDialog, RenameNotebookDialog } from './components/NotebookDialogs';
import { NotebookMenu } from './components/NotebookMenu';
import { OpenFileDialog, SaveFileDialog } from './components/ExchangeDialogs';
import { SnapshotsDialog } from './components/SnapshotsDialog';
import { NoNotebook, NotebookNotices, StartupProblem } from './components/Notices';
import { useImport } from '../import/store';
import { useSharing } from '../sharing/store';
import { useSearch } from '../search/store';
import { useSettings } from '../settings/store';
import { useNavigation, type View } from '../../app/navigation';
import { useNotebook, type NotebookDialog } from './store';

const DIALOG_OF: Record<
  Exclude<MenuCommand, 'notebook:import' | 'notebook:share' | 'notebook:conflicts' | 'search:open' | 'app:settings' | 'app:shortcuts' | 'app:reload' | `view:${string}`>,
  NotebookDialog
> = {
  'notebook:new': 'new',
  'notebook:open': 'open',
  'notebook:rename': 'rename',
  'notebook:recreateSample': 'sample',
  'notebook:exportAnnotations': 'export-annotations',
  'notebook:importAnnotations': 'import-annotations',
  'notebook:backup': 'backup',
  'notebook:restore': 'restore',
  'notebook:snapshots': 'snapshots',
};

/** Commands that act on the open notebook. */
const NEEDS_NOTEBOOK: MenuCommand[] = [
  'notebook:rename',
  'notebook:import',
  'search:open',
  'notebook:exportAnnotations',
  'notebook:importAnnotations',
  'notebook:backup',
  'notebook:snapshots',
  'notebook:conflicts',
];

export function useMenuCommands(): (command: MenuCommand) => void {
  const showDialog = useNotebook((s) => s.showDialog);
  const hasNotebook = useNotebook((s) => s.app?.notebook != null);
  const run = (command: MenuCommand) => {
    if (NEEDS_NOTEBOOK.includes(command) && !hasNotebook) return;
    if (command === 'notebook:import') return useImport.getState().open();
    if (command === 'notebook:share') return useSharing.getState().open('share');
    if (command === 'notebook:conflicts') return useSharing.getState().open('conflicts');
    if (command === 'search:open') return useSearch.getState().openPalette();
    if (command === 'app:settings') return useSettings.getState().open('settings');
    if (command === 'app:shortcuts') return useSettings.getState().open('shortcuts');
    if (command === 'app:reload') return void useNotebook.getState().load();
    if (command.startsWith('view:')) {
      if (hasNotebook) useNavigation.getState().show(command.slice(5) as View);
      return;
    }
    showDialog(DIALOG_OF[command as keyof typeof DIALOG_OF]);
  };
  useEffect(() => menu?.onCommand(run));
  return run;
}

export function NotebookHeader({ onCommand, children, status }: { onCommand(command: MenuCommand): void; children?: ReactNode; status?: ReactNode }) {
  const app = useNotebook((s) => s.app);
  const notebook = app?.notebook ?? null;
  return (
    <header className="app-header">
      <span className="brand">Dossier</span>
      <span className="notebook-name" aria-label="Notebook name" title={notebook ? `${notebook.name} — ${notebook.path}` : undefined}>
        {notebook ? notebook.name : 'No notebook open'}
      </span>
      {notebook?.isSample ? <span className="badge">Sample</span> : null}
      {children}
      <span className="spacer" />
      {status}
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
  const snapshots = useNotebook((s) => s.snapshots);
  const loadSnapshots = useNotebook((s) => s.loadSnapshots);
  const showDialog = useNotebook((s) => s.showDialog);
  const damaged = (app?.notebook?.problems.length ?? 0) > 0;
  // A notebook with files that could not be read offers its newest snapshot that can be restored.
  useEffect(() => {
    if (damaged) void loadSnapshots();
  }, [damaged, app?.notebook?.path, loadSnapshots]);
  const newestGood = damaged ? (snapshots?.find((x) => x.problem === null) ?? null) : null;
  return (
    <>
      {app?.startupProblem ? <StartupProblem message={app.startupProblem} /> : null}
      {app?.notebook ? <NotebookNotices notebook={app.notebook} newestSnapshot={newestGood} onSnapshots={() => showDialog('snapshots')} /> : null}
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
  const choose = s.app?.canChooseFolder ? s.chooseSavePath : undefined;
  const chooseFile = s.app?.canChooseFolder ? s.chooseFile : undefined;
  const base = folderNameFor(s.app?.notebook?.name ?? 'notebook');
  switch (s.dialog) {
    case 'new':
      return <NewNotebookDialog {...common} onCreate={(name, path) => void s.create(name, path)} onBrowse={browse && (() => browse('create'))} />;
    case 'open':
      return (
        <OpenNotebookDialog {...common} recent={s.app?.recent ?? []} currentPath={s.app?.notebook?.path ?? null} onOpen={(path) => void s.open(path)} onBrowse={browse && (() => browse('open'))} />
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
    case 'export-annotations':
      return (
        <SaveFileDialog
          busy={s.busy}
          onClose={close}
          onChooseSave={choose}
          title="Export annotations"
          intro="Every annotation of this notebook, for other tools: W3C Web Annotations (JSON-LD, the standard annotation format) or CSV for a spreadsheet."
          folder={s.app?.exportFolder ?? ''}
          baseName={`${base}-annotations`}
          formats={[
            { value: 'w3c', label: 'W3C Web Annotation (.jsonld)', extension: 'jsonld' },
            { value: 'csv', label: 'CSV (.csv)', extension: 'csv' },
          ]}
          actionLabel="Export"
          onSave={(format, path, overwrite) => s.exportAnnotations(format as 'w3c' | 'csv', path, overwrite)}
        />
      );
    case 'import-annotations':
      return (
        <OpenFileDialog
          busy={s.busy}
          onClose={close}
          onChooseFile={chooseFile}
          title="Import annotations"
          intro="Annotations from a W3C Web Annotation file are placed on this notebook’s sources they name (by address), at the words they quote. A file that is not valid changes nothing."
          actionLabel="Import"
          onOpen={(path) => s.importAnnotations(path)}
        />
      );
    case 'backup':
      return (
        <SaveFileDialog
          busy={s.busy}
          onClose={close}
          onChooseSave={choose}
          task={s.task}
          onCancelTask={() => void s.cancelTask()}
          title="Back up the notebook"
          intro="The whole notebook in one file: sources with their originals, annotations, entities, resolutions and summaries. Restore it with Notebook ▸ Restore from backup."
          folder={s.app?.exportFolder ?? ''}
          baseName={`${base}-backup`}
          formats={[{ value: 'zip', label: 'Backup archive (.zip)', extension: 'zip' }]}
          actionLabel="Back up"
          onSave={(_format, path, overwrite) => s.backup(path, overwrite)}
        />
      );
    case 'snapshots':
      return (
        <SnapshotsDialog
          snapshots={s.snapshots}
          busy={s.busy}
          task={s.task}
          onLoad={s.loadSnapshots}
          onTake={s.takeSnapshot}
          onRestore={s.restoreSnapshot}
          onChanges={s.snapshotChanges}
          onClose={close}
          shared={useSharing.getState().status?.shared === true}
        />
      );
    case 'restore':
      return (
        <OpenFileDialog
          busy={s.busy}
          onClose={close}
          onChooseFile={chooseFile}
          task={s.task}
          onCancelTask={() => void s.cancelTask()}
          withFolder
          title="Restore from backup"
          intro="Every file of the archive is checked as it is read, and the notebook appears only once all of it is whole; a damaged archive, or a Cancel, changes nothing."
          actionLabel="Restore"
          onOpen={(path, folder) => s.restore(path, folder)}
        />
      );
    default:
      return null;
  }
}
