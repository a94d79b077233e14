/**
 * The menu's commands (from the header's menu or the desktop app's menu bar), dispatched to the
 * feature each belongs to: the shell knows every feature, so no feature has to know another's.
 */
import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/api/menu';
import { useImport } from '../features/import';
import { useNotebook, type NotebookDialog } from '../features/notebook';
import { useSearch } from '../features/search';
import { useSettings } from '../features/settings';
import { useSharing } from '../features/sharing';
import { menu } from '../lib/api';
import { useNavigation, type View } from './navigation';

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
