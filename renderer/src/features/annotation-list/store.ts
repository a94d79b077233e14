/** The notebook-wide list of annotations, with its filters and sort order. */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { linkedEntityIds, type AnnotationKind } from '../../../../shared/domain/annotation';
import { isMentionLink, type EntityRef } from '../../../../shared/domain/mention-link';

export type { EntityRef };
import { comparePartialDates } from '../../../../shared/domain/dates';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges, shownFlag } from '../../lib/changes';

export type AnnotationItem = Output<'annotations:listAll'>[number];
export type SortOrder = 'source-date' | 'created';

export interface Filters {
  kind: AnnotationKind | 'all';
  tag: string | 'all';
  /** A reporter's display name: the annotations they made or last changed. */
  author: string | 'all';
  /** An entity: the annotations linked to it (an operation's take in its rounds). */
  entity: string | 'all';
  /** Mentions linked in one go from an entity's page ("Link all"): left out, shown with the rest, or shown alone. */
  mentions: 'hide' | 'show' | 'only';
  sort: SortOrder;
}

interface AnnotationListStore {
  items: AnnotationItem[];
  loaded: boolean;
  error: ApiError | null;
  filters: Filters;
  load(): Promise<void>;
  setFilters(filters: Partial<Filters>): void;
}

/** Filters that name things of one notebook (a tag, a reporter, an entity), as another notebook opens. */
const NOTHING_CHOSEN = { tag: 'all', author: 'all', entity: 'all' } as const;

let ticket = 0;

export const useAnnotationList = createStore<AnnotationListStore>()((set, get) => ({
  items: [],
  loaded: false,
  error: null,
  filters: { kind: 'all', tag: 'all', author: 'all', entity: 'all', mentions: 'hide', sort: 'source-date' },
  async load() {
    // A slow answer for an earlier state of the notebook never replaces a later one.
    const mine = ++ticket;
    const result = await api.annotations.listAll({});
    if (mine !== ticket) return;
    set(result.ok ? { items: result.value, loaded: true, error: null } : { error: result.error, loaded: true });
  },
  setFilters(filters) {
    set({ filters: { ...get().filters, ...filters } });
  },
}));

/**
 * The items that pass the filters, in the chosen order: by source date (undated last, then text
 * order) or by creation time, newest first.
 */
export function filterAndSort(items: AnnotationItem[], filters: Filters, entities: ReadonlyMap<string, EntityRef> = new Map()): AnnotationItem[] {
  const tag = filters.tag.toLocaleLowerCase();
  // An operation takes in its rounds.
  const about = filters.entity === 'all' ? null : new Set([filters.entity, ...[...entities.values()].filter((e) => e.parentId === filters.entity).map((e) => e.id)]);
  const kept = items.filter((i) => {
    if (filters.kind !== 'all' && i.annotation.kind !== filters.kind) return false;
    if (filters.tag !== 'all' && !i.annotation.tags.some((t) => t.toLocaleLowerCase() === tag)) return false;
    if (filters.author !== 'all' && i.annotation.createdBy !== filters.author && i.annotation.updatedBy !== filters.author) return false;
    if (about && !linkedEntityIds(i.annotation).some((id) => about.has(id))) return false;
    if (filters.mentions !== 'show' && isMentionLink(i.annotation, entities) !== (filters.mentions === 'only')) return false;
    return true;
  });
  if (filters.sort === 'created') return [...kept].sort((a, b) => b.annotation.createdAt.localeCompare(a.annotation.createdAt));
  return [...kept].sort(
    (a, b) => comparePartialDates(a.source.published, b.source.published) || a.source.title.localeCompare(b.source.title) || a.annotation.target.position.start - b.annotation.target.position.start,
  );
}

/** Every tag of the listed annotations, alphabetically. */
export function tagsOf(items: AnnotationItem[]): string[] {
  const seen = new Map<string, string>();
  for (const i of items) for (const t of i.annotation.tags) if (!seen.has(t.toLocaleLowerCase())) seen.set(t.toLocaleLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Everyone who made or changed one of the listed annotations, alphabetically. */
export function authorsOf(items: AnnotationItem[]): string[] {
  const seen = new Set<string>();
  for (const { annotation: a } of items) {
    if (a.createdBy) seen.add(a.createdBy);
    if (a.updatedBy) seen.add(a.updatedBy);
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}

// Every annotation of the notebook: read again after any change to a source, an entity or the notebook, once the view has loaded them.
/** The Annotations view is on screen (it reads them again when it opens). */
export const annotationListShown = shownFlag();

onChanges(['source', 'sources', 'entities', 'notebook'], () => {
  if (annotationListShown.shown) void useAnnotationList.getState().load();
});
// Another notebook has other tags, reporters and entities: a filter on the last one's would hide everything.
onChanges(['notebook'], () => useAnnotationList.getState().setFilters(NOTHING_CHOSEN));
