/**
 * `npm run bench:import`: imports real material into fresh notebooks the way the app does (the
 * built import workers, batches stored as group commits, every write durable), while Node's
 * event-loop delay monitor records how long the thread that serves the API was ever blocked.
 *
 * - HTML: the 65 real web pages of ../shared/testdata/readability-pages (news sites, blogs,
 *   Wikipedia; about 170 KB each), their folder imported four times a run, each time into a fresh
 *   notebook. The first import of a run starts its workers from cold, and is counted.
 * - Text: 1,000 text files of real paragraphs (bench/real-text.ts), with a leading date line.
 *
 * Three runs, each with a fresh worker pool; min / median / max, with the load average and a disk
 * probe beside each run (a virtual disk's speed varies several-fold from minute to minute).
 */
import { mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { importPaths } from '../electron/backend/import/pipeline';
import { writeFilesDurably } from '../electron/backend/store/durable-file';
import { ExtractorPool } from '../electron/backend/import/pool';
import { Notebook } from '../electron/backend/store/notebook';
import { loadAverage, spread, useBuiltWorkers } from './built';
import { PAGES_DIR, pageFolders, recombinedSources } from './real-text';

const TEXT_COUNT = Number(process.env.BENCH_IMPORT_COUNT ?? 1000);
const HTML_ROUNDS = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POOL_SIZE = process.env.BENCH_POOL ? Number(process.env.BENCH_POOL) : undefined;

/**
 * What this disk does right now: durable new files per second, written as the import writes them
 * (groups of 48 files of 3 KB, fsynced, renamed, folder fsynced).
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

interface Timed {
  files: number;
  imported: number;
  seconds: number;
  maxBlockMs: number;
}

/** Imports one folder into a fresh notebook, timed, with the serving thread watched. */
async function importFolder(root: string, folder: string, pool: ExtractorPool, label: string): Promise<Timed> {
  const nb = await Notebook.create(join(root, `nb-${label}`), { name: label });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const { outcomes } = await importPaths(nb, [folder], { extract: (n, b) => pool.extract(n, b), concurrency: 16 });
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  await nb.close();
  return { files: outcomes.length, imported: outcomes.filter((o) => o.status === 'imported').length, seconds, maxBlockMs: delay.max / 1e6 };
}

await useBuiltWorkers();
const root = await mkdtemp(join(tmpdir(), 'dossier-bench-import-'));
try {
  const htmlDir = join(root, 'pages');
  await mkdir(htmlDir);
  const folders = pageFolders();
  for (const name of folders) await copyFile(join(PAGES_DIR, name, 'source.html'), join(htmlDir, `${name}.html`));
  const textDir = join(root, 'text');
  await mkdir(textDir);
  for (const [i, s] of recombinedSources(TEXT_COUNT, 5).entries()) await writeFile(join(textDir, `${i}.txt`), `${s.published ? `date ${s.published}\n` : ''}${s.title}\n\n${s.text}`);

  const rows: { run: number; load: string; disk: number; cold: Timed; html: Timed; text: Timed; poolSize: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const load = loadAverage();
    const disk = await diskProbe(root);
    // A fresh pool each run: the first import starts its workers, as a reader's first import does.
    const pool = new ExtractorPool(POOL_SIZE);
    let cold: Timed | null = null;
    const html: Timed = { files: 0, imported: 0, seconds: 0, maxBlockMs: 0 };
    for (let round = 0; round < HTML_ROUNDS; round++) {
      const t = await importFolder(root, htmlDir, pool, `html-${run}-${round}`);
      cold ??= t;
      html.files += t.files;
      html.imported += t.imported;
      html.seconds += t.seconds;
      html.maxBlockMs = Math.max(html.maxBlockMs, t.maxBlockMs);
    }
    const text = await importFolder(root, textDir, pool, `text-${run}`);
    rows.push({ run, load, disk, cold: cold!, html, text, poolSize: pool.size });
    await pool.close();
  }

  console.log(`Import benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${rows[0].poolSize} import worker(s)`);
  console.log(`HTML: ${folders.length} real pages, imported ${HTML_ROUNDS} times a run into fresh notebooks. Text: ${TEXT_COUNT} files of real paragraphs.\n`);
  console.log(
    '| run | load average (1/5/15 min) | disk: durable files/s | HTML pages/s, first import (cold workers) | HTML pages/s, all | HTML imported / files | text files/s | longest event-loop block (ms) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.run} | ${r.load} | ${r.disk.toFixed(0)} | ${(r.cold.files / r.cold.seconds).toFixed(1)} | ${(r.html.files / r.html.seconds).toFixed(1)} | ${r.html.imported} / ${r.html.files} | ${(r.text.imported / r.text.seconds).toFixed(0)} | ${Math.max(r.html.maxBlockMs, r.text.maxBlockMs).toFixed(1)} |`,
    );
  }
  const htmlRates = rows.map((r) => r.html.files / r.html.seconds);
  const textRates = rows.map((r) => r.text.imported / r.text.seconds);
  const blocks = rows.map((r) => Math.max(r.html.maxBlockMs, r.text.maxBlockMs));
  console.log(
    `\nmin / median / max over ${RUNS} runs: HTML ${spread(htmlRates)} pages/s (cold first import ${spread(rows.map((r) => r.cold.files / r.cold.seconds))}), text ${spread(textRates, 0)} files/s, longest block ${spread(blocks)} ms`,
  );
  console.log(`${Math.min(...htmlRates) >= 50 ? 'MET ' : 'MISSED'}  at least 50 real web pages per second (slowest run)`);
  console.log(`${Math.min(...textRates) >= 500 ? 'MET ' : 'MISSED'}  at least 500 text files per second (slowest run)`);
  console.log(`${Math.max(...blocks) <= 50 ? 'MET ' : 'MISSED'}  the serving thread never blocked for more than 50 ms`);
} finally {
  await rm(root, { recursive: true, force: true });
}
