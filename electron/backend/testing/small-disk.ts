/**
 * A real small filesystem for tests of a full or read-only disk: a tmpfs mounted in a temporary
 * folder. Only root may mount one; elsewhere the tests that need it skip with one loud line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Makes the filesystem read-only (as a locked share or a write-protected card would be). */
  readOnly(): void;
  /** Makes it writable again. */
  writable(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `megabytes`, or answers null (after one warning line) where this process may not. */
export function mountSmallDisk(megabytes: number, what: string): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-disk-'));
  const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });
  try {
    if (process.getuid?.() !== 0) throw new Error('only root may mount a filesystem');
    mount('-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    console.warn(`Skipping ${what}: cannot mount a small filesystem here (${((e as Error).message.split('\n')[0] ?? '').trim()}).`);
    return null;
  }
  return {
    dir,
    readOnly: () => mount('-o', 'remount,ro', dir),
    writable: () => mount('-o', 'remount,rw', dir),
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
