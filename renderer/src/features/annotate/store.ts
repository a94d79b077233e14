/**
 * The annotate feature's store: the annotations of the source being read, what the user is
 * editing, orphans being re-attached, and an undo stack of the edits and deletions made since the
 * notebook was opened (Ctrl+Z undoes the last one made in the source being read).
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError, Result } from '../../../../shared/api/result';
import type { Annotation, AnnotationKind, Figure } from '../../../../shared/domain/annotation';
import type { EntityType } from '../../../../shared/domain/entity';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges } from '../../lib/changes';
import { useEntities } from '../entities';
import { useLibrary } from '../library';
import { editableFields, inverseOfEdit } from './undo';

/** A passage the user selected in the reader (offsets into the source's text). */
export interface Selection {
  start: number;
  end: number;
  text: string;
}

export type Editing = { mode: 'new'; selection: Selection; kind: AnnotationKind } | { mode: 'edit'; id: string } | null;

/** What the editor saves. */
export interface AnnotationDraft {
  kind: AnnotationKind;
  note: string;
  tags: string[];
  entityIds: string[];
  figure: Figure | null;
  speakerId: string | null;
  /** A person to create as the speaker when the annotation is saved (instead of `speakerId`). */
  newSpeaker?: string | null;
  /** Entities to create and link when the annotation is saved. */
  newEntities?: { name: string; type: EntityType }[];
  eventDate: string | null;
}

interface UndoEntry {
  label: string;
  /** The source the edit was made in: Ctrl+Z in another source never undoes it. */
  sourceId: string;
  run(): Promise<Result<unknown>>;
}

interface Notice {
  message: string;
  canUndo: boolean;
}

interface AnnotateStore {
  sourceId: string | null;
  /** The source whose annotations have arrived (until then the reader is still loading them). */
  loadedFor: string | null;
  annotations: Annotation[];
  tags: Output<'annotations:tags'>;
  selectedId: string | null;
  /** Bumped to ask the reader to scroll to and flash the selected annotation. */
  flash: number;
  /** Words a search found in this source, marked in the text until another source is opened; `seq` asks the reader to scroll to them. */
  found: { start: number; end: number; seq: number } | null;
  editing: Editing;
  reattachingId: string | null;
  error: ApiError | null;
  notice: Notice | null;
  undoStack: UndoEntry[];
  load(sourceId: string | null): Promise<void>;
  reset(): void;
  /** Fetches the open source's annotations again (colleagues' edits came in), keeping the selection and an edit under way. */
  reloadAnnotations(): Promise<void>;
  select(id: string | null, options?: { flash?: boolean }): void;
  showFound(range: { start: number; end: number }): void;
  startNew(selection: Selection, kind?: AnnotationKind): void;
  /** Moves the passage of the new annotation being written (to the balanced passage offered). */
  reselect(selection: Selection): void;
  startEdit(id: string): void;
  cancelEdit(): void;
  highlight(selection: Selection): Promise<boolean>;
  save(draft: AnnotationDraft): Promise<boolean>;
  remove(id: string): Promise<void>;
  startReattach(id: string | null): void;
  reattach(selection: Selection): Promise<boolean>;
  undo(): Promise<void>;
  addVersion(text: string): Promise<Output<'sources:addVersion'> | null>;
  dismissNotice(): void;
}

const UNDO_LIMIT = 100;

