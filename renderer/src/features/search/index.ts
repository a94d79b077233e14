/** Search: the palette (Ctrl/Cmd+K) and the full view. */
export { useSearch } from './store';
export { SearchPalette } from './SearchPalette';
export { SearchView } from './SearchView';
