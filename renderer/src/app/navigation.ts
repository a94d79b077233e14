/**
 * The cross-view actions (lib/navigation.ts), as the shell defines them over the features: open a
 * passage (from the notebook-wide list or a search) in the reader, scrolled to and flashing; open a
 * source at the words a search found; open an entity's page. Wired in when this module loads.
 */
import { useAnnotate } from '../features/annotate';
import { useEntities } from '../features/entities';
import { filterSources, isFiltering, NO_FILTER, useLibrary } from '../features/library';
import { useNavigation, wireNavigation } from '../lib/navigation';

export { useNavigation, type View } from '../lib/navigation';

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

wireNavigation({
  async openPassage(sourceId, annotationId) {
    revealInLibrary(sourceId);
    useNavigation.getState().show('library');
    await useLibrary.getState().select(sourceId);
    await useAnnotate.getState().load(sourceId);
    useAnnotate.getState().select(annotationId, { flash: true });
  },
  async openSource(sourceId, found) {
    revealInLibrary(sourceId);
    useNavigation.getState().show('library');
    await useLibrary.getState().select(sourceId);
    await useAnnotate.getState().load(sourceId);
    if (found) useAnnotate.getState().showFound(found);
  },
  async openEntity(id) {
    useNavigation.getState().show('entities');
    await useEntities.getState().show({ kind: 'entity', id });
  },
});
