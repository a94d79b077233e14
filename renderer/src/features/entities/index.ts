/** The entities feature: people, organisations, operations and their pages, suggestions and duplicates. */
export { useEntities, type EntitySummary } from './store';
export { entitySearch } from './search';
export { EntitiesView } from './EntitiesView';
