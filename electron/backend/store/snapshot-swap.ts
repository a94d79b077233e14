/**
 * Putting a snapshot's restored folder in place of the notebook, and finishing that after a crash:
 * a module of its own, as opening a notebook finishes a swap a crash cut short, and opening must not
 * load the rest of snapshots (which checks the notebooks it builds, and so opens them).
 */
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncFolder } from './durable-file';
import { escapeRegExp, gone } from './leftovers';

/** The snapshots folder of a notebook folder. */
export const snapshotsFolder = (dir: string) => join(dir, 'snapshots');

/** Written into a restored folder once it is whole and checked: only such a folder is swapped in after a crash. */
export const READY = '.snapshot-ready';

/**
 * Puts a prepared restore in place of the (closed) notebook: the old folder aside, the snapshots
 * and a team notebook's sync/ folder carried over, the new folder in, the old one removed. {@link finishSnapshotRestore} completes
 * it after a crash.
 */
export async function swapInSnapshot(dir: string, building: string): Promise<void> {
  const replaced = `${dir}.replaced-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(dir, replaced);
  await completeSwap(dir, building, replaced);
}

async function completeSwap(dir: string, building: string, replaced: string | null): Promise<void> {
  if (replaced) await rename(snapshotsFolder(replaced), snapshotsFolder(building)).catch(() => undefined);
  // A team notebook stays shared; sync/restore.json, written before the swap, tells its bridge that
  // what differs now is a restore, which rolls back only this reporter's own edits (sync/recovery.ts).
  if (replaced) await rename(join(replaced, 'sync'), join(building, 'sync')).catch(() => undefined);
  await rename(building, dir);
  await unlink(join(dir, READY)).catch(() => undefined);
  await fsyncFolder(dirname(dir));
  if (replaced) await rm(replaced, { recursive: true, force: true });
}

/**
 * Finishes a snapshot restore a crash cut short, and removes what a killed one left: run before a
 * notebook folder is opened. Answers whether a restore was finished.
 */
export async function finishSnapshotRestore(dir: string): Promise<boolean> {
  const parent = dirname(dir);
  const base = escapeRegExp(basename(dir));
  const names = await readdir(parent).catch(() => [] as string[]);
  const ofDead = (pattern: RegExp) =>
    names.filter((n) => {
      const m = pattern.exec(n);
      return m !== null && Number(m[1]) !== process.pid && gone(Number(m[1]));
    });
  const built = ofDead(new RegExp(`^${base}\\.snapshot-(\\d+)-[0-9a-f]{8}$`));
  const replaced = ofDead(new RegExp(`^${base}\\.replaced-(\\d+)-[0-9a-f]{8}$`));
  const dirThere = await stat(dir).then(
    () => true,
    () => false,
  );
  let finished = false;
  if (!dirThere) {
    for (const b of built) {
      if (!(await stat(join(parent, b, READY)).catch(() => null))) continue;
      await completeSwap(dir, join(parent, b), replaced[0] ? join(parent, replaced[0]) : null);
      finished = true;
      break;
    }
  }
  if (
    await stat(dir).then(
      () => true,
      () => false,
    )
  ) {
    for (const n of [...built, ...replaced]) await rm(join(parent, n), { recursive: true, force: true });
  }
  return finished;
}
