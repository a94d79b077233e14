/**
 * The `sync:` operations of the contract (see contract.ts, which includes these): team notebooks
 * shared through a CouchDB server — turn sharing on, join a shared notebook, sync now, see the
 * state, list and settle conflicts, turn sharing off.
 */
import * as z from 'zod';
import { FolderPath, NotebookInfo } from '../domain/notebook';
import { SyncConflict, SyncStatus } from '../domain/sync';

const Empty = z.object({}).strict();

/** The team's server as the reporter gives it: its address, the database, and who they are there. */
const Server = {
  server: z.string().trim().min(1, 'give the server’s address').max(2000),
  database: z.string().trim().min(1, 'give the database’s name').max(238),
  username: z.string().trim().min(1).max(200).nullable().default(null),
  /** Kept where this host keeps passwords (said in the status), never in the notebook. */
  password: z.string().min(1).max(1000).nullable().default(null),
};

/** What one sync round moved. */
export const SyncRound = z.object({
  sent: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  refused: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** After a snapshot restore here: records colleagues changed since the snapshot, kept as the team has them (not rolled back). */
  kept: z.array(z.object({ id: z.string(), by: z.string().nullable() })).default([]),
  /** After a snapshot restore for the whole team: records rolled back over colleagues' edits, their versions left as conflicts. */
  rolledBack: z.array(z.object({ id: z.string(), by: z.string().nullable() })).default([]),
  uploaded: z.number().int().nonnegative(),
  downloaded: z.number().int().nonnegative(),
});
export type SyncRound = z.infer<typeof SyncRound>;

export const syncOperations = {
  /** Whether the open notebook is shared, and the state of its sync in words. */
  'sync:status': {
    input: Empty,
    output: SyncStatus,
  },
  /**
   * Shares the open notebook through a server (creating the database there when it is missing)
   * and runs the first round; nothing is written when the server cannot be reached or refuses.
   */
  'sync:share': {
    input: z.object(Server).strict(),
    output: z.object({ status: SyncStatus, round: SyncRound }),
  },
  /** Opens a notebook shared by colleagues: a new local notebook (in `path`, or the notebooks folder) holding a full copy. */
  'sync:join': {
    input: z.object({ ...Server, path: FolderPath.optional() }).strict(),
    output: z.object({ notebook: NotebookInfo, round: SyncRound }),
  },
  /** One round with the server now: edits made here sent, colleagues' taken in. */
  'sync:now': {
    input: Empty,
    output: SyncRound,
  },
  /** Records changed on two machines at once, each version with its author. */
  'sync:conflicts': {
    input: Empty,
    output: z.array(SyncConflict),
  },
  /** Settles a conflict with one of its versions, or with a version the reporter combined. */
  'sync:resolve': {
    input: z.union([z.object({ id: z.string().min(1).max(600), keep: z.string().min(3).max(200) }).strict(), z.object({ id: z.string().min(1).max(600), body: z.unknown() }).strict()]),
    output: z.object({ conflicts: z.number().int().nonnegative() }),
  },
  /** Turns sharing off for the open notebook (it keeps everything; colleagues' copies are untouched). */
  'sync:stop': {
    input: Empty,
    output: SyncStatus,
  },
};
