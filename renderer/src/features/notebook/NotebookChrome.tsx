/**
 * The notebook feature over its store: the header with the notebook's name and menu, the notices,
 * and whichever notebook dialog is open (the shell's menu commands, app/menu-commands.ts, open them).
 */
import { useEffect, type ReactNode } from 'react';
import type { MenuCommand } from '../../../../shared/api/menu';
import { folderNameFor } from '../../../../shared/domain/notebook';
import { ConfirmDialog } from './components/ConfirmDialog';
import { NewNotebookDialog, OpenNotebookDialog, RenameNotebookDialog } from './components/NotebookDialogs';
import { NotebookMenu } from './components/NotebookMenu';
import { OpenFileDialog, SaveFileDialog } from './components/ExchangeDialogs';
import { SnapshotsDialog } from './components/SnapshotsDialog';
import { NoNotebook, NotebookNotices, StartupProblem } from './components/Notices';
import { useNotebook } from './store';

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

/** The notebook dialog open now; `shared`: the notebook is shared (a snapshot's restore then asks about colleagues' changes). */
export function NotebookDialogs({ shared }: { shared: boolean }) {
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
          shared={shared}
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
