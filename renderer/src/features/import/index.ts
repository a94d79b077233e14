/** Importing files: reading, review, saving. */
export { useImport } from './store';
export { ImportDialog } from './ImportDialog';
