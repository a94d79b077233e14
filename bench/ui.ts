/**
 * `npm run bench:ui`: the interface as a reporter meets it, in Debian's Chromium against the
 * built browser-mode server (out/node/server.js), on notebooks of recombined real paragraphs
 * (bench/real-text.ts) at 100 and 5,000 sources with 50,000 annotations, entities linked to them,
 * some of them events and dated figures.
 *
 * Measured, three runs each (min / median / max), the first run of each size on a server just
 * started (cold: nothing cached by the page or the server), the next two after a reload (warm):
 * - library visible: from loading the page to the first source listed;
 * - source open: from a click on a source to its text in the reader;
 * - annotations list scrolling: the longest frame and the 95th percentile while the list is
 *   scrolled top to bottom in steps, at 50,000 annotations;
 * - timeline and entity graph: from a click on the view (or the tab) to the picture drawn.
 * Beside them, in the same run, the naive way: the same annotation rows rendered all at once
 * without virtualisation (build time and the longest frame while scrolling).
 * Goals (issue 14): library < 1.5 s, source open < 200 ms, no frame over 50 ms while scrolling,
 * each picture < 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { Annotation } from '../shared/domain/annotation';
import type { Entity } from '../shared/domain/entity';
import { serialize } from '../electron/backend/store/durable-file';
import { notebookPaths, type SourceShard } from '../electron/backend/store/layout';
import { loadAverage, spread } from './built';
import { prng } from './generate';
import { writeRealNotebook } from './real-notebook';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZES = (process.env.BENCH_UI_SIZES ?? '100,5000').split(',').map(Number);
const RUNS = 3;
const ENTITY_NAMES = [
  'Kerala Police',
  'Cyberdome',
  'Interpol',
  'Telegram',
  'WhatsApp',
  'Facebook',
  'CBI',
  'High Court',
  'Supreme Court',
  'Election Commission',
  'Home Ministry',
  'State Police',
  'District Collector',
  'City Police',
  'Crime Branch',
  'Vigilance',
  'Customs',
  'Enforcement Directorate',
  'NIA',
  'RBI',
];

/** Entities over the notebook: 20 organisations and 4 rounds; every annotation linked to two; one in ten an event or a dated figure. */
async function linkEntities(dir: string): Promise<void> {
  const paths = notebookPaths(dir);
  const at = '2026-01-01T00:00:00.000Z';
  const entity = (id: string, name: string, type: Entity['type'], parentId: string | null = null, start: string | null = null): Entity => ({
    id,
    type,
    name,
    aliases: [],
    description: '',
    start,
    end: null,
    parentId,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
  });
  const entities: Entity[] = [
    entity('op', 'Operation P-Hunt', 'operation'),
    ...['20.1', '20.2', '20.3', '23.1'].map((r, i) => entity(`r${i}`, `P-Hunt ${r}`, 'operation', 'op', r.startsWith('20') ? '2020' : '2023')),
    ...ENTITY_NAMES.map((n, i) => entity(`e${i}`, n, 'organisation')),
  ];
  await writeFile(paths.entities, serialize({ entities, dismissedSuggestions: [], distinctPairs: [] }));
  const random = prng(7);
  const ids = entities.map((e) => e.id);
  for (const file of await readdir(paths.sources)) {
    const shard = JSON.parse(await readFile(join(paths.sources, file), 'utf8')) as SourceShard;
    shard.annotations = shard.annotations.map((a, i): Annotation => {
      const two = [ids[Math.floor(random() * ids.length)], ids[Math.floor(random() * ids.length)]];
      const linked = { ...a, entityIds: [...new Set(two)] };
      if (i % 10 === 1) return { ...linked, kind: 'event', eventDate: shard.source.published ?? '2021-06' };
      if (i % 10 === 2)
        return {
          ...linked,
          kind: 'figure',
          figure: { metric: 'arrests', value: 10 + Math.floor(random() * 40), upper: null, unit: 'people', qualifier: null, date: shard.source.published, entityId: two[0] },
        };
      return linked;
    });
    await writeFile(join(paths.sources, file), serialize(shard));
  }
}

interface Server {
  child: ChildProcess;
  base: string;
  token: string;
}

