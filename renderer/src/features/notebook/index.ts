/** The notebook: opening, creating, backups, snapshots, the header and its menu. */
export { useNotebook, type NotebookDialog } from './store';
export { NoNotebookView, NotebookDialogs, NotebookHeader, NotebookNoticesView } from './NotebookChrome';
