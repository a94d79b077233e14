/**
 * Putting the settings on the page: the theme as `data-theme` on <html> (the system's, followed
 * live, when the setting is "system"), and the reading size as the reader's font size.
 */
import type { Settings, Theme } from '../../../../shared/domain/settings';

const BASE_READING_PX = 17;

/** The theme to draw: the one chosen, or the system's. */
export function resolvedTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

let stopFollowing: (() => void) | null = null;

/** Applies the settings to the document; with "system", follows the system's changes until the next call. */
export function applySettings(settings: Pick<Settings, 'theme' | 'readingSize'>, root: HTMLElement = document.documentElement): void {
  stopFollowing?.();
  stopFollowing = null;
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const draw = () => {
    root.dataset.theme = resolvedTheme(settings.theme, query?.matches ?? false);
  };
  draw();
  if (settings.theme === 'system' && query) {
    query.addEventListener('change', draw);
    stopFollowing = () => query.removeEventListener('change', draw);
  }
  root.style.setProperty('--reading-size', `${((BASE_READING_PX * settings.readingSize) / 100).toFixed(2)}px`);
}
