/**
 * What the user does with annotations, over a notebook: create one on a passage, edit, delete
 * and restore it, re-attach an orphan, and give a source a new version, re-anchoring every
 * annotation on it. Passages are described and found by shared/domain/anchoring.
 */
import { isDeepStrictEqual } from 'node:util';
import { newId } from '../ids';
import type { AnnotationEdits } from '../../../shared/api/contract';
import { DossierError } from '../../../shared/api/result';
import { anchor, AnchorError, describe } from '../../../shared/domain/anchoring';
import { NO_FACTS, normalizeTags, type Annotation, type AnnotationKind, type Figure } from '../../../shared/domain/annotation';
import { parseDatedText } from '../../../shared/domain/text';
import type { SourceSummary } from '../../../shared/domain/source';
import type { Notebook } from '../store/notebook';
import { checkEntityIds, resolveEntity } from '../entities/service';

/** How the annotations of a source fared when it got a new version. */
export interface AnchoringReport {
  exact: number;
  moved: number;
  fuzzy: number;
  orphan: number;
}

/**
 * Names an annotation's passage must keep to be re-anchored approximately: the names and aliases
 * of the entities linked to it.
 */
function protectedTermsOf(notebook: Notebook, annotation: Annotation): string[] {
  return annotation.entityIds.flatMap((id) => {
    const e = resolveEntity(notebook.entities, id);
    return e ? [e.name, ...e.aliases] : [];
  });
}

function describeOrRefuse(text: string, start: number, end: number) {
  try {
    return describe(text, start, end);
  } catch (e) {
    if (e instanceof AnchorError) throw new DossierError('INVALID_INPUT', e.message);
    throw e;
  }
}

/** Creates an annotation on text[start, end) of the source's current text. */
export async function createAnnotation(
  notebook: Notebook,
  input: {
    sourceId: string;
    start: number;
    end: number;
    kind: AnnotationKind;
    note: string;
    tags: string[];
    entityIds?: string[];
    figure?: Figure | null;
    speakerId?: string | null;
    eventDate?: string | null;
  },
  by: string | null = null,
): Promise<Annotation> {
  const entityIds = checkEntityIds(notebook.entities, input.entityIds ?? []);
  const facts = checkFacts(notebook, input.figure ?? null, input.speakerId ?? null);
  const source = await notebook.getSource(input.sourceId);
  const { quote, position } = describeOrRefuse(source.text, input.start, input.end);
  const now = new Date().toISOString();
  const annotation: Annotation = {
    id: newId(),
    sourceId: source.id,
    kind: input.kind,
    target: { contentHash: source.contentHash, quote, position },
    anchor: { state: 'exact' },
    note: input.note,
    tags: normalizeTags(input.tags),
    entityIds,
    ...NO_FACTS,
    ...facts,
    eventDate: input.eventDate ?? null,
    createdAt: now,
    updatedAt: now,
    createdBy: by,
    updatedBy: by,
  };
  await notebook.putAnnotation(annotation);
  return annotation;
}

/** What an update may change; what is not given stays as it is (null clears a fact-sheet field). */
export interface AnnotationChange {
  id: string;
  kind?: AnnotationKind;
  note?: string;
  tags?: string[];
  entityIds?: string[];
  figure?: Figure | null;
  speakerId?: string | null;
  eventDate?: string | null;
}

/** A figure's entity and a quote's speaker, checked: they must exist (a merged one is followed), and a speaker must be a person. */
function checkFacts(notebook: Notebook, figure: Figure | null, speakerId: string | null): { figure: Figure | null; speakerId: string | null } {
  if (figure?.entityId) figure = { ...figure, entityId: checkEntityIds(notebook.entities, [figure.entityId])[0] };
  if (speakerId) {
    const speaker = resolveEntity(notebook.entities, speakerId);
    if (!speaker) throw new DossierError('NOT_FOUND', `There is no entity with id ${speakerId} (was it deleted?); no speaker was set.`);
    if (speaker.type !== 'person') throw new DossierError('INVALID_INPUT', `A speaker is a person; ${speaker.name} is ${speaker.type === 'organisation' ? 'an organisation' : `a ${speaker.type}`}.`);
    speakerId = speaker.id;
  }
  return { figure, speakerId };
}

/** Changes an annotation's kind, note, tags, links, figure, speaker or event date. */
/**
 * Refuses (CHANGED_SINCE) when a field of the annotation no longer has the value `still` gives:
 * an undo applies only to what the reporter's own edit left, never over a colleague's edit made
 * since (through sync). Says who changed it.
 */
export function assertStill(existing: Annotation, still: AnnotationEdits | undefined, doing: string): void {
  if (!still) return;
  const changed = (Object.keys(still) as (keyof AnnotationEdits)[]).filter((field) => still[field] !== undefined && !isDeepStrictEqual(existing[field] ?? null, still[field] ?? null));
  if (changed.length === 0) return;
  const who = existing.updatedBy ? `${existing.updatedBy} changed` : 'It was changed';
  throw new DossierError('CHANGED_SINCE', `${who} this annotation’s ${changed.join(', ')} since your edit, so ${doing}: nothing was changed. Edit it by hand if it should still change.`);
}

