/** Handlers of the `annotations:` namespace. */
import { comparePartialDates } from '../../../shared/domain/dates';
import { compareByPosition } from '../../../shared/domain/annotation';
import type { DossierApp } from '../app';
import { createAnnotation, reattachAnnotation, restoreAnnotation, updateAnnotation } from '../annotations/service';
import type { Handlers } from './dispatch';

type AnnotationChannels =
  | 'annotations:list'
  | 'annotations:listAll'
  | 'annotations:tags'
  | 'annotations:create'
  | 'annotations:update'
  | 'annotations:delete'
  | 'annotations:restore'
  | 'annotations:reattach';

/** Builds the `annotations:` handlers over a running app. */
export function annotationsHandlers(app: DossierApp): Pick<Handlers, AnnotationChannels> {
  const nb = () => app.requireNotebook();
  return {
    'annotations:list': ({ sourceId }) => [...nb().listAnnotations(sourceId)].sort(compareByPosition),
    'annotations:listAll': () =>
      [...nb().allAnnotations()]
        .map(({ source, annotation }) => ({ annotation, source: { id: source.id, title: source.title, outlet: source.outlet, published: source.published } }))
        .sort((a, b) => comparePartialDates(a.source.published, b.source.published) || a.source.id.localeCompare(b.source.id) || compareByPosition(a.annotation, b.annotation)),
    'annotations:tags': () => {
      const counts = new Map<string, { tag: string; count: number }>();
      for (const { annotation } of nb().allAnnotations()) {
        for (const tag of annotation.tags) {
          const entry = counts.get(tag.toLocaleLowerCase()) ?? { tag, count: 0 };
          entry.count++;
          counts.set(tag.toLocaleLowerCase(), entry);
        }
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    },
    'annotations:create': (input) => createAnnotation(nb(), input),
    'annotations:update': (input) => updateAnnotation(nb(), input),
    'annotations:delete': ({ id }) => nb().removeAnnotation(id),
    'annotations:restore': ({ annotation }) => restoreAnnotation(nb(), annotation),
    'annotations:reattach': (input) => reattachAnnotation(nb(), input),
  };
}