async function startServer(nb: string, home: string): Promise<Server> {
  const token = randomBytes(24).toString('base64url');
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
  return { child, base, token };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/**
 * Scrolls `selector` top to bottom in steps, one per frame, and returns the frame intervals (ms).
 * Browser-side code is a string: this file is compiled for Node, without the DOM's types.
 */
function scrollFrames(page: Page, selector: string, steps = 150): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const box = document.querySelector(${JSON.stringify(selector)});
    const step = (box.scrollHeight - box.clientHeight) / ${steps};
    const frames = [];
    let last = performance.now();
    let i = 0;
    const tick = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      if (i++ >= ${steps}) return resolve(frames.slice(1));
      box.scrollTop = i * step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

interface Run {
  library: number;
  open: number;
  scrollMax: number;
  scrollP95: number;
  timeline: number;
  graph: number;
}

/** Waits, checking every frame (not Playwright's backing-off polls, which would round the times up), for `selector`. */
type Doc = { document: { querySelector(s: string): { textContent: string | null } | null } };
const frameWait = (page: Page, selector: string) => page.waitForFunction((sel) => !!(globalThis as unknown as Doc).document.querySelector(sel), selector, { polling: 'raf', timeout: 120_000 });

async function measure(page: Page, base: string, token: string, cold: boolean): Promise<Run> {
  const t0 = performance.now();
  if (cold) await page.goto(`${base}/#token=${token}`);
  else await page.reload();
  const list = page.getByRole('listbox', { name: 'Sources' });
  await frameWait(page, '[role="listbox"][aria-label="Sources"] [role="option"]');
  const library = performance.now() - t0;

  const row = list.getByRole('option').nth(3);
  const title = (await row.locator('.source-title').innerText()).trim();
  const t1 = performance.now();
  await row.click();
  await page.waitForFunction(
    (start) => {
      const d = (globalThis as unknown as Doc).document;
      return !!d.querySelector('.reader h1')?.textContent?.startsWith(start) && !!d.querySelector('.reader-text p');
    },
    title.slice(0, 30),
    { polling: 'raf', timeout: 120_000 },
  );
  const open = performance.now() - t1;

  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Annotations' }).click();
  await page.locator('.annotation-table [role="listitem"]').first().waitFor({ timeout: 120_000 });
  const frames = await scrollFrames(page, '.annotation-table');

  const t2 = performance.now();
  await views.getByRole('button', { name: 'Pictures' }).click();
  await frameWait(page, 'svg.picture.timeline');
  const timeline = performance.now() - t2;
  const t3 = performance.now();
  await page.getByRole('tab', { name: 'Entity graph' }).click();
  await frameWait(page, 'svg.picture.graph');
  const graph = performance.now() - t3;
  await views.getByRole('button', { name: 'Library' }).click();
  return { library, open, scrollMax: Math.max(...frames), scrollP95: p95(frames), timeline, graph };
}

/** The naive way, in the same page: every annotation row rendered at once (no virtualisation), then scrolled. */
async function naiveList(page: Page, rows: number): Promise<{ build: number; scrollMax: number }> {
  const build = await page.evaluate<number>(`(() => {
    const t = performance.now();
    const box = document.createElement('div');
    box.id = 'naive';
    box.style.cssText = 'position:fixed;inset:60px 0 0 0;overflow:auto;background:var(--bg);z-index:50';
    const html = [];
    for (let i = 0; i < ${rows}; i++) html.push('<div class="annotation-row"><div class="row-meta"><span class="kind-label">Passage</span> <span class="row-source">Source ' + i + ' · Outlet · 5 Oct 2020</span></div><button type="button" class="quote">Police registered ' + i + ' cases across the state on Monday, officials said.</button><p class="row-note">Check this against the district figures (' + i + ').</p></div>');
    box.innerHTML = html.join('');
    document.body.append(box);
    void box.scrollHeight;
    return performance.now() - t;
  })()`);
  const frames = await scrollFrames(page, '#naive', 60);
  await page.evaluate(`document.getElementById('naive')?.remove()`);
  return { build, scrollMax: Math.max(...frames) };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const lines: string[] = [];
  console.log(`bench:ui — ${new Date().toISOString()}, load average ${loadAverage()}`);
  for (const size of SIZES) {
    const work = await mkdtemp(join(tmpdir(), 'dossier-bench-ui-'));
    try {
      const nb = join(work, 'nb');
      await writeRealNotebook(nb, size, 50_000);
      await linkEntities(nb);
      const runs: Run[] = [];
      let naive: { build: number; scrollMax: number } | null = null;
      const server = await startServer(nb, join(work, 'home'));
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        for (let r = 0; r < RUNS; r++) runs.push(await measure(page, server.base, server.token, r === 0));
        naive = await naiveList(page, 50_000);
      } finally {
        await page.close();
        await stopServer(server);
      }
      const col = (k: keyof Run, digits = 0) =>
        spread(
          runs.map((x) => x[k]),
          digits,
        );
      const line = `| ${size.toLocaleString('en')} sources, 50,000 annotations | ${col('library')} | ${col('open')} | ${col('scrollMax', 1)} (p95 ${col('scrollP95', 1)}) | ${col('timeline')} | ${col('graph')} | naive list of 50,000 rows: built in ${naive!.build.toFixed(0)} ms, longest frame ${naive!.scrollMax.toFixed(1)} ms | ${loadAverage()} |`;
      console.log(line);
      console.log(
        `  cold (first run): library ${runs[0].library.toFixed(0)} ms, source ${runs[0].open.toFixed(0)} ms, timeline ${runs[0].timeline.toFixed(0)} ms, graph ${runs[0].graph.toFixed(0)} ms`,
      );
      lines.push(line);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  await browser.close();
  console.log('\n| notebook | library visible (ms) | source open (ms) | longest scroll frame (ms) | timeline (ms) | graph (ms) | baseline, same run | load average |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const l of lines) console.log(l);
}

await main();
