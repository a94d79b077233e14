/**
 * Which view the shell shows, and the cross-view actions features call (open a passage in the
 * reader, a source at the words a search found, an entity's page). The state lives here so that any
 * feature can read and call it; what the actions do takes several features, so the shell defines
 * them (app/navigation.ts) and wires them in when it loads.
 */
import { createStore } from './store';

export type View = 'library' | 'annotations' | 'entities' | 'search' | 'factsheet' | 'pictures';

/** The cross-view actions, as the shell defines them. */
export interface NavigationActions {
  /** Opens a passage (from the Annotations list or a search) in the reader, scrolled to and flashing. */
  openPassage(sourceId: string, annotationId: string): Promise<void>;
  /** Opens an entity's page. */
  openEntity(id: string): Promise<void>;
  /** Opens a source, at the words a search found when given. */
  openSource(sourceId: string, found: { start: number; end: number } | null): Promise<void>;
}

interface NavigationStore extends NavigationActions {
  view: View;
  show(view: View): void;
}

const unwired = async () => {
  throw new Error('Navigation is not wired yet: app/navigation.ts wires it when the shell loads.');
};

export const useNavigation = createStore<NavigationStore>()((set) => ({
  view: 'library',
  show: (view) => set({ view }),
  openPassage: unwired,
  openEntity: unwired,
  openSource: unwired,
}));

/** Gives the actions their meaning (the shell, once). */
export function wireNavigation(actions: NavigationActions): void {
  useNavigation.setState(actions);
}
