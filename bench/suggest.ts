/**
 * Entity suggestions on a notebook of real text (5,000 sources of recombined real paragraphs,
 * bench/real-text.ts), as a reporter meets them:
 *
 * - cold: nothing read before (a notebook just imported, or imported by an older Dossier): the
 *   first answer the panel gets (the cards read so far, and how far the reading is), and the whole
 *   reading by the names worker, with the longest the app's thread was blocked meanwhile;
 * - the naive baseline, in the same run: the same reading on the app's thread, as it was before the
 *   worker (and, before the cache, what every request cost);
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
import { NameReader } from '../electron/backend/entities/name-reader';
import { suggestEntities } from '../electron/backend/entities/suggest';
import { Notebook } from '../electron/backend/store/notebook';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadAverage, spread, useBuiltWorkers } from './built';
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

interface Cold {
  firstMs: number;
  firstCards: number;
  readMs: number;
  stallMs: number;
  rssMb: number;
  cards: number;
}

type Mode = 'ask' | 'accept' | 'cold-worker' | 'cold-thread';

/** In a child process: opens the notebook and asks for the suggestions once (and, with `accept`, accepts the first). */
async function child(dir: string, mode: Mode): Promise<void> {
  await useBuiltWorkers();
  const nb = await Notebook.open(dir);
  const names = new NameReader(nb, { inThread: mode === 'cold-thread' });
  const rss = process.memoryUsage().rss;
  if (mode === 'cold-worker' || mode === 'cold-thread') {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    // What the panel gets first, then the whole reading the panel shows the progress of.
    const first = await suggestEntities(nb, null, names);
    const firstMs = performance.now() - started;
    await names.read(nb.listSources());
    const readMs = performance.now() - started;
    loop.disable();
    const all = await suggestEntities(nb, null, names);
    const out: Cold = { firstMs, firstCards: first.cards.length, readMs, stallMs: loop.max / 1e6, rssMb: (process.memoryUsage().rss - rss) / 1024 / 1024, cards: all.cards.length };
    await names.close();
    await nb.close();
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const started = performance.now();
  const { cards } = await suggestEntities(nb, null, names);
  const out: Measured = { ms: performance.now() - started, cards: cards.length, rssMb: (process.memoryUsage().rss - rss) / 1024 / 1024 };
  if (mode === 'accept' && cards.length > 0) {
    const first = cards.find((c) => !c.aliasOf)!;
    const t0 = performance.now();
    await createEntity(nb, { type: first.type, name: first.name, aliases: first.aliases, description: '', start: null, end: null, parentId: null });
    out.acceptMs = performance.now() - t0;
    const t1 = performance.now();
    await suggestEntities(nb, null, names);
    out.rebuildMs = performance.now() - t1;
  }
  await names.close();
  await nb.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function run<T>(dir: string, mode: Mode): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, 'child', dir, mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the measuring process failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
}

async function main(): Promise<void> {
  requirePages();
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-suggest-'));
  const dir = join(root, 'nb');
  try {
    console.log(`Writing a notebook of ${SOURCES.toLocaleString('en')} real-text sources…`);
    await writeRealNotebook(dir, SOURCES, SOURCES);
    const cache = join(dir, 'cache', 'entity-candidates.json');
    const loads: string[] = [];
    loads.push(loadAverage());
    const baseline = run<Cold>(dir, 'cold-thread');
    await rm(cache, { force: true });
    loads.push(loadAverage());
    const cold = run<Cold>(dir, 'cold-worker');
    const warm: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(loadAverage());
      warm.push(run<Measured>(dir, 'accept'));
    }
    console.log(`\n${SOURCES.toLocaleString('en')} sources; cold once each, warm ${RUNS} runs (min / median / max); load average before each: ${loads.join('; ')}\n`);
    console.log("| what | time | longest block of the app's thread | resident memory added | cards |");
    console.log('|---|---|---|---|---|');
    const coldRow = (label: string, c: Cold) =>
      [
        `| ${label}: the first answer (cards read so far) | ${(c.firstMs / 1000).toFixed(2)} s | | | ${c.firstCards} |`,
        `| ${label}: every text read | ${(c.readMs / 1000).toFixed(1)} s | ${c.stallMs.toFixed(0)} ms | ${c.rssMb.toFixed(0)} MB | ${c.cards} |`,
      ].join('\n');
    console.log(coldRow('cold, names worker (as shipped)', cold));
    console.log(coldRow("cold, naive baseline: on the app's thread", baseline));
    console.log(
      `| warm, a fresh process: the first card set | ${spread(
        warm.map((w) => w.ms / 1000),
        2,
      )} s | | ${spread(
        warm.map((w) => w.rssMb),
        0,
      )} MB | ${warm[0].cards} |`,
    );
    console.log(
      `| accepting a card (one entity written) | ${spread(
        warm.map((w) => w.acceptMs ?? NaN),
        0,
      )} ms | | | |`,
    );
    console.log(
      `| the cards built again after it, same process | ${spread(
        warm.map((w) => w.rebuildMs ?? NaN),
        0,
      )} ms | | | |`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4] as Mode);
else await main();
