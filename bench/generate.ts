/**
 * Benchmark notebooks: N sources of real text (recombined real paragraphs, bench/real-text.ts)
 * with 10 annotations each, written straight in the store's layout (setup is not what is
 * measured, so it skips the per-write fsync).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { NO_FACTS, type Annotation } from '../shared/domain/annotation';
import type { SourceSummary } from '../shared/domain/source';
import { countWords } from '../shared/domain/text';
import { serialize } from '../electron/backend/store/durable-file';
import { CURRENT_SCHEMA_VERSION, NOTEBOOK_FORMAT, notebookPaths, type Manifest, type SourceShard } from '../electron/backend/store/layout';
import { mulberry32 } from '../electron/backend/testing/seeded';
import { recombinedSources, type RecombinedSource } from './real-text';

/** A small deterministic PRNG (mulberry32, the tests' own), so every run measures the same notebook. */
export const prng = mulberry32;

/** An annotation on a random passage of `text`. */
export function benchAnnotation(random: () => number, source: SourceSummary, text: string, i: number): Annotation {
  const start = Math.floor(random() * (text.length - 80));
  const end = start + 20 + Math.floor(random() * 60);
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return {
    id: `${source.id}-a${i}`,
    sourceId: source.id,
    kind: 'passage',
    target: {
      contentHash: source.contentHash,
      quote: { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      position: { start, end },
    },
    anchor: { state: 'exact' },
    note: `Check this against the district figures (${i}).`,
    tags: ['figure', 'to-verify'],
    ...NO_FACTS,
    entityIds: [],
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
  };
}

/** A source's summary, as the store keeps it, for a recombined real source imported from a web page. */
export function summaryOf(id: string, real: RecombinedSource, fileName: string | null = null): SourceSummary {
  return {
    id,
    title: real.title,
    outlet: real.outlet,
    published: real.published,
    wordCount: countWords(real.text),
    contentHash: createHash('sha256').update(real.text).digest('hex'),
    byline: null,
    lang: 'en',
    provenance: { method: fileName ? 'html-file' : 'paste', importedAt: '2026-01-01T00:00:00.000Z', fileName, url: null, original: null },
    headings: [],
    versions: [],
  };
}

/** One generated source with its text and annotations. */
export interface GeneratedSource {
  source: SourceSummary;
  text: string;
  annotations: Annotation[];
}

/** `count` sources of real text, deterministically (the same seed gives the same sources). */
export function generateSources(count: number, seed = 42): GeneratedSource[] {
  const random = prng(seed);
  const out: GeneratedSource[] = [];
  for (const [i, real] of recombinedSources(count, seed).entries()) {
    const text = real.text;
    const source = summaryOf(`s${String(i).padStart(5, '0')}`, real);
    out.push({ source, text, annotations: Array.from({ length: 10 }, (_, j) => benchAnnotation(random, source, text, j)) });
  }
  return out;
}

/** Writes generated sources as a notebook in the current (sharded) layout. */
export async function writeShardedNotebook(dir: string, sources: GeneratedSource[]): Promise<void> {
  const paths = notebookPaths(dir);
  await mkdir(paths.sources, { recursive: true });
  await mkdir(paths.bodies, { recursive: true });
  const manifest: Manifest = {
    format: NOTEBOOK_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'bench',
    name: `Benchmark (${sources.length} sources)`,
    createdAt: '2026-01-01T00:00:00.000Z',
    isSample: false,
  };
  await writeFile(paths.manifest, serialize(manifest));
  for (const g of sources) {
    await writeFile(paths.body(g.source.contentHash), g.text);
    const shard: SourceShard = { source: g.source, annotations: g.annotations };
    await writeFile(paths.shard(g.source.id), serialize(shard));
  }
}
