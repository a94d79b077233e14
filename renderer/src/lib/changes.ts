/**
 * The change stream in the renderer (shared/api/changes.ts). Each store subscribes, when its module
 * loads, to the kinds of change it draws, and reads again what it shows; the app connects once at
 * start. In the desktop app the batches come through the preload; in browser mode through a
 * streamed POST to /api/changes with the token, opened again after a pause when it drops. After a
 * reconnection nothing is known of what changed meanwhile, so every store is told the notebook
 * changed.
 */
import { useEffect } from 'react';
import { CHANGES_PATH, readBatch, type ChangeEvent, type ChangeKind } from '../../../shared/api/changes';
import { browserToken } from './api';

type Listener = (events: ChangeEvent[]) => void;

const subscribers = new Set<{ kinds: ReadonlySet<ChangeKind>; listener: Listener }>();

/** Calls `listener` with the events of these kinds, a batch at a time; returns the unsubscribe. */
export function onChanges(kinds: readonly ChangeKind[], listener: Listener): () => void {
  const entry = { kinds: new Set(kinds), listener };
  subscribers.add(entry);
  return () => subscribers.delete(entry);
}

/** Hands a batch to every subscriber, each only the kinds it asked for. */
export function deliver(batch: ChangeEvent[]): void {
  for (const { kinds, listener } of subscribers) {
    const mine = batch.filter((e) => kinds.has(e.kind));
    if (mine.length === 0) continue;
    try {
      listener(mine);
    } catch (e) {
      console.error('[dossier] a change listener failed:', e);
    }
  }
}

/** The longest pause before the stream is opened again. */
const RETRY_MAX_MS = 10_000;

/** Reads a server-sent event stream: calls `onData` with each event's data. */
async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) onData(data);
    }
  }
}

/** Browser mode: the stream, kept open until `signal` aborts. */
async function streamOverHttp(token: string, signal: AbortSignal): Promise<void> {
  let pause = 500;
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      const response = await fetch(CHANGES_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token }, body: '{}', signal });
      if (response.ok && response.body) {
        if (connectedBefore) deliver([{ kind: 'notebook' }]);
        connectedBefore = true;
        pause = 500;
        await readEvents(response.body, (data) => {
          try {
            deliver(readBatch(JSON.parse(data)));
          } catch {
            // A line that is not JSON: not a batch.
          }
        });
      }
    } catch {
      // Dossier stopped or restarted: tried again below.
    }
    if (signal.aborted) return;
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, RETRY_MAX_MS);
  }
}

/** Starts receiving the changes (once, at the app's start); returns the stop. */
export function connectChanges(): () => void {
  if (window.dossierChanges) return window.dossierChanges.subscribe((batch) => deliver(readBatch(batch)));
  const token = browserToken();
  if (!token) return () => undefined;
  const controller = new AbortController();
  void streamOverHttp(token, controller.signal);
  return () => controller.abort();
}

/**
 * Whether a view is on screen, for a store that reads again on a change only what is shown (a
 * hidden view reads everything again when it opens). The view calls `use()` while it is mounted.
 */
export function shownFlag(): { readonly shown: boolean; use(): void } {
  let count = 0;
  return {
    get shown() {
      return count > 0;
    },
    use() {
      // A hook: counts the view as shown from its mount to its unmount.
      useEffect(() => {
        count++;
        return () => {
          count--;
        };
      }, []);
    },
  };
}
