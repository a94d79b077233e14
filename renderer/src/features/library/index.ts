/** The library: the notebook's sources, filtered and sorted, and the one open. */
export { useLibrary } from './store';
export { filterSources, isFiltering, NO_FILTER } from './filter';
export { LibraryView } from './LibraryView';