export const useAnnotate = createStore<AnnotateStore>()((set, get) => {
  const fail = (error: ApiError) => set({ error });
  const pushUndo = (entry: Omit<UndoEntry, 'sourceId'>) => {
    const { sourceId } = get();
    if (sourceId) set({ undoStack: [...get().undoStack, { ...entry, sourceId }].slice(-UNDO_LIMIT) });
  };
  const refresh = async () => {
    const { sourceId } = get();
    if (!sourceId) return;
    const [list, tags] = await Promise.all([api.annotations.list({ sourceId }), api.annotations.tags({})]);
    if (get().sourceId !== sourceId) return;
    if (!list.ok) return fail(list.error);
    set({ annotations: list.value, tags: tags.ok ? tags.value : get().tags, loadedFor: sourceId });
  };

  return {
    sourceId: null,
    loadedFor: null,
    annotations: [],
    tags: [],
    selectedId: null,
    flash: 0,
    found: null,
    editing: null,
    reattachingId: null,
    error: null,
    notice: null,
    undoStack: [],
    async load(sourceId) {
      set({ sourceId, loadedFor: null, annotations: [], selectedId: null, editing: null, reattachingId: null, error: null, found: null });
      await refresh();
    },
    reloadAnnotations: () => refresh(),
    reset() {
      set({ sourceId: null, loadedFor: null, annotations: [], selectedId: null, editing: null, reattachingId: null, error: null, notice: null, undoStack: [], found: null });
    },
    select(id, options) {
      set({ selectedId: id, flash: options?.flash ? get().flash + 1 : get().flash });
    },
    showFound(range) {
      set({ found: { ...range, seq: (get().found?.seq ?? 0) + 1 }, selectedId: null });
    },
    startNew(selection, kind = 'passage') {
      set({ editing: { mode: 'new', selection, kind }, error: null });
    },
    reselect(selection) {
      const { editing } = get();
      if (editing?.mode === 'new') set({ editing: { ...editing, selection } });
    },
    startEdit(id) {
      set({ editing: { mode: 'edit', id }, selectedId: id, error: null });
    },
    cancelEdit() {
      set({ editing: null, error: null });
    },
    async highlight(selection) {
      const { sourceId } = get();
      if (!sourceId) return false;
      const result = await api.annotations.create({ sourceId, start: selection.start, end: selection.end, kind: 'passage' });
      if (!result.ok) return (fail(result.error), false);
      const made = result.value;
      pushUndo({ label: 'highlight', run: () => api.annotations.delete({ id: made.id, ifStill: editableFields(made) }) });
      set({ selectedId: result.value.id, error: null });
      await refresh();
      return true;
    },
    async save({ newSpeaker, newEntities = [], ...draft }) {
      const { editing, sourceId, annotations } = get();
      if (!editing || !sourceId) return false;
      // New entities are created first; if the annotation then fails, they stay (they were asked for).
      // (A save tried again after a failure finds the one made the first time, by its name.)
      for (const wanted of newEntities) {
        const same = useEntities.getState().list.find((e) => e.type === wanted.type && e.name.toLocaleLowerCase() === wanted.name.toLocaleLowerCase());
        const made = same
          ? { ok: true as const, value: same }
          : await api.entities.create({ type: wanted.type, name: wanted.name, aliases: [], description: '', start: null, end: null, parentId: null });
        if (!made.ok) return (fail(made.error), false);
        if (!draft.entityIds.includes(made.value.id)) draft.entityIds = [...draft.entityIds, made.value.id];
      }
      if (newEntities.length > 0) await useEntities.getState().load();
      if (newSpeaker) {
        // The new person is created first; if the annotation then fails, the person stays (it was asked for).
        const person = await api.entities.create({ type: 'person', name: newSpeaker, aliases: [], description: '', start: null, end: null, parentId: null });
        if (!person.ok) return (fail(person.error), false);
        draft.speakerId = person.value.id;
        void useEntities.getState().load();
      }
      if (editing.mode === 'new') {
        const { start, end } = editing.selection;
        const result = await api.annotations.create({ sourceId, start, end, ...draft });
        if (!result.ok) return (fail(result.error), false);
        const made = result.value;
        pushUndo({ label: 'new annotation', run: () => api.annotations.delete({ id: made.id, ifStill: editableFields(made) }) });
        set({ editing: null, selectedId: result.value.id, error: null });
      } else {
        const before = annotations.find((a) => a.id === editing.id);
        const result = await api.annotations.update({ id: editing.id, ...draft });
        if (!result.ok) return (fail(result.error), false);
        // The inverse of this edit only: the fields it changed, while they still hold what it left.
        const inverse = before ? inverseOfEdit(before, result.value) : null;
        if (inverse) pushUndo({ label: 'edit', run: () => api.annotations.update({ id: editing.id, ...inverse.restore, ifStill: inverse.ifStill }) });
        set({ editing: null, error: null });
      }
      await refresh();
      return true;
    },
    async remove(id) {
      const result = await api.annotations.delete({ id });
      if (!result.ok) return fail(result.error);
      const deleted = result.value;
      pushUndo({ label: 'deletion', run: () => api.annotations.restore({ annotation: deleted }) });
      set({ selectedId: null, editing: null, notice: { message: 'Annotation deleted.', canUndo: true }, error: null });
      await refresh();
    },
    startReattach(id) {
      set({ reattachingId: id, error: null });
    },
    async reattach(selection) {
      const id = get().reattachingId;
      const before = get().annotations.find((a) => a.id === id);
      if (!id || !before) return false;
      const result = await api.annotations.reattach({ id, start: selection.start, end: selection.end });
      if (!result.ok) return (fail(result.error), false);
      // Undo puts the annotation back exactly as it was, orphan and all.
      pushUndo({
        label: 're-attach',
        run: async () => {
          const removed = await api.annotations.delete({ id, ifStill: editableFields(result.value) });
          return removed.ok ? api.annotations.restore({ annotation: before }) : removed;
        },
      });
      set({ reattachingId: null, selectedId: id, error: null });
      await refresh();
      return true;
    },
    async undo() {
      // Undo is per source: the last edit made in the source being read, whichever was made last overall.
      const { undoStack: stack, sourceId } = get();
      const at = stack.findLastIndex((entry) => entry.sourceId === sourceId);
      const last = at < 0 ? undefined : stack[at];
      if (!last) return set({ notice: { message: stack.length > 0 ? 'Nothing to undo in this source.' : 'Nothing to undo.', canUndo: false } });
      set({ undoStack: [...stack.slice(0, at), ...stack.slice(at + 1)] });
      const result = await last.run();
      if (!result.ok) return fail(result.error);
      set({ notice: { message: `Undid the ${last.label}.`, canUndo: false }, editing: null });
      await refresh();
    },
    async addVersion(text) {
      const { sourceId } = get();
      if (!sourceId) return null;
      const result = await api.sources.addVersion({ id: sourceId, text });
      if (!result.ok) return (fail(result.error), null);
      const { exact, moved, fuzzy, orphan } = result.value.anchoring;
      const total = exact + moved + fuzzy + orphan;
      set({
        notice: {
          message:
            total === 0
              ? 'New version saved.'
              : `New version saved. Of ${total} annotation${total === 1 ? '' : 's'}: ${exact} unchanged, ${moved} moved, ${fuzzy} matched approximately, ${orphan} need${orphan === 1 ? 's' : ''} review.`,
          canUndo: false,
        },
      });
      await refresh();
      return result.value;
    },
    dismissNotice() {
      set({ notice: null });
    },
  };
});

// The open source's annotations changed (a colleague's edit, a link made from the Entities view): read again.
onChanges(['source'], (events) => {
  const { sourceId } = useAnnotate.getState();
  if (sourceId && events.some((e) => e.kind === 'source' && e.sourceId === sourceId)) void useAnnotate.getState().reloadAnnotations();
});

// Another notebook in the library: undo and the open annotations belonged to the one that was open.
useLibrary.subscribe((library, before) => {
  if (library.notebookId !== before.notebookId && before.notebookId !== null) useAnnotate.getState().reset();
});
