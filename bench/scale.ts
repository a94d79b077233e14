/**
 * `npm run bench:scale`: Dossier at 1,000, 5,000 and 50,000 sources of real text, measured as a
 * reader meets it — the browser-mode server (out/node/server.js, the built host) opened on the
 * notebook, the app loaded in Debian's Chromium.
 *
 * For each size: a notebook of recombined real paragraphs (bench/real-text.ts) with 50,000
 * annotations in all, written straight in the store's layout. Then, twice — the first open (no
 * saved search index: it is built) and a reopen (the index saved at the last close):
 * - the operating system's page cache is dropped where the benchmark may (as root), so the
 *   notebook is read from disk; the table says when it could not;
 * - open: from starting the server to its printing the address (the notebook opened);
 * - library visible: from loading the page in Chromium to the first source listed;
 * - search answering: from starting the server to the first query's answer;
 * - memory: the server process with all its threads, sampled every 50 ms from /proc: VmRSS
 *   settled after a few seconds idle ("steady") and VmHWM (the peak) — during the open, the
 *   searches and, on the reopen, an import of the 65 real web pages;
 * - the saved index's size on disk (cache/).
 * Three runs at 1,000 and 5,000 (min / median / max), one at 50,000 (it takes minutes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { loadAverage, spread } from './built';
import { PAGES_DIR, pageFolders } from './real-text';
import { writeRealNotebook } from './real-notebook';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,5000,50000').split(',').map(Number);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const QUERIES = ['police', 'government said', 'minecraft', 'goverment', 'polise', '"the police"', 'court -election', 'children after:2020', 'telegram', 'abraham'];

/** Drops the page cache so that the next open reads from disk; false where the benchmark may not. */
function dropCaches(): boolean {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

async function folderBytes(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
  return total;
}

interface Memory {
  rss: number;
  hwm: number;
}

/** The server process's memory (all threads) in MB, from /proc. */
function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

interface Server {
  child: ChildProcess;
  base: string;
  token: string;
  openMs: number;
  startedAt: number;
}

async function startServer(nb: string, home: string): Promise<Server> {
  const token = randomBytes(24).toString('base64url');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'out/node/server.js'), '--notebook', nb, '--no-open'], {
    env: { ...process.env, DOSSIER_HOME: home, DOSSIER_TOKEN: token, DOSSIER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(line);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, base, token, openMs: performance.now() - startedAt, startedAt };
}

async function call<T>(server: Server, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dossier-token': server.token }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value as T;
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

interface Pass {
  cacheDropped: boolean;
  openMs: number;
  libraryMs: number;
  searchMs: number;
  queryP95: number;
  steady: number;
  peak: number;
  importPerSecond?: number;
  importPeak?: number;
}

/** One open of the notebook (first or reopen), measured; with `importDir`, an import afterwards. */
async function pass(nb: string, home: string, browser: Browser, importDir?: string): Promise<Pass> {
  const cacheDropped = dropCaches();
  const server = await startServer(nb, home);
  const opened = await call<{ notebook: { sourceCount: number; problems: unknown[] } | null }>(server, 'app:state', {});
  if (!opened.notebook || opened.notebook.problems.length > 0) throw new Error(`the benchmark notebook did not open cleanly: ${JSON.stringify(opened.notebook?.problems.slice(0, 2))}`);
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memory(server.child.pid!).hwm);
    } catch {
      // the process is gone
    }
  }, 50);
  try {
    // The page and the first search go out together, as a reader opening the app and typing would.
    const context = await browser.newContext();
    const page = await context.newPage();
    const searchStarted = call(server, 'search:query', { query: 'police', limit: 20 }).then(() => performance.now() - server.startedAt);
    const t0 = performance.now();
    await page.goto(`${server.base}/#token=${server.token}`);
    await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().waitFor({ timeout: 120_000 });
    const libraryMs = performance.now() - t0;
    const searchMs = await searchStarted;
    await context.close();
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const query of QUERIES) {
        const q0 = performance.now();
        await call(server, 'search:query', { query, limit: 20 });
        times.push(performance.now() - q0);
      }
    }
    times.sort((a, b) => a - b);
    // Settled: whatever the open started (saving the index, collecting garbage) has finished.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const steady = memory(server.child.pid!).rss;
    const result: Pass = { cacheDropped, openMs: server.openMs, libraryMs, searchMs, queryP95: times[Math.ceil(times.length * 0.95) - 1], steady, peak: Math.max(peak, memory(server.child.pid!).hwm) };
    if (importDir) {
      const before = memory(server.child.pid!).hwm;
      const i0 = performance.now();
      const { outcomes } = await call<{ outcomes: unknown[] }>(server, 'import:paths', { paths: [importDir] });
      result.importPerSecond = outcomes.length / ((performance.now() - i0) / 1000);
      result.importPeak = Math.max(before, memory(server.child.pid!).hwm);
      result.peak = Math.max(result.peak, result.importPeak);
    }
    return result;
  } finally {
    clearInterval(sampler);
    await stopServer(server);
  }
}

/**
 * The store's open and the first search answered, each in a fresh process (bench/open-once.ts; `BENCH_SCALE_OPEN=1`): as the
 * app opens a notebook (its index's workers loading their saved parts meanwhile), page cache
 * dropped: a first open without open cache or saved index (as after a restore); three reopens;
 * and three fresh copies of the folder made as `cp -r` makes them (new file times, so the open
 * cache's shards are taken on trust and checked against their files after the open: the time
 * until every one is checked is reported too).
 */
