/**
 * The reader with annotations: the source's text with its highlights, the selection toolbar and
 * keyboard shortcuts (H highlight, N annotate, Esc cancel), the side panel, and new versions.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { balanceOffer, describeMarks, type BalanceOffer } from '../../../../shared/domain/quotes';
import { mailThreads } from '../../../../shared/domain/mail';
import { useNavigation } from '../../lib/navigation';
import { Splitter } from '../../components/Splitter';
import { isTyping } from '../../lib/keys';
import { pick } from '../../lib/store';
import { usePaneWidth } from '../settings';
import { useEntities } from '../entities';
import { useLibrary } from '../library';
import { Reader, type ReaderProps } from './components/Reader';
import type { MailContext } from './components/MailDetails';
import { AnnotationEditor } from './components/AnnotationEditor';
import { AnnotationPanel } from './components/AnnotationPanel';
import { HighlightedText } from './components/HighlightedText';
import { TableText } from './components/TableText';
import { NewVersionDialog } from './components/NewVersionDialog';
import { SelectionToolbar } from './components/SelectionToolbar';
import { WordFinder } from './components/WordFinder';
import { findWords, selectedPassage, selectionRect, selectOffsets } from './selection';
import { useAnnotate, type Selection } from './store';

interface ToolbarState {
  selection: Selection;
  /** Set when the selection's quotation marks do not balance. */
  marks: BalanceOffer | null;
  top: number;
  selectionTop: number;
  left: number;
}

/** An annotation already saved is only warned about: its passage moves by attaching it again. */
function problemOnly(quote: string): BalanceOffer | null {
  const problem = describeMarks(quote);
  return problem ? { problem, extendLabel: '', trimLabel: '', extend: null, trim: null } : null;
}

/** Scrolls to the selected annotation's first highlight and flashes it. */
function useFlash(root: HTMLElement | null, selectedId: string | null, flash: number) {
  useEffect(() => {
    if (!root || !selectedId || flash === 0) return;
    const marks = [...root.querySelectorAll<HTMLElement>('mark[data-ids]')].filter((m) => m.dataset.ids!.split(' ').includes(selectedId));
    if (marks.length === 0) return;
    marks[0].scrollIntoView({ block: 'center' });
    for (const m of marks) m.classList.add('flash');
    const t = setTimeout(() => marks.forEach((m) => m.classList.remove('flash')), 1600);
    return () => clearTimeout(t);
  }, [root, selectedId, flash]);
}

/** Scrolls to the words a search found and flashes them. */
function useFound(root: HTMLElement | null, seq: number | undefined) {
  useEffect(() => {
    if (!root || !seq) return;
    const marks = [...root.querySelectorAll<HTMLElement>('mark[data-found]')];
    if (marks.length === 0) return;
    marks[0].scrollIntoView({ block: 'center' });
    for (const m of marks) m.classList.add('flash');
    const t = setTimeout(() => marks.forEach((m) => m.classList.remove('flash')), 1600);
    return () => clearTimeout(t);
  }, [root, seq]);
}

