/** Settings: the dialog, the shortcut sheet, the theme and the panes' widths. */
export { useSettings } from './store';
export { usePaneWidth } from './panes';
export { SettingsDialog } from './SettingsDialog';
export { ShortcutSheet } from './ShortcutSheet';
