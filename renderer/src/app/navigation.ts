/**
 * Which view the shell shows, and the one cross-view action: open a passage (from the
 * notebook-wide list) in the reader, scrolled to and flashing.
 */
import { useAnnotate } from '../features/annotate/store';
import { useEntities } from '../features/entities/store';
import { useLibrary } from '../features/library/store';
import { createStore } from '../lib/store';

export type View = 'library' | 'annotations' | 'entities';

interface NavigationStore {
  view: View;
  show(view: View): void;
  openPassage(sourceId: string, annotationId: string): Promise<void>;
  openEntity(id: string): Promise<void>;
}

export const useNavigation = createStore<NavigationStore>()((set) => ({
  view: 'library',
  show: (view) => set({ view }),
  async openPassage(sourceId, annotationId) {
    set({ view: 'library' });
    await useLibrary.getState().select(sourceId);
    await useAnnotate.getState().load(sourceId);
    useAnnotate.getState().select(annotationId, { flash: true });
  },
  async openEntity(id) {
    set({ view: 'entities' });
    await useEntities.getState().show({ kind: 'entity', id });
  },
}));
