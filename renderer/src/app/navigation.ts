/**
 * Which view the shell shows, and the cross-view actions: open a passage (from the notebook-wide
 * list or a search) in the reader, scrolled to and flashing; open a source at the words a search
 * found; open an entity's page.
 */
import { useAnnotate } from '../features/annotate';
import { useEntities } from '../features/entities';
import { filterSources, isFiltering, NO_FILTER, useLibrary } from '../features/library';
import { createStore } from '../lib/store';

export type View = 'library' | 'annotations' | 'entities' | 'search' | 'factsheet' | 'pictures';

interface NavigationStore {
  view: View;
  show(view: View): void;
  openPassage(sourceId: string, annotationId: string): Promise<void>;
  openEntity(id: string): Promise<void>;
  openSource(sourceId: string, found: { start: number; end: number } | null): Promise<void>;
}

/**
 * The library's filters are lifted when they hide the source being opened (from a search, the
 * annotations list or an entity's page): the open source is always in the list beside it.
 */
function revealInLibrary(sourceId: string): void {
  const library = useLibrary.getState();
  if (!isFiltering(library.filter)) return;
  if (filterSources(library.sources, library.filter).some((s) => s.id === sourceId)) return;
  library.setFilter({ ...NO_FILTER, sort: library.filter.sort });
}

export const useNavigation = createStore<NavigationStore>()((set) => ({
  view: 'library',
  show: (view) => set({ view }),
  async openPassage(sourceId, annotationId) {
    revealInLibrary(sourceId);
    set({ view: 'library' });
    await useLibrary.getState().select(sourceId);
    await useAnnotate.getState().load(sourceId);
    useAnnotate.getState().select(annotationId, { flash: true });
  },
  async openSource(sourceId, found) {
    revealInLibrary(sourceId);
    set({ view: 'library' });
    await useLibrary.getState().select(sourceId);
    await useAnnotate.getState().load(sourceId);
    if (found) useAnnotate.getState().showFound(found);
  },
  async openEntity(id) {
    set({ view: 'entities' });
    await useEntities.getState().show({ kind: 'entity', id });
  },
}));
