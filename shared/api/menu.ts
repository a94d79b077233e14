/**
 * Commands the desktop app's menu sends to the page. The page shows the same commands in its own
 * Notebook menu, so browser mode lacks nothing.
 */
export const MENU_COMMANDS = [
  'notebook:new',
  'notebook:open',
  'notebook:rename',
  'notebook:recreateSample',
  'notebook:import',
  'notebook:exportAnnotations',
  'notebook:importAnnotations',
  'notebook:backup',
  'notebook:restore',
  'notebook:snapshots',
  'notebook:share',
  'notebook:conflicts',
  'search:open',
  'app:settings',
  'app:shortcuts',
  'app:reload',
  'view:library',
  'view:annotations',
  'view:entities',
  'view:search',
  'view:factsheet',
  'view:pictures',
] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the preload exposes besides the API: the menu's commands, as a subscription. */
export interface DossierMenu {
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
}
