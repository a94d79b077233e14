/**
 * Where the change stream (changes.ts) travels, without its schema: the preload imports this and
 * nothing heavier (it is bundled into a sandboxed script).
 */

/** The IPC channel the desktop app sends batches of changes on. */
export const CHANGES_CHANNEL = 'dossier:changes';
/** Browser mode's stream of changes (server-sent events, token-guarded like the API). */
export const CHANGES_PATH = '/api/changes';

/** What the preload gives the page in the desktop app: batches as sent, checked by the page (changes.ts readBatch). */
export interface DossierChanges {
  /** Calls `listener` with each batch of changes; returns the unsubscribe. */
  subscribe(listener: (batch: unknown) => void): () => void;
}
