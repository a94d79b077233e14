/** Helpers for tests of the backend on real temporary folders. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_FACTS, type Annotation } from '../../../shared/domain/annotation';
import type { SourceSummary } from '../../../shared/domain/source';

/** The repository's seeds/ folder. */
export const SEEDS_DIR = fileURLToPath(new URL('../../../seeds', import.meta.url));

/** A fresh temporary folder and a function that removes it. */
export async function tempDir(prefix = 'dossier-test-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An annotation on the first `length` characters of a source. */
export function annotationOn(source: SourceSummary, text: string, n = 0, length = 20): Annotation {
  const now = new Date().toISOString();
  const start = n % Math.max(1, text.length - length);
  return {
    id: `a${n}-${randomBytes(3).toString('hex')}`,
    sourceId: source.id,
    kind: 'passage',
    target: {
      contentHash: source.contentHash,
      quote: { exact: text.slice(start, start + length), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + length, start + length + 32) },
      position: { start, end: start + length },
    },
    anchor: { state: 'exact' },
    note: `note ${n}`,
    tags: ['figure'],
    entityIds: [],
    ...NO_FACTS,
    createdAt: now,
    updatedAt: now,
    createdBy: null,
    updatedBy: null,
  };
}
