/** How often automatic snapshots are taken and how many are kept (store/snapshots.ts takes them). */
export interface SnapshotPolicy {
  everyMinutes: number;
  hourly: number;
  daily: number;
}

/** One an hour while editing; the last 24 hours kept, and one a day for a week. */
export const SNAPSHOT_POLICY: SnapshotPolicy = { everyMinutes: 60, hourly: 24, daily: 7 };
