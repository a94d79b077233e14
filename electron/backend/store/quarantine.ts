/**
 * Setting damaged files aside. A file Dossier cannot read is never deleted or rewritten: it is
 * moved, byte for byte, into a quarantine folder under a dated name, where the user (or support)
 * can recover what it holds.
 */
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Moves `file` into `quarantineDir` untouched and returns where it went, or null if it could not. */
export async function quarantineFile(quarantineDir: string, file: string): Promise<string | null> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(quarantineDir, `${basename(file)}.${stamp}`);
  try {
    await mkdir(quarantineDir, { recursive: true });
    await rename(file, target);
    return target;
  } catch {
    return null;
  }
}
