/**
 * `npm run bench:import`: imports a folder of 1,000 generated HTML articles and one of 1,000 text
 * articles into a fresh notebook, the way the app does (worker pool, durable writes), while Node's
 * event-loop delay monitor records how long the thread that serves the API was ever blocked.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { importPaths } from '../electron/backend/import/pipeline';
import { writeFilesDurably } from '../electron/backend/store/durable-file';
import { ExtractorPool } from '../electron/backend/import/pool';
import { Notebook } from '../electron/backend/store/notebook';
import { articleText, prng } from './generate';

const COUNT = Number(process.env.BENCH_IMPORT_COUNT ?? 1000);

function htmlPage(i: number, text: string): string {
  const paragraphs = text.split('\n\n').map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article ${i} | Example Daily</title>
<meta property="og:site_name" content="Example Daily"><meta property="article:published_time" content="2021-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z">
<link rel="canonical" href="https://example.org/news/${i}"><script>var tracking = ${i};</script></head>
<body><header><nav><a href="/">Home</a><a href="/kerala">Kerala</a><a href="/india">India</a></nav></header>
<main><article><h1>Article ${i}</h1><p class="byline">By Staff Reporter</p>${paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">Yet another</a></li></ul></aside></main>
<footer>© Example Daily. All rights reserved.</footer></body></html>`;
}

/**
 * What this disk does right now: durable new files per second, written as the import writes them
 * (groups of 48 files of 3 KB, fsynced, renamed, folder fsynced). A virtual disk's speed varies
 * several-fold from minute to minute, so each import's rate is printed next to this probe.
 */
async function diskProbe(root: string): Promise<number> {
  const folder = await mkdtemp(join(root, 'probe-'));
  const data = 'x'.repeat(3000);
  const t0 = performance.now();
  for (let round = 0; round < 10; round++) await writeFilesDurably(Array.from({ length: 48 }, (_, i) => ({ path: join(folder, `${round}-${i}`), data })));
  const perSecond = 480 / ((performance.now() - t0) / 1000);
  await rm(folder, { recursive: true, force: true });
  return perSecond;
}

async function run(kind: 'html' | 'text', root: string, pool: ExtractorPool): Promise<{ kind: string; disk: number; perSecond: number; seconds: number; imported: number; failed: number; maxBlockMs: number; p99BlockMs: number }> {
  const folder = join(root, kind);
  await mkdir(folder);
  const random = prng(kind === 'html' ? 1 : 2);
  for (let i = 0; i < COUNT; i++) {
    const text = articleText(random, 500);
    await writeFile(join(folder, `${i}.${kind === 'html' ? 'html' : 'txt'}`), kind === 'html' ? htmlPage(i, text) : ` date 2021-03-01 ${text}`);
  }
  const disk = await diskProbe(root);
  const nb = await Notebook.create(join(root, `nb-${kind}`), { name: kind });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const { outcomes } = await importPaths(nb, [folder], { extract: (n, b) => pool.extract(n, b), concurrency: 16 });
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  await nb.close();
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  return { kind, disk, perSecond: imported / seconds, seconds, imported, failed: outcomes.length - imported, maxBlockMs: delay.max / 1e6, p99BlockMs: delay.percentile(99) / 1e6 };
}

const root = await mkdtemp(join(tmpdir(), 'dossier-bench-import-'));
const pool = new ExtractorPool();
try {
  // Warm the workers so that starting them is not counted as import time.
  await Promise.all(Array.from({ length: pool.size }, (_, i) => pool.extract(`${i}.txt`, new TextEncoder().encode('warm up'))));
  const rows = [await run('html', root, pool), await run('text', root, pool)];
  console.log(`Import benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${pool.size} worker(s)\n`);
  console.log('| files | imported | failed | seconds | articles/s | longest event-loop block (ms) | p99 block (ms) | disk: durable files/s |\n|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${COUNT} ${r.kind} | ${r.imported} | ${r.failed} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${r.maxBlockMs.toFixed(1)} | ${r.p99BlockMs.toFixed(1)} | ${r.disk.toFixed(0)} |`);
  const [html, text] = rows;
  console.log('');
  console.log(`${html.perSecond >= 50 ? 'MET ' : 'MISSED'}  at least 50 HTML articles per second`);
  console.log(`${text.perSecond >= 500 ? 'MET ' : 'MISSED'}  at least 500 text articles per second`);
  console.log(`${Math.max(html.maxBlockMs, text.maxBlockMs) <= 50 ? 'MET ' : 'MISSED'}  the serving thread never blocked for more than 50 ms`);
} finally {
  await pool.close();
  await rm(root, { recursive: true, force: true });
}
