/** How each kind of annotation is named and coloured in the UI. */
import type { AnnotationKind } from '../../../shared/domain/annotation';

export const KINDS: { kind: AnnotationKind; label: string }[] = [
  { kind: 'passage', label: 'Passage' },
  { kind: 'figure', label: 'Figure' },
  { kind: 'quote', label: 'Quote' },
  { kind: 'question', label: 'Question' },
  { kind: 'event', label: 'Event' },
];

export const KIND_LABEL: Record<AnnotationKind, string> = Object.fromEntries(KINDS.map((k) => [k.kind, k.label])) as Record<AnnotationKind, string>;
