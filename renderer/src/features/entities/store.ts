/**
 * The entities feature's store: the list, the open entity's page and unlinked mentions, the
 * suggestions and likely duplicates, and the editor.
 */
import type { Input, Output } from '../../../../shared/api/contract';
import type { ApiError, Result } from '../../../../shared/api/result';
import type { EntityFields } from '../../../../shared/domain/entity';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges } from '../../lib/changes';

export type EntitySummary = Output<'entities:list'>[number];
export type EntityPageData = Output<'entities:get'>;
export type Mention = Output<'entities:mentions'>[number];
export type Suggestion = Output<'entities:suggestions'>['cards'][number];
export type NamesReading = Output<'entities:suggestions'>['reading'];
export type Duplicate = Output<'entities:duplicates'>[number];

/** What the right-hand side of the view shows. */
export type Panel = { kind: 'entity'; id: string } | { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'suggestions' } | { kind: 'duplicates' } | { kind: 'none' };

interface EntitiesStore {
  list: EntitySummary[];
  panel: Panel;
  page: EntityPageData | null;
  mentions: Mention[] | null;
  suggestions: Suggestion[] | null;
  /** While the sources' names are still being read (a large import): how far, and the cards are those read so far. */
  reading: NamesReading;
  duplicates: Duplicate[] | null;
  error: ApiError | null;
  busy: boolean;
  load(): Promise<void>;
  show(panel: Panel): Promise<void>;
  save(fields: EntityFields, id?: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  loadMentions(id: string): Promise<void>;
  linkMentions(id: string, mentions: Mention[]): Promise<void>;
  acceptSuggestion(s: Suggestion, as: { kind: 'new' } | { kind: 'alias'; entityId: string }): Promise<void>;
  dismissSuggestion(key: string): Promise<void>;
  /** Many suggestions at once: each added as a new entity (in one write), or dismissed. */
  acceptSuggestions(list: Suggestion[]): Promise<void>;
  dismissSuggestions(keys: string[]): Promise<void>;
  /** What the last accept or dismiss did, in words (shown at once, before the list is read again). */
  suggestionNotice: string | null;
  merge(keepId: string, mergeId: string): Promise<void>;
  markDistinct(aId: string, bId: string): Promise<void>;
}

/** How often, at most, the suggestions are read again while the sources' names are being read. */
const NAMES_EVERY_MS = 1_500;

/** The list without these cards (null stays null: not read yet). */
const without = (list: Suggestion[] | null, keys: readonly string[]) => (list ? list.filter((s) => !keys.includes(s.key)) : list);

export const useEntities = createStore<EntitiesStore>()((set, get) => {
  /** The operation a suggested round belongs to, by the name the text gave it. */
  const parentOf = (s: Suggestion) =>
    s.parentName ? get().list.find((e) => e.type === 'operation' && [e.name, ...e.aliases].some((n) => n.toLowerCase().includes(s.parentName!.toLowerCase()))) : undefined;
  /** Runs an API call; on failure shows its error and returns null. */
  const attempt = async <T>(run: () => Promise<Result<T>>): Promise<T | null> => {
    set({ busy: true, error: null });
    const result = await run();
    set({ busy: false, error: result.ok ? null : result.error });
    return result.ok ? result.value : null;
  };
  const refreshList = async () => {
    const list = await api.entities.list({});
    if (list.ok) set({ list: list.value });
  };
  let panelTicket = 0;
  let namesSoon: ReturnType<typeof setTimeout> | null = null;
  const refreshPanel = async () => {
    // A later read wins over a slow earlier answer (a change event and the reporter's own action).
    const mine = ++panelTicket;
    const fresh = () => mine === panelTicket;
    const { panel } = get();
    if (panel.kind === 'entity') {
      const page = await api.entities.get({ id: panel.id });
      if (fresh()) set(page.ok ? { page: page.value } : { page: null, panel: { kind: 'none' } });
    }
    if (panel.kind === 'suggestions') {
      // While the names of a large import are read, the cards grow: the 'names' changes ask again (below).
      const s = await api.entities.suggestions({ sourceId: null });
      if (s.ok && fresh()) set({ suggestions: s.value.cards, reading: s.value.reading });
    }
    if (panel.kind === 'duplicates') {
      const d = await api.entities.duplicates({});
      if (d.ok && fresh()) set({ duplicates: d.value });
    }
  };

  // Entities changed (here, by a colleague, a merge): the list and the open panel read again; the
  // reading of names moved on: the suggestions; another notebook: everything; a passage linked or
  // unlinked: the open entity's page.
  onChanges(['entities', 'names', 'notebook', 'source'], (events) => {
    const kinds = new Set(events.map((e) => e.kind));
    const { panel, list } = get();
    if (kinds.has('notebook') || kinds.has('entities')) {
      if (list.length > 0 || panel.kind !== 'none') void refreshList().then(refreshPanel);
      return;
    }
    if (kinds.has('source') && panel.kind === 'entity') void refreshPanel();
    // The reading reports every few texts: the cards are read again at most every NAMES_EVERY_MS.
    if (kinds.has('names') && panel.kind === 'suggestions' && !namesSoon) {
      namesSoon = setTimeout(() => {
        namesSoon = null;
        if (get().panel.kind === 'suggestions') void refreshPanel();
      }, NAMES_EVERY_MS);
    }
  });

  return {
    list: [],
    panel: { kind: 'none' },
    page: null,
    mentions: null,
    suggestions: null,
    reading: null,
    suggestionNotice: null,
    duplicates: null,
    error: null,
    busy: false,
    async load() {
      await refreshList();
      await refreshPanel();
    },
    async show(panel) {
      set({ panel, error: null, mentions: null, suggestionNotice: null, ...(panel.kind === 'entity' ? {} : { page: null }) });
      await refreshPanel();
    },
    async save(fields, id) {
      const saved = await attempt(() => (id ? api.entities.update({ id, ...fields }) : api.entities.create(fields as Input<'entities:create'>)));
      if (!saved) return false;
      await refreshList();
      await get().show({ kind: 'entity', id: saved.id });
      return true;
    },
    async remove(id) {
      const done = await attempt(() => api.entities.delete({ id }));
      if (!done) return false;
      set({ panel: { kind: 'none' }, page: null });
      await refreshList();
      return true;
    },
    async loadMentions(id) {
      const found = await attempt(() => api.entities.mentions({ id }));
      if (found) set({ mentions: found });
    },
    async linkMentions(id, mentions) {
      const done = await attempt(() => api.entities.linkMentions({ id, mentions: mentions.map(({ sourceId, start, end }) => ({ sourceId, start, end })) }));
      if (!done) return;
      await refreshList();
      await refreshPanel();
      await get().loadMentions(id);
    },
    async acceptSuggestion(s, as) {
      // Said and taken off the list at once; the list is read again after (from the suggestion cache: milliseconds).
      const target = as.kind === 'alias' ? get().list.find((e) => e.id === as.entityId) : undefined;
      set({ suggestions: without(get().suggestions, [s.key]), suggestionNotice: as.kind === 'alias' ? `Adding ${s.name} as another name of ${target?.name ?? 'the entity'}…` : `Adding ${s.name}…` });
      const done =
        as.kind === 'alias'
          ? await attempt(() => api.entities.addAlias({ id: as.entityId, alias: s.name }))
          : await attempt(() => api.entities.create({ type: s.type, name: s.name, aliases: s.aliases, parentId: parentOf(s)?.id ?? null }));
      set({ suggestionNotice: done ? (as.kind === 'alias' ? `Added ${s.name} as another name of ${target?.name ?? 'the entity'}.` : `Added ${s.name} as a new entity.`) : null });
      await refreshList();
      await refreshPanel();
    },
    async dismissSuggestion(key) {
      const s = get().suggestions?.find((x) => x.key === key);
      set({ suggestions: without(get().suggestions, [key]), suggestionNotice: s ? `Dismissed ${s.name}: it will not be suggested again.` : null });
      await attempt(() => api.entities.dismissSuggestion({ key }));
      await refreshPanel();
    },
    async acceptSuggestions(list) {
      if (list.length === 0) return;
      set({
        suggestions: without(
          get().suggestions,
          list.map((s) => s.key),
        ),
        suggestionNotice: `Adding ${list.length} entities…`,
      });
      const made = await attempt(() => api.entities.createMany({ entities: list.map((s) => ({ type: s.type, name: s.name, aliases: s.aliases, parentId: parentOf(s)?.id ?? null })) }));
      set({ suggestionNotice: made ? `Added ${made.length} new entities.` : null });
      await refreshList();
      await refreshPanel();
    },
    async dismissSuggestions(keys) {
      if (keys.length === 0) return;
      set({ suggestions: without(get().suggestions, keys), suggestionNotice: `Dismissing ${keys.length} suggestions…` });
      const done = await attempt(() => api.entities.dismissSuggestions({ keys }));
      set({ suggestionNotice: done ? `Dismissed ${done.dismissed} suggestions: they will not be suggested again.` : null });
      await refreshPanel();
    },
    async merge(keepId, mergeId) {
      if (!(await attempt(() => api.entities.merge({ keepId, mergeId })))) return;
      await refreshList();
      await get().show({ kind: 'entity', id: keepId });
    },
    async markDistinct(aId, bId) {
      if (!(await attempt(() => api.entities.markDistinct({ aId, bId })))) return;
      await refreshPanel();
    },
  };
});
