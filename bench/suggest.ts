/**
 * Entity suggestions on a notebook of real text (5,000 sources of recombined real paragraphs,
 * bench/real-text.ts), as a reporter meets them:
 *
 * - cold: nothing read before (a notebook imported by an older Dossier, or the cache deleted):
 *   every text read by compromise, which is also what every request cost before the cache (the
 *   naive baseline);
 * - warm: a fresh process, the texts read before (cache/entity-candidates.json): the first card set
 *   the Suggestions panel shows;
 * - after an accept: the card list built again in the same process (what the panel reads after
 *   "Add as new entity"), and the accept itself (one entity written).
 *
 * Each measurement in a process of its own where it says so; the first query is counted, with no
 * warm-up. Time, the process's resident memory added, and the load average.
 *
 *   npm run bench:suggest                 # 5,000 sources; cold once, warm and accept three times
 *   BENCH_SOURCES=500 npm run bench:suggest
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEntity } from '../electron/backend/entities/service';
import { suggestEntities } from '../electron/backend/entities/suggest';
import { Notebook } from '../electron/backend/store/notebook';
import { loadAverage, spread } from './built';
import { writeRealNotebook } from './real-notebook';
import { requirePages } from './real-text';

const SOURCES = Number(process.env.BENCH_SOURCES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const here = fileURLToPath(import.meta.url);

interface Measured {
  ms: number;
  cards: number;
  rssMb: number;
  acceptMs?: number;
  rebuildMs?: number;
}

/** In a child process: opens the notebook and asks for the suggestions once (and, with `accept`, accepts the first). */
async function child(dir: string, accept: boolean): Promise<void> {
  const nb = await Notebook.open(dir);
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const cards = await suggestEntities(nb, null);
  const out: Measured = { ms: performance.now() - started, cards: cards.length, rssMb: (process.memoryUsage().rss - rss) / 1024 / 1024 };
  if (accept && cards.length > 0) {
    const first = cards.find((c) => !c.aliasOf)!;
    const t0 = performance.now();
    await createEntity(nb, { type: first.type, name: first.name, aliases: first.aliases, description: '', start: null, end: null, parentId: null });
    out.acceptMs = performance.now() - t0;
    const t1 = performance.now();
    await suggestEntities(nb, null);
    out.rebuildMs = performance.now() - t1;
  }
  await nb.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function run(dir: string, accept: boolean): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, 'child', dir, accept ? 'accept' : 'ask'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the measuring process failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

async function main(): Promise<void> {
  requirePages();
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-suggest-'));
  const dir = join(root, 'nb');
  try {
    console.log(`Writing a notebook of ${SOURCES.toLocaleString('en')} real-text sources…`);
    await writeRealNotebook(dir, SOURCES, SOURCES);
    const loads: string[] = [];
    loads.push(loadAverage());
    const cold = run(dir, false);
    const warm: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(loadAverage());
      warm.push(run(dir, true));
    }
    console.log(`\n${SOURCES.toLocaleString('en')} sources; cold once, warm ${RUNS} runs (min / median / max); load average before each: ${loads.join('; ')}\n`);
    console.log('| what | time | resident memory added | cards |');
    console.log('|---|---|---|---|');
    console.log(`| cold: every text read by compromise (also the naive baseline: what every request cost before the cache) | ${(cold.ms / 1000).toFixed(1)} s | ${cold.rssMb.toFixed(0)} MB | ${cold.cards} |`);
    console.log(`| warm, a fresh process: the first card set | ${spread(warm.map((w) => w.ms / 1000), 2)} s | ${spread(warm.map((w) => w.rssMb), 0)} MB | ${warm[0].cards} |`);
    console.log(`| accepting a card (one entity written) | ${spread(warm.map((w) => w.acceptMs ?? NaN), 0)} ms | | |`);
    console.log(`| the cards built again after it, same process | ${spread(warm.map((w) => w.rebuildMs ?? NaN), 0)} ms | | |`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4] === 'accept');
else await main();