/** Deletes an annotation; with `ifStill` (undoing its creation), only while it still holds what the reporter made. */
export async function deleteAnnotation(notebook: Notebook, id: string, ifStill?: AnnotationEdits): Promise<Annotation> {
  assertStill(notebook.getAnnotation(id), ifStill, 'it was not deleted');
  return notebook.removeAnnotation(id);
}

/** Changes the fields given; with `ifStill` (an undo), only while the fields named there still hold those values. */
export async function updateAnnotation(notebook: Notebook, input: AnnotationChange & { ifStill?: AnnotationEdits }, by: string | null = null): Promise<Annotation> {
  const existing = notebook.getAnnotation(input.id);
  assertStill(existing, input.ifStill, 'it was not undone');
  const entityIds = input.entityIds ? checkEntityIds(notebook.entities, input.entityIds) : existing.entityIds;
  const { figure, speakerId } = checkFacts(notebook, input.figure === undefined ? existing.figure : input.figure, input.speakerId === undefined ? existing.speakerId : input.speakerId);
  const updated: Annotation = {
    ...existing,
    kind: input.kind ?? existing.kind,
    note: input.note ?? existing.note,
    tags: input.tags ? normalizeTags(input.tags) : existing.tags,
    entityIds,
    figure,
    speakerId,
    eventDate: input.eventDate === undefined ? existing.eventDate : input.eventDate,
    updatedAt: new Date().toISOString(),
    updatedBy: by,
  };
  await notebook.putAnnotation(updated);
  return updated;
}

/** Places an annotation on the current text of its source, and says how. */
function reanchor(annotation: Annotation, text: string, hash: string, protectedTerms: string[]): Annotation {
  const { target } = annotation;
  if (target.contentHash === hash && annotation.anchor.state !== 'orphan') return annotation;
  const found = anchor(text, { quote: target.quote, position: target.position }, { protectedTerms });
  if (found.state === 'orphan' || found.start === undefined || found.end === undefined) {
    // The stored quote and the old text stay as they were, for the user to review.
    return { ...annotation, anchor: { state: 'orphan', reason: found.reason } };
  }
  const { quote, position } = describe(text, found.start, found.end);
  return {
    ...annotation,
    target: { contentHash: hash, quote, position },
    anchor: {
      state: found.state,
      ...(found.state === 'fuzzy' ? { score: Math.round((found.score ?? 0) * 1000) / 1000, was: target.quote.exact } : {}),
    },
  };
}

/**
 * Puts back an annotation that was deleted (undo). It is placed on the source's current text; if
 * its passage is gone it comes back as an orphan rather than on the wrong words.
 */
export async function restoreAnnotation(notebook: Notebook, annotation: Annotation): Promise<Annotation> {
  const source = await notebook.getSource(annotation.sourceId);
  if (notebook.listAnnotations(source.id).some((a) => a.id === annotation.id)) {
    throw new DossierError('ALREADY_EXISTS', 'That annotation is already in the notebook.');
  }
  const restored = reanchor({ ...annotation, tags: normalizeTags(annotation.tags) }, source.text, source.contentHash, protectedTermsOf(notebook, annotation));
  await notebook.putAnnotation(restored);
  return restored;
}

/** Attaches an annotation (typically an orphan) to a newly selected passage of its source. */
export async function reattachAnnotation(notebook: Notebook, input: { id: string; start: number; end: number }, by: string | null = null): Promise<Annotation> {
  const existing = notebook.getAnnotation(input.id);
  const source = await notebook.getSource(existing.sourceId);
  const { quote, position } = describeOrRefuse(source.text, input.start, input.end);
  const updated: Annotation = {
    ...existing,
    target: { contentHash: source.contentHash, quote, position },
    anchor: { state: 'exact' },
    updatedAt: new Date().toISOString(),
    updatedBy: by,
  };
  await notebook.putAnnotation(updated);
  return updated;
}

/**
 * Gives a source a new version of its text (a leading `date` line is dropped) and re-anchors
 * every annotation on it. Nothing is lost: the old text stays, and annotations whose passage is
 * gone become orphans with their stored quote.
 */
export async function addVersion(notebook: Notebook, input: { id: string; text: string }): Promise<{ source: SourceSummary; anchoring: AnchoringReport }> {
  const text = parseDatedText(input.text).body;
  const report: AnchoringReport = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
  const source = await notebook.replaceText(input.id, text, (annotations, hash) =>
    annotations.map((a) => {
      const placed = reanchor(a, text, hash, protectedTermsOf(notebook, a));
      report[placed.anchor.state]++;
      return placed;
    }),
  );
  return { source, anchoring: report };
}
