/**
 * One process at a time per notebook. The lock is a folder inside the notebook, kept fresh by
 * proper-lockfile; a lock whose holder stopped updating it is stale after {@link LOCK_STALE_MS}.
 * Beside it, an owner file names the holder's process and machine, so that after a crash on this
 * machine the lock is taken over at once instead of after the stale time.
 */
import { hostname } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { DossierError } from '../../../shared/api/result';

/** How long a lock of a process that stopped updating it is honoured. */
export const LOCK_STALE_MS = 10_000;

/** Releases a held lock. */
export type ReleaseLock = () => Promise<void>;

interface Owner {
  pid: number;
  host: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's owner is gone: a process of this machine that no longer runs, or none named
 * at all. A holder takes the lock and names itself in the owner file, and un-names itself and
 * releases, each under the takeover lock, which the caller holds: a lock without an owner file is
 * one whose holder died between the two steps (once in 73 kills during a snapshot restore, and the
 * next open was refused for the stale time).
 */
async function ownerIsGone(ownerPath: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(ownerPath, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const owner = JSON.parse(text) as Owner;
    return owner.host === hostname() && owner.pid !== process.pid && !isRunning(owner.pid);
  } catch {
    return false;
  }
}

async function take(dir: string, lockPath: string, onLost: (error: Error) => void): Promise<ReleaseLock> {
  return lockfile.lock(dir, { lockfilePath: lockPath, stale: LOCK_STALE_MS, retries: 0, realpath: false, onCompromised: onLost });
}

/**
 * Taking the lock, writing its owner and taking over a dead owner's lock happen under a second,
 * short-lived lock (`.dossier.lock.takeover`): without it, two processes finding the same dead
 * owner could each remove the lock and take it — the second removing the first's live lock in the
 * moment between its taking the lock and naming itself in the owner file — and two writers would
 * share one notebook. A process that dies holding it leaves it stale after a few seconds.
 */
async function underTakeoverLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  // Its own key (proper-lockfile keeps one lock per path it is given, whatever the lock's file).
  const release = await lockfile.lock(`${lockPath}.takeover`, {
    lockfilePath: `${lockPath}.takeover`,
    stale: TAKEOVER_STALE_MS,
    realpath: false,
    retries: { retries: 100, minTimeout: 20, maxTimeout: 100 },
    // Held for milliseconds: losing it to the stale rule only matters to a process frozen mid-open.
    onCompromised: () => undefined,
  });
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/** How long a takeover lock of a process that died holding it is honoured (it is held for milliseconds). */
const TAKEOVER_STALE_MS = 5_000;

/**
 * Takes the notebook's lock or throws NOTEBOOK_LOCKED naming the folder. `onLost` is called if
 * another process takes the lock away while we hold it (for example after the machine slept past
 * the stale time).
 */
export async function lockNotebook(dir: string, lockPath: string, onLost: (error: Error) => void): Promise<ReleaseLock> {
  const ownerPath = `${lockPath}.owner`;
  const release = await underTakeoverLock(lockPath, async () => {
    let held: ReleaseLock;
    try {
      held = await take(dir, lockPath, onLost);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (!(await ownerIsGone(ownerPath))) {
        throw new DossierError(
          'NOTEBOOK_LOCKED',
          `The notebook at ${dir} is open in another Dossier window or process. Close it there first; ` + `if that process crashed, its lock clears itself within ${LOCK_STALE_MS / 1000} seconds.`,
        );
      }
      await rm(lockPath, { recursive: true, force: true });
      held = await take(dir, lockPath, onLost);
    }
    try {
      await writeFile(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
    } catch (e) {
      await held().catch(() => undefined);
      throw e;
    }
    return held;
  });
  // Un-named and released under the takeover lock: no other process sees the lock without its owner while this one lives.
  return () =>
    underTakeoverLock(lockPath, async () => {
      await rm(ownerPath, { force: true });
      await release();
    });
}
