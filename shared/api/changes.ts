/**
 * The change stream: what the backend tells the renderer changed, whoever changed it (this window,
 * another window of browser mode, an import finishing, a colleague's synced edit).
 * Each renderer store subscribes to the kinds it draws and reads again what it shows; no store
 * refreshes another, nothing polls. Sent over IPC in the desktop app and as server-sent events in
 * browser mode, a batch at a time.
 */
import * as z from 'zod';

export const ChangeEvent = z.discriminatedUnion('kind', [
  /** Another notebook is open (created, opened, restored from a snapshot), or this one was renamed. */
  z.object({ kind: z.literal('notebook') }).strict(),
  /** Sources were added (an import, a colleague's). */
  z.object({ kind: z.literal('sources'), sourceIds: z.array(z.string()).max(100_000) }).strict(),
  /** One source changed: its details, text, annotations, or it was deleted. */
  z.object({ kind: z.literal('source'), sourceId: z.string() }).strict(),
  z.object({ kind: z.literal('entities') }).strict(),
  z.object({ kind: z.literal('factsheet') }).strict(),
  /** The sharing state changed (a round began or ended, a conflict came in, the server went away). */
  z.object({ kind: z.literal('sharing') }).strict(),
  /** The reading of the sources' names for the suggestions moved on, or ended. */
  z.object({ kind: z.literal('names') }).strict(),
]);
export type ChangeEvent = z.infer<typeof ChangeEvent>;
export type ChangeKind = ChangeEvent['kind'];

export { CHANGES_CHANNEL, CHANGES_PATH, type DossierChanges } from './change-stream';

/** Batches as sent: a list of events, each checked (a malformed one is dropped, not the batch). */
export function readBatch(raw: unknown): ChangeEvent[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e) => {
    const parsed = ChangeEvent.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}
