/**
 * The shared test data: real material from outside the project, in ../shared/testdata beside the
 * repository (on the build machines). A test that reads it fails when it is absent under CI
 * (CI=true: there it must be, and a silent skip would hide a whole family of checks), and elsewhere
 * (a user's clone) skips with one loud line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTDATA_DIR = fileURLToPath(new URL('../../../../shared/testdata', import.meta.url));

/** The path of a folder of the shared test data, or null (after one warning line) when it is absent outside CI. */
export function testdata(folder: string, what: string): string | null {
  const path = join(TESTDATA_DIR, folder);
  if (existsSync(path)) return path;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${what} need ${path}, which is absent: under CI that is a failure, not a skip.`);
  console.warn(`Skipping ${what}: ${path} is absent (it sits beside the repository on the build machines).`);
  return null;
}
