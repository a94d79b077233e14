/**
 * Undo as the inverse of the reporter's own change, applied to the annotation as it is now (the
 * house style's rule, after Excalidraw's history): only the fields their edit changed go back, and
 * only while they still hold what that edit left. A colleague's edit of the same fields, synced
 * in since, makes the backend refuse (CHANGED_SINCE) and nothing changes; their edit of other
 * fields stays.
 */
import type { AnnotationEdits } from '../../../../shared/api/contract';
import type { Annotation } from '../../../../shared/domain/annotation';

const FIELDS = ['kind', 'note', 'tags', 'entityIds', 'figure', 'speakerId', 'eventDate'] as const satisfies readonly (keyof AnnotationEdits & keyof Annotation)[];

/** JSON with keys in order, so that equal values compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}

/** The fields a reporter edits, as an annotation has them. */
export function editableFields(a: Annotation): AnnotationEdits {
  return Object.fromEntries(FIELDS.map((f) => [f, a[f]])) as AnnotationEdits;
}

/**
 * The inverse of an edit: the fields it changed, back to what they were (`restore`), applied only
 * while they still hold what the edit left (`ifStill`). Null when the edit changed nothing.
 */
export function inverseOfEdit(before: Annotation, after: Annotation): { restore: AnnotationEdits; ifStill: AnnotationEdits } | null {
  const changed = FIELDS.filter((f) => canonical(before[f]) !== canonical(after[f]));
  if (changed.length === 0) return null;
  const pick = (a: Annotation) => Object.fromEntries(changed.map((f) => [f, a[f]])) as AnnotationEdits;
  return { restore: pick(before), ifStill: pick(after) };
}
