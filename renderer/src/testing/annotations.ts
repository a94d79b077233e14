/** Annotations for the renderer's tests, as the backend lists them with their source. */
import type { Output } from '../../../shared/api/contract';
import type { Annotation } from '../../../shared/domain/annotation';

type Item = Output<'annotations:listAll'>[number];

/** A source of the notebook, as an annotation's list item names it. */
export const source = (id: string, title: string, published: string | null) => ({ id, title, published, outlet: 'The Guardian' });

/** An annotation of `exact` on `src`, made on `createdAt`, with whatever else the test gives. */
export function annotationItem(id: string, src: ReturnType<typeof source>, exact: string, more: Partial<Annotation> = {}): Item {
  const annotation: Annotation = {
    id,
    sourceId: src.id,
    kind: 'passage',
    target: { quote: { exact, prefix: '', suffix: '' }, position: { start: 0, end: exact.length } },
    anchor: { state: 'exact' },
    note: '',
    tags: [],
    entityIds: [],
    figure: null,
    speakerId: null,
    eventDate: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    createdBy: null,
    updatedBy: null,
    ...more,
  } as Annotation;
  return { annotation, source: src } as unknown as Item;
}
