/**
 * The entities feature's store: the list, the open entity's page and unlinked mentions, the
 * suggestions and likely duplicates, and the editor.
 */
import type { Input, Output } from '../../../../shared/api/contract';
import type { ApiError, Result } from '../../../../shared/api/result';
import type { EntityFields } from '../../../../shared/domain/entity';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';

export type EntitySummary = Output<'entities:list'>[number];
export type EntityPageData = Output<'entities:get'>;
export type Mention = Output<'entities:mentions'>[number];
export type Suggestion = Output<'entities:suggestions'>[number];
export type Duplicate = Output<'entities:duplicates'>[number];

/** What the right-hand side of the view shows. */
export type Panel = { kind: 'entity'; id: string } | { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'suggestions' } | { kind: 'duplicates' } | { kind: 'none' };

interface EntitiesStore {
  list: EntitySummary[];
  panel: Panel;
  page: EntityPageData | null;
  mentions: Mention[] | null;
  suggestions: Suggestion[] | null;
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
  merge(keepId: string, mergeId: string): Promise<void>;
  markDistinct(aId: string, bId: string): Promise<void>;
}

export const useEntities = createStore<EntitiesStore>()((set, get) => {
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
  const refreshPanel = async () => {
    const { panel } = get();
    if (panel.kind === 'entity') {
      const page = await api.entities.get({ id: panel.id });
      set(page.ok ? { page: page.value } : { page: null, panel: { kind: 'none' } });
    }
    if (panel.kind === 'suggestions') {
      const s = await api.entities.suggestions({ sourceId: null });
      if (s.ok) set({ suggestions: s.value });
    }
    if (panel.kind === 'duplicates') {
      const d = await api.entities.duplicates({});
      if (d.ok) set({ duplicates: d.value });
    }
  };

  return {
    list: [],
    panel: { kind: 'none' },
    page: null,
    mentions: null,
    suggestions: null,
    duplicates: null,
    error: null,
    busy: false,
    async load() {
      await refreshList();
      await refreshPanel();
    },
    async show(panel) {
      set({ panel, error: null, mentions: null, ...(panel.kind === 'entity' ? {} : { page: null }) });
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
      const done =
        as.kind === 'alias'
          ? await attempt(() => api.entities.addAlias({ id: as.entityId, alias: s.name }))
          : await attempt(() => {
              const parent = s.parentName ? get().list.find((e) => e.type === 'operation' && [e.name, ...e.aliases].some((n) => n.toLowerCase().includes(s.parentName!.toLowerCase()))) : undefined;
              return api.entities.create({ type: s.type, name: s.name, aliases: s.aliases, parentId: parent?.id ?? null });
            });
      if (!done) return;
      await refreshList();
      await refreshPanel();
    },
    async dismissSuggestion(key) {
      if (await attempt(() => api.entities.dismissSuggestion({ key }))) await refreshPanel();
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