async function openOnly(size: number, template: string): Promise<string> {
  const dir = join(root, `open-${size}`);
  await cp(template, dir, { recursive: true });
  const once = (folder: string): Promise<{ open: number; search: number; checked: number }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/open-once.ts'), folder], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`open-once exited with ${code}`))));
    });
  const first = await once(dir);
  const again = [await once(dir), await once(dir), await once(dir)];
  // A fresh copy of the folder as `cp -r` makes it: the same files with new times, page cache dropped.
  const copies: { open: number; search: number; checked: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const copy = join(root, `copy-${size}-${i}`);
    await cp(dir, copy, { recursive: true, preserveTimestamps: false });
    copies.push(await once(copy));
    await rm(copy, { recursive: true, force: true });
  }
  await rm(dir, { recursive: true, force: true });
  const f = (xs: number[]) =>
    spread(
      xs.map((x) => x / 1000),
      2,
    );
  return `| ${size.toLocaleString('en')} | ${(first.open / 1000).toFixed(2)} | ${(first.search / 1000).toFixed(2)} | ${f(again.map((x) => x.open))} | ${f(again.map((x) => x.search))} | ${f(copies.map((x) => x.open))} | ${f(copies.map((x) => x.search))} | ${f(copies.map((x) => x.checked))} |`;
}

const mb = (v: number) => v.toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(2);

const root = await mkdtemp(join(tmpdir(), 'dossier-bench-scale-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const pages = join(root, 'pages');
  await mkdir(pages);
  for (const name of pageFolders()) await cp(join(PAGES_DIR, name, 'source.html'), join(pages, `${name}.html`));
  console.log(`Scale benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadAverage()}\n`);
  if (process.env.BENCH_SCALE_OPEN === '1') {
    console.log(`In process, page cache ${dropCaches() ? 'dropped' : 'NOT dropped (run as root to drop it)'} before each open:\n`);
    console.log(
      '| sources | first open, no cache (s) | first search answered (s) | reopen: open (s) | reopen: first search answered (s) | fresh copy: open (s) | fresh copy: first search (s) | fresh copy: every shard checked (s) |\n|---|---|---|---|---|---|---|---|',
    );
    for (const size of SIZES) {
      const template = join(root, `template-${size}`);
      await writeRealNotebook(template, size);
      console.log(await openOnly(size, template));
      await rm(template, { recursive: true, force: true });
    }
    process.exit(0);
  }
  console.log('| sources | run | open | page cache dropped | open (s) | library visible (s) | search answering (s) | query p95 (ms) | steady MB | peak MB | import pages/s | index on disk MB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const summary: string[] = [];
  for (const size of SIZES) {
    const runs = Number(process.env.BENCH_RUNS) || (size >= 50_000 ? 1 : 3);
    const template = join(root, `template-${size}`);
    const w0 = performance.now();
    await writeRealNotebook(template, size);
    const writeSeconds = (performance.now() - w0) / 1000;
    const first: Pass[] = [];
    const again: Pass[] = [];
    let indexMb = 0;
    for (let run = 1; run <= runs; run++) {
      // A fresh copy of the folder: nothing of an earlier run (no saved index) is in it.
      const nb = join(root, `nb-${size}-${run}`);
      await cp(template, nb, { recursive: true });
      const home = join(root, `home-${size}-${run}`);
      const a = await pass(nb, home, browser);
      indexMb = (await folderBytes(join(nb, 'cache'))) / 2 ** 20;
      const b = await pass(nb, home, browser, pages);
      first.push(a);
      again.push(b);
      for (const [label, p] of [
        ['first', a],
        ['reopen', b],
      ] as const) {
        console.log(
          `| ${size.toLocaleString('en')} | ${run} | ${label} | ${p.cacheDropped ? 'yes' : 'no'} | ${s(p.openMs)} | ${s(p.libraryMs)} | ${s(p.searchMs)} | ${p.queryP95.toFixed(1)} | ${mb(p.steady)} | ${mb(p.peak)} | ${p.importPerSecond?.toFixed(1) ?? '—'} | ${label === 'first' ? indexMb.toFixed(1) : '—'} |`,
        );
      }
      await rm(nb, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    }
    const f = (list: Pass[], key: keyof Pass, digits = 2, scale = 1) =>
      spread(
        list.map((p) => Number(p[key] ?? 0) / scale),
        digits,
      );
    summary.push(
      `${size.toLocaleString('en')} sources (written in ${writeSeconds.toFixed(0)} s): open ${f(first, 'openMs', 2, 1000)} s first, ${f(again, 'openMs', 2, 1000)} s reopen; library visible ${f(again, 'libraryMs', 2, 1000)} s; search answering ${f(first, 'searchMs', 2, 1000)} s first, ${f(again, 'searchMs', 2, 1000)} s reopen; steady ${f(again, 'steady', 0)} MB, peak ${f([...first, ...again], 'peak', 0)} MB; import ${f(again, 'importPerSecond', 1)} pages/s`,
    );
    await rm(template, { recursive: true, force: true });
  }
  console.log(`\nmin / median / max:\n${summary.map((l) => `- ${l}`).join('\n')}`);
} finally {
  await browser.close();
  await rm(root, { recursive: true, force: true });
}
