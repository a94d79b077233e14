/**
 * Team notebooks (issue 15): the state of a notebook's sharing as the status line and the CLI
 * show it, and a record in conflict as the Conflicts panel shows it.
 */
import * as z from 'zod';

export const SyncState = z.enum(['synced', 'syncing', 'offline', 'error']);

/** The sharing of the open notebook; `shared: false` when it is not shared. */
export const SyncStatus = z.union([
  z.object({ shared: z.literal(false) }),
  z.object({
    shared: z.literal(true),
    server: z.string(),
    database: z.string(),
    username: z.string().nullable(),
    state: SyncState,
    /** Records edited here that the server does not have yet, as far as this machine knows. */
    pending: z.number().int().nonnegative(),
    offlineSince: z.iso.datetime().nullable(),
    lastSyncedAt: z.iso.datetime().nullable(),
    /** Records in conflict, waiting for a reporter to choose. */
    conflicts: z.number().int().nonnegative(),
    /** Records taken in from colleagues (or settled conflicts) since sharing started here: what the window shows may need reloading when it grows. */
    received: z.number().int().nonnegative(),
    /** The state in words: "Synced with couch.example at …", "Offline since …", what went wrong. */
    message: z.string(),
    /** Where the password is kept on this machine, in words. */
    passwordKept: z.string(),
  }),
]);
export type SyncStatus = z.infer<typeof SyncStatus>;
export type SharedSyncStatus = Extract<SyncStatus, { shared: true }>;

/** The kinds of record a team notebook shares. */
export const SyncRecordKind = z.enum(['notebook', 'source', 'annotation', 'entity', 'distinct', 'dismissed', 'resolution', 'summary', 'text', 'original']);

/** One version of a record in conflict, with who made it and when. */
export const ConflictVersion = z.object({
  rev: z.string(),
  /** The version every replica shows until a reporter chooses (CouchDB's deterministic winner). */
  winner: z.boolean(),
  deleted: z.boolean(),
  body: z.unknown(),
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type ConflictVersion = z.infer<typeof ConflictVersion>;

/** A record changed on two replicas at once: every version kept, none chosen yet. */
export const SyncConflict = z.object({
  id: z.string(),
  kind: SyncRecordKind,
  versions: z.array(ConflictVersion).min(2),
});
export type SyncConflict = z.infer<typeof SyncConflict>;
