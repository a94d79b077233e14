/** Sharing a notebook with a team: the dialog, the status line, conflicts. */
export { useSharing } from './store';
export { SharingDialogs, SyncStatusView } from './SharingChrome';
