/**
 * Starting where the reporter left off: the view, the source open and how far down it, per
 * notebook, kept by the backend (state.json) and put back at the next start. Saved a moment after
 * each change, never on every scroll event.
 */
import { useEffect, useRef } from 'react';
import type { NotebookSession } from '../../../shared/domain/notebook';
import { api } from '../lib/api';
import { useLibrary } from '../features/library';
import { useNotebook } from '../features/notebook';
import { useNavigation } from './navigation';

const SAVE_AFTER_MS = 600;

/** The reader's scrolling box, when a source is open. */
const readerScroll = (): HTMLElement | null => document.querySelector<HTMLElement>('.annotated-reader .reader-scroll');

/** Scrolls the reader to `top` once the source's text is laid out (a few frames at most). */
function scrollReaderTo(top: number, tries = 60): void {
  const box = readerScroll();
  if (box && box.querySelector('.reader-text') && box.scrollHeight - box.clientHeight >= Math.min(top, 1)) {
    box.scrollTop = top;
    return;
  }
  if (tries > 0) requestAnimationFrame(() => scrollReaderTo(top, tries - 1));
}

export function useSession(): void {
  const app = useNotebook((s) => s.app);
  const restoredFor = useRef<string | null>(null);
  const notebookPath = app?.notebook?.path ?? null;

  // Put back where the reporter was, once per notebook opened.
  useEffect(() => {
    if (!app?.notebook || restoredFor.current === app.notebook.path) return;
    restoredFor.current = app.notebook.path;
    const session = app.session;
    if (!session) return;
    useNavigation.getState().show(session.view);
    const sourceId = session.sourceId;
    if (!sourceId) return;
    const notebookId = app.notebook.id;
    // The source is opened once the library holds this notebook's sources (it would clear a selection made before).
    const open = () => {
      const library = useLibrary.getState();
      if (library.notebookId !== notebookId || !library.loaded) return false;
      if (library.sources.some((s) => s.id === sourceId)) {
        // After the library's own update has finished (it clears the selection on a new notebook).
        setTimeout(() => {
          void useLibrary
            .getState()
            .select(sourceId)
            .then(() => {
              if (useLibrary.getState().reader.status === 'ready' && session.scrollTop > 0) scrollReaderTo(session.scrollTop);
            });
        }, 0);
      }
      return true;
    };
    if (open()) return;
    const stop = useLibrary.subscribe(() => open() && stop());
    return stop;
  }, [app]);

  // Keep it: after a change of view or source, or a pause in scrolling.
  useEffect(() => {
    if (!notebookPath) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = '';
    const save = () => {
      timer = null;
      if (restoredFor.current !== notebookPath) return;
      const library = useLibrary.getState();
      const session: NotebookSession = {
        view: useNavigation.getState().view,
        sourceId: library.selectedId,
        scrollTop: Math.round(readerScroll()?.scrollTop ?? 0),
      };
      const key = JSON.stringify(session);
      if (key === last) return;
      last = key;
      void api.app.saveSession(session);
    };
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, SAVE_AFTER_MS);
    };
    const stopView = useNavigation.subscribe(later);
    const stopLibrary = useLibrary.subscribe((s, before) => s.selectedId !== before.selectedId && later());
    const onScroll = (e: Event) => (e.target as HTMLElement | null)?.classList?.contains('reader-scroll') && later();
    document.addEventListener('scroll', onScroll, true);
    const flush = () => timer && (clearTimeout(timer), save());
    window.addEventListener('beforeunload', flush);
    return () => {
      stopView();
      stopLibrary();
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('beforeunload', flush);
      if (timer) clearTimeout(timer);
    };
  }, [notebookPath]);
}