export function AnnotatedReader() {
  const reader = useLibrary((s) => s.reader);
  const hasSources = useLibrary((s) => s.sources.length > 0);
  const librarySources = useLibrary((s) => s.sources);
  // The fields the reader draws, by selector (notices and the undo stack do not draw it again); the actions, as they are.
  const drawn = useAnnotate(
    pick((x) => ({
      sourceId: x.sourceId,
      annotations: x.annotations,
      loadedFor: x.loadedFor,
      selectedId: x.selectedId,
      flash: x.flash,
      found: x.found,
      editing: x.editing,
      reattachingId: x.reattachingId,
      error: x.error,
      tags: x.tags,
    })),
  );
  const a = { ...useAnnotate.getState(), ...drawn };
  const [textRoot, setTextRoot] = useState<HTMLDivElement | null>(null);
  const [toolbar, setToolbar] = useState<ToolbarState | null>(null);
  const [busy, setBusy] = useState(false);
  const [versionOpen, setVersionOpen] = useState(false);
  const pane = usePaneWidth('annotations');
  const [finding, setFinding] = useState(false);
  const source = reader.status === 'ready' ? reader.source : null;
  // The notebook's threads, worked out once per list of sources (only messages take part).
  const threads = useMemo(() => mailThreads(librarySources), [librarySources]);
  const mailContext = useMemo((): MailContext | undefined => {
    if (!source) return undefined;
    // A workbook's sheets, in the order its text lists them.
    const order = (name: string) => source.text.indexOf(`\n${name}: `);
    const parts = source.mail
      ? []
      : librarySources
          .filter((s) => s.attachedTo?.sourceId === source.id)
          .sort((a, b) => order(a.attachedTo!.fileName) - order(b.attachedTo!.fileName))
          .map((s) => ({ id: s.id, title: s.title }));
    if (!source.mail && !source.attachedTo && parts.length === 0) return undefined;
    const parent = source.attachedTo ? librarySources.find((s) => s.id === source.attachedTo!.sourceId) : undefined;
    const thread = threads.get(source.id);
    const others = thread
      ? librarySources
          .filter((s) => s.id !== source.id && threads.get(s.id) === thread)
          .map((s) => ({ id: s.id, title: s.title, sentAt: s.mail?.sentAt ?? null }))
          .sort((a, b) => (a.sentAt && b.sentAt ? Date.parse(a.sentAt) - Date.parse(b.sentAt) : 0))
      : [];
    return { message: parent ? { id: parent.id, title: parent.title } : null, thread: others, parts };
  }, [source, librarySources, threads]);
  const panelRef = useRef<HTMLDivElement>(null);
  const entities = useEntities((s) => s.list);
  const loadEntities = useEntities((s) => s.load);
  const entityNames = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);
  const openEntity = useNavigation((s) => s.openEntity);
  useEffect(() => {
    void loadEntities();
  }, [loadEntities]);

  const { load, sourceId } = a;
  useEffect(() => {
    if (source && sourceId !== source.id) void load(source.id);
  }, [source, sourceId, load]);

  useFlash(textRoot, a.selectedId, a.flash);
  useFound(textRoot, a.found?.seq);
  useEffect(() => {
    if (!a.selectedId) return;
    panelRef.current?.querySelector(`[data-annotation="${a.selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [a.selectedId]);

  const updateToolbar = useCallback(() => {
    const passage = textRoot && source ? selectedPassage(textRoot, source.text) : null;
    const rect = passage ? selectionRect() : null;
    if (!passage || !rect || !source) return setToolbar(null);
    const marks = balanceOffer(source.text, passage.start, passage.end);
    setToolbar({ selection: passage, marks, top: rect.bottom + 8, selectionTop: rect.top, left: Math.max(8, Math.min(rect.left, window.innerWidth - (marks ? 420 : 260))) });
  }, [textRoot, source]);

  useEffect(() => {
    const onSelectionChange = () => {
      if (window.getSelection()?.isCollapsed) setToolbar(null);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const clearSelection = () => {
    window.getSelection()?.removeAllRanges();
    setToolbar(null);
  };
  const highlight = (selection: Selection) => run(async () => (await a.highlight(selection)) && clearSelection());
  const annotate = (selection: Selection) => {
    a.startNew(selection);
    clearSelection();
  };
  const attach = (selection: Selection) => run(async () => (await a.reattach(selection)) && clearSelection());

  // A layout effect: the keys answer for the toolbar from the moment it is drawn (an effect would
  // run after the paint, and a key pressed in between would find the listener of before).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || !toolbar) return;
      const key = e.key.toLowerCase();
      if (key === 'escape') clearSelection();
      else if (a.reattachingId && key === 'enter') void attach(toolbar.selection);
      else if (!a.reattachingId && key === 'h') void highlight(toolbar.selection);
      else if (!a.reattachingId && key === 'n') annotate(toolbar.selection);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // "/" opens the word finder: selecting a passage without a mouse.
  useEffect(() => {
    const onSlash = (e: KeyboardEvent) => {
      if (e.key !== '/' || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setFinding(true);
    };
    document.addEventListener('keydown', onSlash);
    return () => document.removeEventListener('keydown', onSlash);
  }, []);

  if (!source) {
    const props: ReaderProps = reader.status === 'error' ? { status: 'error', error: reader.error } : reader.status === 'loading' ? { status: 'loading' } : { status: 'idle', hasSources };
    return (
      <div className="reader-scroll">
        <Reader {...props} />
      </div>
    );
  }

  // What the text shows, as paragraphs or as a sheet's table.
  const textProps = {
    ref: setTextRoot,
    text: source.text,
    annotations: a.annotations,
    found: a.found,
    selectedId: a.selectedId,
    onHighlightClick: (ids: string[]) => {
      // A second click on an overlap moves to the next highlight under the pointer.
      const i = a.selectedId ? ids.indexOf(a.selectedId) : -1;
      a.select(ids[(i + 1) % ids.length]);
    },
  };
  const editing = a.editing;
  const edited = editing?.mode === 'edit' ? a.annotations.find((x) => x.id === editing.id) : undefined;
  // What the editor opens on: a new passage, or the annotation being edited.
  const subject =
    editing?.mode === 'new'
      ? {
          key: 'new',
          title: 'New annotation',
          quote: editing.selection.text,
          marks: balanceOffer(source.text, editing.selection.start, editing.selection.end),
          initial: { kind: editing.kind, note: '', tags: [], entityIds: [], figure: null, speakerId: null, eventDate: null },
        }
      : edited
        ? {
            key: edited.id,
            title: 'Edit annotation',
            quote: edited.target.quote.exact,
            marks: problemOnly(edited.target.quote.exact),
            initial: { kind: edited.kind, note: edited.note, tags: edited.tags, entityIds: edited.entityIds, figure: edited.figure, speakerId: edited.speakerId, eventDate: edited.eventDate },
          }
        : null;
  const editor = subject ? (
    <AnnotationEditor
      key={subject.key}
      title={subject.title}
      quote={subject.quote}
      initial={subject.initial}
      suggestions={a.tags.map((t) => t.tag)}
      entities={entities}
      busy={busy}
      error={a.error}
      onSave={(draft) => void run(() => a.save(draft))}
      onCancel={a.cancelEdit}
      marks={subject.marks}
      onReselect={(span) => a.reselect({ ...span, text: source.text.slice(span.start, span.end) })}
    />
  ) : null;

  return (
    <div className="annotated-reader" style={{ gridTemplateColumns: `minmax(0, 1fr) auto ${pane.width}px` }}>
      <div className="reader-scroll" onScroll={() => toolbar && updateToolbar()}>
        <Reader
          status="ready"
          source={source}
          mail={mailContext}
          onLanguage={(lang) => void useLibrary.getState().updateMeta([source.id], { lang })}
          actions={
            <>
              <button type="button" className="small" onClick={() => setFinding(true)} aria-keyshortcuts="/" title="Select words with the keyboard (/)">
                Select words… <kbd>/</kbd>
              </button>
              <button type="button" className="small" onClick={() => setVersionOpen(true)}>
                New version…
              </button>
            </>
          }
        >
          {finding ? (
            <WordFinder
              onFind={(query, from) => {
                const at = findWords(source.text, query, from) ?? (from > 0 ? findWords(source.text, query, 0) : null);
                // Marked (and scrolled to) as a search's words are; selected only on leaving.
                if (at) a.showFound(at);
                return at;
              }}
              onDone={(at) => {
                setFinding(false);
                if (at && textRoot) {
                  // After the box is gone and the text drawn again: the selection, and its toolbar.
                  requestAnimationFrame(() => {
                    if (selectOffsets(textRoot, at.start, at.end)) updateToolbar();
                  });
                }
              }}
            />
          ) : null}
          <div onMouseUp={updateToolbar} onKeyUp={(e) => e.shiftKey && updateToolbar()}>
            {source.table ? <TableText {...textProps} place={source.table} /> : <HighlightedText {...textProps} lang={source.lang} headings={source.headings} />}
          </div>
        </Reader>
      </div>
      <Splitter label="Resize the annotations panel" value={pane.width} min={pane.min} max={pane.max} direction={-1} onChange={pane.show} onCommit={pane.keep} />
      <div className="panel-scroll" ref={panelRef}>
        {!editor && a.error ? (
          <p role="alert" className="error-text pane-note">
            {a.error.message}
          </p>
        ) : null}
        <AnnotationPanel
          key={source.id}
          annotations={a.annotations}
          loading={source !== null && a.loadedFor !== source.id && !a.error}
          selectedId={a.selectedId}
          reattachingId={a.reattachingId}
          editor={editor}
          onSelect={(id) => a.select(id, { flash: true })}
          onEdit={a.startEdit}
          onDelete={(id) => void a.remove(id)}
          onReattach={a.startReattach}
          entityNames={entityNames}
          onOpenEntity={(id) => void openEntity(id)}
          onKeep={(x) =>
            void run(async () => {
              a.startReattach(x.id);
              await a.reattach({ start: x.target.position.start, end: x.target.position.end, text: x.target.quote.exact });
            })
          }
        />
      </div>
      {toolbar ? (
        <SelectionToolbar
          top={toolbar.top}
          selectionTop={toolbar.selectionTop}
          left={toolbar.left}
          reattaching={a.reattachingId !== null}
          busy={busy}
          onHighlight={() => void highlight(toolbar.selection)}
          onNote={() => annotate(toolbar.selection)}
          onAttach={() => void attach(toolbar.selection)}
          marks={toolbar.marks}
          onReselect={(span) => {
            if (textRoot && selectOffsets(textRoot, span.start, span.end)) updateToolbar();
          }}
        />
      ) : null}
      {versionOpen ? (
        <NewVersionDialog
          title={source.title}
          busy={busy}
          error={a.error}
          onClose={() => setVersionOpen(false)}
          onSubmit={(text) =>
            void run(async () => {
              if (await a.addVersion(text)) {
                setVersionOpen(false);
                await useLibrary.getState().refreshSelected();
              }
            })
          }
        />
      ) : null}
    </div>
  );
}
