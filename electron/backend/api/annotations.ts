/** Handlers of the `annotations:` namespace. */
import { comparePartialDates } from '../../../shared/domain/dates';
import { compareByPosition } from '../../../shared/domain/annotation';
import type { DossierApp } from '../app';
import { createAnnotation, deleteAnnotation, reattachAnnotation, restoreAnnotation, updateAnnotation } from '../annotations/service';
import type { Handlers } from './dispatch';
import { annotationsAsCsv, annotationsAsW3C, importW3C } from '../annotations/exchange';
import { writeExport } from '../files';
import { readImportFile } from '../files';

type AnnotationChannels =
  | 'annotations:list'
  | 'annotations:listAll'
  | 'annotations:tags'
  | 'annotations:create'
  | 'annotations:update'
  | 'annotations:delete'
  | 'annotations:restore'
  | 'annotations:reattach'
  | 'annotations:export'
  | 'annotations:importW3C';

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
    'annotations:create': (input) => createAnnotation(nb(), input, app.author()),
    'annotations:update': (input) => updateAnnotation(nb(), input, app.author()),
    'annotations:delete': ({ id, ifStill }) => deleteAnnotation(nb(), id, ifStill),
    'annotations:restore': ({ annotation }) => restoreAnnotation(nb(), annotation),
    'annotations:reattach': (input) => reattachAnnotation(nb(), input, app.author()),
    'annotations:export': async ({ format, path, overwrite }) => {
      const notebook = nb();
      const count = [...notebook.allAnnotations()].length;
      const text = format === 'w3c' ? `${JSON.stringify(await annotationsAsW3C(notebook), null, 2)}\n` : annotationsAsCsv(notebook);
      return { ...(await writeExport(path, new TextEncoder().encode(text), overwrite)), count };
    },
    'annotations:importW3C': async ({ path }) => importW3C(nb(), await readImportFile(path)),
  };
}
