/**
 * A benchmark notebook of real text: `size` sources of recombined real paragraphs
 * (bench/real-text.ts) with `annotations` annotations spread over them, written straight in the
 * store's layout (setup is not what is measured, so it skips the per-write fsync).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Annotation } from '../shared/domain/annotation';
import { serialize } from '../electron/backend/store/durable-file';
import { CURRENT_SCHEMA_VERSION, NOTEBOOK_FORMAT, notebookPaths, type Manifest, type SourceShard } from '../electron/backend/store/layout';
import { benchAnnotation, prng, summaryOf } from './generate';
import { recombinedSources } from './real-text';

/** Writes a notebook of `size` real-text sources with 50,000 annotations spread over them. */
export async function writeRealNotebook(dir: string, size: number, annotations = 50_000): Promise<void> {
  const paths = notebookPaths(dir);
  await mkdir(paths.sources, { recursive: true });
  await mkdir(paths.bodies, { recursive: true });
  const manifest: Manifest = {
    format: NOTEBOOK_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: `scale-${size}`,
    name: `Scale (${size.toLocaleString('en')} sources)`,
    createdAt: '2026-01-01T00:00:00.000Z',
    isSample: false,
  };
  await writeFile(paths.manifest, serialize(manifest));
  const random = prng(size);
  const perSource = Math.max(1, Math.round(annotations / size));
  const sources = recombinedSources(size, 11);
  const writes: Promise<void>[] = [];
  for (const [i, s] of sources.entries()) {
    const source = summaryOf(`s${String(i).padStart(6, '0')}`, s, `${i}.html`);
    const list: Annotation[] = Array.from({ length: perSource }, (_, j) => benchAnnotation(random, source, s.text, j));
    writes.push(writeFile(paths.body(source.contentHash), s.text), writeFile(paths.shard(source.id), serialize({ source, annotations: list } satisfies SourceShard)));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}
