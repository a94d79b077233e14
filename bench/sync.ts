/**
 * Team notebooks at scale: a notebook of real text (5,000 sources of recombined real paragraphs,
 * 50,000 annotations) shared through a CouchDB-protocol server, as reporters meet it:
 *
 * - the first share (every record and text sent, from a replica made from nothing) and a
 *   colleague's join (everything taken in, into an empty notebook): time, the longest the event
 *   loop was blocked, and the memory sync adds to the process (bench/memory.ts: the resident
 *   peak from the start of sync until it stopped, and the private part of it, less the app
 *   settled with the notebook open: before the share, and for a join the joined notebook opened
 *   in a process of its own afterwards, since a join fills the notebook), each in a process of its own;
 * - with both apps syncing live: one edit on Asha's laptop until it is in Ben's notebook (five
 *   edits, the first counted), and 100 edits made offline until all are in Ben's notebook once the
 *   network is back (the app is told so, as the window's `online` event does);
 * - the naive baseline in the same run: the notebook sent whole as a backup archive (what a team
 *   does without sharing: back up, send, restore) for the same edit.
 *
 * The server is the in-memory CouchDB-protocol server of the tests (express-pouchdb), in a process
 * of its own with a proxy in front that can be cut; set COUCHDB_URL for a real CouchDB (the proxy
 * then sits in front of it). Three runs: min / median / max, with the load average.
 *
 *   npm run bench:sync                  # 5,000 sources, 50,000 annotations
 *   BENCH_SOURCES=1000 npm run bench:sync
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createAnnotation, updateAnnotation } from '../electron/backend/annotations/service';
import { backupNotebook, restoreBackup } from '../electron/backend/store/backup';
import { Notebook } from '../electron/backend/store/notebook';
import { environmentSecrets, Sharing, type SharingOptions } from '../electron/backend/sync/sharing';
import { startCouchServer } from '../electron/backend/testing/couch-server';
import { startProxy } from '../electron/backend/testing/tcp-proxy';
import { loadAverage, spread } from './built';
import { added, measurePeak, memoryNow, settle, type Memory, type Peak } from './memory';
import { writeRealNotebook } from './real-notebook';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const here = fileURLToPath(import.meta.url);

interface Server {
  server: string;
  proxy: string;
  control: string;
  username: string | null;
  password: string | null;
}

/** What keeps a Sharing "syncing", for the trace (its private state, read for diagnosis only). */
const flags = (x: Sharing) => {
  const p = x as unknown as { active: Set<string>; bridging: boolean; replicating: boolean; unsent: number };
  return { active: [...p.active], bridging: p.bridging, replicating: p.replicating, unsent: p.unsent };
};
/** BENCH_SYNC_TRACE=1: the memory at each stage of the live measurement, on stderr. */
const trace = (stage: string) => {
  if (!process.env.BENCH_SYNC_TRACE) return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stderr.write(
    `[trace] ${stage}: rss ${(m.rss / 1048576).toFixed(0)} MB, heap ${(m.heapUsed / 1048576).toFixed(0)} MB, external ${(m.external / 1048576).toFixed(0)} MB, buffers ${(m.arrayBuffers / 1048576).toFixed(0)} MB\n`,
  );
};
const options = (author: string, live: boolean): SharingOptions => ({ secrets: environmentSecrets(), author: () => author, live });
const login = (s: Server, server: string, database: string) => ({ server, database, username: s.username, password: s.password });
const until = async (check: () => boolean, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** The server's process: the CouchDB-protocol server, a proxy in front of it, and /cut and /heal for the proxy. */
async function serve(): Promise<void> {
  const couch = await startCouchServer();
  const proxy = await startProxy(couch.server);
  const control = createServer((req, res) => {
    if (req.url === '/cut') proxy.cut();
    if (req.url === '/heal') proxy.heal();
    res.end('ok');
  }).listen(0, '127.0.0.1');
  await new Promise((r) => control.once('listening', r));
  const info: Server = {
    server: couch.server,
    proxy: proxy.server,
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    username: couch.auth?.username ?? null,
    password: couch.auth?.password ?? null,
  };
  console.log(JSON.stringify(info));
}

/** One measurement, in this (child) process. */
async function measure(mode: string, s: Server, database: string, asha: string, ben: string): Promise<void> {
  process.env.DOSSIER_SYNC_PASSWORD = s.password ?? '';
  const delay = monitorEventLoopDelay({ resolution: 10 });
  if (mode === 'share' || mode === 'join') {
    const nb = mode === 'share' ? await Notebook.open(asha) : await Notebook.create(ben, { name: 'Joining' });
    // The memory window is the sync work alone: from a settled app with the notebook open until
    // sharing has stopped; the notebook's close (which may rewrite its open cache) is outside it.
    const { value, before, peak } = await measurePeak(async () => {
      delay.enable();
      const t = performance.now();
      const { sharing, round } = await Sharing.share(
        nb,
        { ...login(s, mode === 'share' ? s.proxy : s.server, database), create: mode === 'share', joining: mode === 'join' },
        options(mode === 'share' ? 'Asha' : 'Ben', false),
      );
      const ms = performance.now() - t;
      delay.disable();
      await sharing.stop();
      return { ms, records: mode === 'share' ? round.sent : round.received };
    });
    await nb.close();
    return void console.log(JSON.stringify({ ...value, before, peak, blockMs: delay.max / 1e6 }));
  }
  if (mode === 'open') {
    // The app with the joined notebook open, without sync, settled: what the join's peak is set against.
    const nb = await Notebook.open(ben);
    await settle();
    const now = memoryNow();
    await nb.close();
    return void console.log(JSON.stringify({ now }));
  }
  if (mode === 'naive') {
    // Without sharing: back the notebook up, send the archive, and the colleague takes it and restores it.
    const nb = await Notebook.open(asha);
    const t = performance.now();
    const zip = join(ben, '..', 'naive.zip');
    await backupNotebook(nb, zip, { overwrite: true });
    const auth: Record<string, string> = s.username ? { authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}` } : {};
    const url = `${s.server}/${database}-naive`;
    await fetch(url, { method: 'PUT', headers: auth });
    const put = await fetch(`${url}/notebook/archive.zip`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/zip' }, body: await readFile(zip) });
    if (!put.ok) throw new Error(`the archive was not stored: ${put.status}`);
    const got = Buffer.from(await (await fetch(`${url}/notebook/archive.zip`, { headers: auth })).arrayBuffer());
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${zip}.got`, got);
    await restoreBackup(`${zip}.got`, join(ben, '..', 'naive-restored'));
    const ms = performance.now() - t;
    await nb.close();
    return void console.log(JSON.stringify({ ms, mb: got.length / 1024 / 1024 }));
  }
  if (mode === 'live') {
    const a = await Notebook.open(asha);
    const b = await Notebook.open(ben);
    const sa = await Sharing.start(a, options('Asha', true));
    const sb = await Sharing.start(b, options('Ben', true));
    if (!sa || !sb) throw new Error('a notebook is not shared');
    const synced = (x: Sharing) => x.status().state === 'synced';
    const started = performance.now();
    await until(() => synced(sa) && synced(sb), 300_000, 'both synced').catch((e: Error) => {
      throw new Error(`${e.message} (Asha: ${sa.status().message} ${sa.status().pending}; Ben: ${sb.status().message} ${sb.status().pending}; Ben's flags ${JSON.stringify(flags(sb))})`);
    });
    trace(`both synced after a start, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await settle();
    const base = process.memoryUsage().heapUsed;
    const source = a.listSources()[7];
    const { text } = await a.getSource(source.id);
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = 200 + i * 120;
      const t = performance.now();
      const made = await createAnnotation(a, { sourceId: source.id, start, end: start + 30, kind: 'passage', note: `edit ${i}`, tags: [] }, 'Asha');
      await until(() => b.hasAnnotation(made.id), 60_000, 'the edit on Ben’s laptop');
      edits.push(performance.now() - t);
      await until(() => synced(sa) && synced(sb), 60_000, 'both synced');
    }
    trace('after 5 edits');
    // Offline: 100 edits (new highlights and changed notes), then the network comes back.
    await fetch(`${s.control}/cut`);
    await until(() => sa.status().state === 'offline', 120_000, 'Asha offline');
    trace('offline');
    const ids: string[] = [];
    const notes = new Map<string, string>();
    const existing = [...a.allAnnotations()].slice(0, 50).map((x) => x.annotation);
    for (let i = 0; i < 100; i++) {
      if (i % 2 === 0) {
        const start = 100 + ((i * 37) % Math.max(1, text.length - 200));
        const made = await createAnnotation(a, { sourceId: source.id, start, end: start + 25, kind: 'passage', note: `offline ${i}`, tags: [] }, 'Asha');
        ids.push(made.id);
        notes.set(made.id, made.note);
      } else {
        const target = existing[i >> 1];
        await updateAnnotation(a, { id: target.id, note: `changed offline ${i}` }, 'Asha');
        notes.set(target.id, `changed offline ${i}`);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    trace('after 100 edits offline');
    await fetch(`${s.control}/heal`);
    const t = performance.now();
    void sa.round().catch(() => undefined);
    const noteOf = (id: string) => b.listAnnotations(b.getAnnotation(id).sourceId).find((x) => x.id === id)?.note;
    await until(() => [...notes].every(([id, note]) => b.hasAnnotation(id) && noteOf(id) === note), 120_000, 'the 100 edits on Ben’s laptop').catch((e: Error) => {
      const arrived = [...notes].filter(([id, note]) => b.hasAnnotation(id) && noteOf(id) === note).length;
      throw new Error(
        `${e.message} (${arrived} arrived; Asha: ${sa.status().state} ${sa.status().message} ${sa.status().pending}, flags ${JSON.stringify(flags(sa))}; Ben: ${sb.status().state} ${sb.status().message} ${sb.status().pending}, flags ${JSON.stringify(flags(sb))})`,
      );
    });
    const offlineMs = performance.now() - t;
    trace('all 100 on Ben’s laptop');
    // What sync keeps live (both apps' heap after full collections): resident memory here moves
    // with when V8 gives pages back, not with what is kept.
    await settle();
    const liveMb = (process.memoryUsage().heapUsed - base) / 1024 / 1024;
    await sa.stop();
    await sb.stop();
    await a.close();
    await b.close();
    return void console.log(JSON.stringify({ edits, offlineMs, liveMb }));
  }
  throw new Error(`unknown mode ${mode}`);
}

function child(mode: string, s: Server, database: string, asha: string, ben: string): Record<string, unknown> & { failed?: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', here, 'child', mode, JSON.stringify(s), database, asha, ben], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (process.env.BENCH_SYNC_TRACE)
    process.stderr.write(
      r.stderr
        .split('\n')
        .filter((l) => l.startsWith('[trace]'))
        .map((l) => `${l}\n`)
        .join(''),
    );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return {
      failed: (
        r.stderr
          .trim()
          .split('\n')
          .find((l) => /^\w*Error: /.test(l.trim())) ?? `exit ${r.status}`
      )
        .trim()
        .slice(0, 700),
    };
  }
}

if (process.argv[2] === 'server') {
  await serve();
} else if (process.argv[2] === 'child') {
  const [mode, s, database, asha, ben] = process.argv.slice(3);
  await measure(mode, JSON.parse(s) as Server, database, asha, ben);
  process.exit(0);
} else {
  const size = Number(process.env.BENCH_SOURCES ?? 5000);
  const annotations = size * 10;
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-sync-'));
  const nbDir = join(root, 'nb');
  console.log(`Writing a notebook of ${size.toLocaleString('en')} real-text sources, ${annotations.toLocaleString('en')} annotations…`);
  await writeRealNotebook(nbDir, size, annotations);
  await (await Notebook.open(nbDir)).close();
  const serverProcess = spawn(process.execPath, ['--import', 'tsx', here, 'server'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const s = await new Promise<Server>((resolve) => createInterface({ input: serverProcess.stdout! }).once('line', (l) => resolve(JSON.parse(l) as Server)));
  const rows: Record<string, number[]> = {};
  const add = (name: string, v: number | undefined) => {
    if (typeof v === 'number' && Number.isFinite(v)) (rows[name] ??= []).push(v);
  };
  const loads: string[] = [];
  const failures: string[] = [];
  const notes = new Set<string>();
  try {
    for (let run = 0; run < RUNS; run++) {
      loads.push(loadAverage());
      const dir = join(root, `run-${run}`);
      const asha = join(dir, 'asha');
      const ben = join(dir, 'ben');
      await cp(nbDir, asha, { recursive: true });
      const database = `bench-sync-${Date.now()}-${run}`;
      const share = child('share', s, database, asha, ben);
      const join_ = child('join', s, database, asha, ben);
      // A join fills the notebook: sync's memory is what the join's peak adds to the app with that notebook open.
      const opened = child('open', s, database, asha, ben);
      const shareAdded = share.peak ? added(share.peak as Peak, share.before as Memory) : null;
      const joinAdded = join_.peak && opened.now ? added(join_.peak as Peak, opened.now as Memory) : null;
      if ((share.peak as Peak | undefined)?.includesBefore) notes.add('The resident peaks include the time before sync (this system cannot reset the peak).');
      const live = child('live', s, database, asha, ben);
      const naive = child('naive', s, `${database}`, asha, ben);
      for (const [what, r] of Object.entries({ share, join: join_, live, naive })) if (r.failed) failures.push(`run ${run + 1}, ${what}: ${r.failed}`);
      add('share: s', (share.ms as number) / 1000);
      add('share: records', share.records as number);
      add('share: MB', shareAdded?.resident);
      add('share: private MB', shareAdded?.private ?? undefined);
      add('share: mapped MB', shareAdded?.mapped ?? undefined);
      add('share: block ms', share.blockMs as number);
      add('join: s', (join_.ms as number) / 1000);
      add('join: records', join_.records as number);
      add('join: MB', joinAdded?.resident);
      add('join: private MB', joinAdded?.private ?? undefined);
      add('join: block ms', join_.blockMs as number);
      const edits = (live.edits as number[] | undefined) ?? [];
      add('edit: first ms', edits[0]);
      for (const e of edits) add('edit: ms', e);
      add('offline 100: s', (live.offlineMs as number) / 1000);
      add('live: MB', live.liveMb as number);
      add('naive: s', (naive.ms as number) / 1000);
      add('naive: MB', naive.mb as number);
      await rm(dir, { recursive: true, force: true });
      // The run's databases are deleted: the test server keeps them in memory, and a later run
      // would otherwise meet a server process grown by every earlier one (a real CouchDB keeps them on disk).
      const auth: Record<string, string> = s.username ? { authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}` } : {};
      for (const db of [database, `${database}-naive`]) await fetch(`${s.server}/${db}`, { method: 'DELETE', headers: auth }).catch(() => undefined);
    }
  } finally {
    serverProcess.kill();
    await rm(root, { recursive: true, force: true });
  }
  const f = (name: string, digits = 1) => (rows[name] ? spread(rows[name], digits) : 'failed');
  console.log(`\n${size.toLocaleString('en')} sources, ${annotations.toLocaleString('en')} annotations; ${RUNS} runs (min / median / max); load average per run: ${loads.join('; ')}\n`);
  console.log('| what | time | memory sync adds: resident peak | of which private | longest event-loop block |');
  console.log('|---|---|---|---|---|');
  console.log(`| first share (${f('share: records', 0)} records sent) | ${f('share: s')} s | ${f('share: MB', 0)} MB | ${f('share: private MB', 0)} MB | ${f('share: block ms', 0)} ms |`);
  console.log(`| a colleague joins (${f('join: records', 0)} records taken in) | ${f('join: s')} s | ${f('join: MB', 0)} MB | ${f('join: private MB', 0)} MB | ${f('join: block ms', 0)} ms |`);
  console.log(`| one edit until it is in the colleague's notebook (the first) | ${f('edit: first ms', 0)} ms | | | |`);
  console.log(`| one edit, all five of each run | ${f('edit: ms', 0)} ms | | | |`);
  console.log(`| 100 edits made offline, from the network's return until all are in | ${f('offline 100: s', 2)} s | ${f('live: MB', 0)} MB more live heap for both apps after the edits | | |`);
  console.log(`| naive: the notebook sent whole as a backup (${f('naive: MB', 1)} MB) and restored, for any edit | ${f('naive: s')} s | | | |`);
  console.log(
    `\nResident: the kernel's peak (VmHWM) from the start of sync until it stopped, less the app settled with the notebook open (for a join: the joined notebook, opened in a process of its own). Private: the same for anonymous memory, sampled every 20 ms; the rest of the resident figure is pages of the replica's LevelDB table files, which LevelDB maps (in a share, up to ${f('share: mapped MB', 0)} MB of them).`,
  );
  for (const n of notes) console.log(n);
  if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
}
