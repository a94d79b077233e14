/**
 * One process at a time per notebook. The lock is a folder inside the notebook, kept fresh by
 * proper-lockfile; a lock left by a crashed process goes stale and is taken over after
 * {@link LOCK_STALE_MS}.
 */
import lockfile from 'proper-lockfile';
import { DossierError } from '../../../shared/api/result';

/** How long a lock of a process that stopped updating it is honoured. */
export const LOCK_STALE_MS = 10_000;

/** Releases a held lock. */
export type ReleaseLock = () => Promise<void>;

/**
 * Takes the notebook's lock or throws NOTEBOOK_LOCKED naming the folder. `onLost` is called if
 * another process takes the lock away while we hold it (for example after the machine slept past
 * the stale time).
 */
export async function lockNotebook(dir: string, lockPath: string, onLost: (error: Error) => void): Promise<ReleaseLock> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: lockPath,
      stale: LOCK_STALE_MS,
      retries: 0,
      realpath: false,
      onCompromised: onLost,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DossierError(
        'NOTEBOOK_LOCKED',
        `The notebook at ${dir} is open in another Dossier window or process. Close it there first; ` +
          `if that process crashed, its lock clears itself within ${LOCK_STALE_MS / 1000} seconds.`,
      );
    }
    throw e;
  }
}
