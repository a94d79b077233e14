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

/** Whether the lock's owner is a process of this machine that no longer runs. */
async function ownerIsGone(ownerPath: string): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(ownerPath, 'utf8')) as Owner;
    return owner.host === hostname() && owner.pid !== process.pid && !isRunning(owner.pid);
  } catch {
    return false;
  }
}

async function take(dir: string, lockPath: string, onLost: (error: Error) => void): Promise<ReleaseLock> {
  return lockfile.lock(dir, { lockfilePath: lockPath, stale: LOCK_STALE_MS, retries: 0, realpath: false, onCompromised: onLost });
}

/**
 * Takes the notebook's lock or throws NOTEBOOK_LOCKED naming the folder. `onLost` is called if
 * another process takes the lock away while we hold it (for example after the machine slept past
 * the stale time).
 */
export async function lockNotebook(dir: string, lockPath: string, onLost: (error: Error) => void): Promise<ReleaseLock> {
  const ownerPath = `${lockPath}.owner`;
  let release: ReleaseLock;
  try {
    release = await take(dir, lockPath, onLost);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    if (!(await ownerIsGone(ownerPath))) {
      throw new DossierError(
        'NOTEBOOK_LOCKED',
        `The notebook at ${dir} is open in another Dossier window or process. Close it there first; ` +
          `if that process crashed, its lock clears itself within ${LOCK_STALE_MS / 1000} seconds.`,
      );
    }
    await rm(lockPath, { recursive: true, force: true });
    release = await take(dir, lockPath, onLost);
  }
  await writeFile(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
  return async () => {
    await rm(ownerPath, { force: true });
    await release();
  };
}
