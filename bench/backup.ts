/**
 * Backup, restore and snapshot of a notebook of real text (5,000 sources of recombined real
 * paragraphs, 50,000 annotations), as the app does them (streaming, bench/../store/backup.ts) and
 * as the naive way did (every file read into memory, zipped in one call; a restore unzipping the
 * whole archive in memory — Dossier's code before issue 13), in the same run. And a hostile
 * archive: the sample's backup with one unlisted entry of 1 GB of zeros (1 MB compressed).
 *
 * Each measurement runs in a process of its own, the page cache dropped first where the benchmark
 * may (root): time, peak memory of the process (max RSS) and the longest the event loop was
 * blocked (what an API call waits at worst). Three runs: min / median / max, with the load average.
 *
 *   npm run bench:backup            # 5,000 sources
 *   BENCH_SOURCES=1000 npm run bench:backup
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { backupNotebook, restoreBackup } from '../electron/backend/store/backup';
import { Notebook } from '../electron/backend/store/notebook';
import { takeSnapshot } from '../electron/backend/store/snapshots';
import { createSampleNotebook } from '../electron/backend/sample/sample';
import { loadAverage, spread } from './built';
import { writeRealNotebook } from './real-notebook';

const RUNS = 3;
const here = fileURLToPath(import.meta.url);

/** One measurement, in this (child) process. */
async function measure(mode: string, dir: string, out: string): Promise<void> {
  try {
    await writeFile('/proc/sys/vm/drop_caches', '3');
  } catch {
    // not root: warm page cache, said in the table
  }
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  if (mode === 'backup') {
    const nb = await Notebook.open(dir);
    const t = performance.now();
    await backupNotebook(nb, out, { overwrite: true });
    const ms = performance.now() - t;
    await nb.close();
    return report(ms, delay);
  }
  if (mode === 'naive-backup') {
    const nb = await Notebook.open(dir);
    const t = performance.now();
    const zippable: Zippable = {};
    const walk = async (at: string) => {
      for (const e of await readdir(at, { withFileTypes: true })) {
        const full = join(at, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'cache') await walk(full);
        } else if (!e.name.startsWith('.dossier.lock')) zippable[relative(dir, full)] = [new Uint8Array(await readFile(full)), { level: 6 }];
      }
    };
    await walk(dir);
    await writeFile(out, zipSync(zippable));
    const ms = performance.now() - t;
    await nb.close();
    return report(ms, delay);
  }
  if (mode === 'restore') {
    await restoreBackup(out, dir);
    return report(performance.now() - t0, delay);
  }
  if (mode === 'naive-restore') {
    const entries = unzipSync(new Uint8Array(await readFile(out)));
    for (const [path, bytes] of Object.entries(entries)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    return report(performance.now() - t0, delay);
  }
  if (mode === 'snapshot') {
    const nb = await Notebook.open(dir);
    const t = performance.now();
    const s = await takeSnapshot(nb);
    const ms = performance.now() - t;
    await nb.close();
    return report(ms, delay, s.bytes);
  }
  throw new Error(`unknown mode ${mode}`);
}

function report(ms: number, delay: ReturnType<typeof monitorEventLoopDelay>, bytes?: number) {
  delay.disable();
  console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, blockMs: delay.max / 1e6, bytes }));
}

interface Row {
  ms: number;
  rssMb: number;
  blockMs: number;
  bytes?: number;
  failed?: string;
}

function child(mode: string, dir: string, out: string): Row {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, 'child', mode, dir, out], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Row;
  } catch {
    return {
      ms: NaN,
      rssMb: NaN,
      blockMs: NaN,
      failed: (
        r.stderr
          .trim()
          .split('\n')
          .find((l) => /Error|rror:/.test(l)) ?? `exit ${r.status}`
      ).slice(0, 120),
    };
  }
}

if (process.argv[2] === 'child') {
  const [mode, dir, out] = process.argv.slice(3);
  await measure(mode, dir, out);
} else {
  const size = Number(process.env.BENCH_SOURCES ?? 5000);
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-backup-'));
  const nbDir = join(root, 'nb');
  console.log(`Writing a notebook of ${size.toLocaleString('en')} real-text sources…`);
  await writeRealNotebook(nbDir, size);
  await (await Notebook.open(nbDir)).close();
  const sampleDir = join(root, 'sample');
  await (await createSampleNotebook(fileURLToPath(new URL('../seeds', import.meta.url)), sampleDir)).close();
  // The hostile archive: a real backup with an unlisted entry of 1 GB of zeros.
  const sampleNb = await Notebook.open(sampleDir);
  await backupNotebook(sampleNb, join(root, 'sample.zip'));
  await sampleNb.close();
  const bomb = zipSync({ ...unzipSync(new Uint8Array(await readFile(join(root, 'sample.zip')))), 'stowaway.bin': [new Uint8Array(1024 ** 3), { level: 9 }], 'note.txt': strToU8('unlisted') });
  await writeFile(join(root, 'bomb.zip'), bomb);

  const rows = new Map<string, Row[]>();
  const add = (name: string, row: Row) => rows.set(name, [...(rows.get(name) ?? []), row]);
  const loads: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    loads.push(loadAverage());
    add('backup (streaming)', child('backup', nbDir, join(root, 'b.zip')));
    add('backup (naive: all in memory)', child('naive-backup', nbDir, join(root, 'n.zip')));
    await rm(join(root, 'r'), { recursive: true, force: true });
    add('restore (streaming)', child('restore', join(root, 'r'), join(root, 'b.zip')));
    await rm(join(root, 'r'), { recursive: true, force: true });
    add('restore (naive: all in memory)', child('naive-restore', join(root, 'r'), join(root, 'n.zip')));
    await rm(join(root, 'r'), { recursive: true, force: true });
    add('restore of the hostile archive (streaming)', child('restore', join(root, 'r'), join(root, 'bomb.zip')));
    await rm(join(root, 'r'), { recursive: true, force: true });
    add('restore of the hostile archive (naive)', child('naive-restore', join(root, 'r'), join(root, 'bomb.zip')));
    await rm(join(root, 'r'), { recursive: true, force: true });
    add('snapshot (records only)', child('snapshot', nbDir, ''));
  }
  const archive = (await stat(join(root, 'b.zip'))).size;
  console.log(
    `\n${size.toLocaleString('en')} sources, 50,000 annotations; archive ${(archive / 1024 / 1024).toFixed(1)} MB; hostile archive ${(bomb.byteLength / 1024 / 1024).toFixed(2)} MB (1 GB unlisted). Load averages before each run: ${loads.join(' | ')}`,
  );
  console.log(`page cache ${process.getuid?.() === 0 ? 'dropped before each measurement' : 'NOT dropped (not root)'}\n`);
  console.log('| what | time (s) | peak memory (MB) | longest event-loop block (ms) |');
  console.log('|---|---|---|---|');
  for (const [name, list] of rows) {
    const failed = list.find((r) => r.failed);
    if (failed) {
      console.log(`| ${name} | failed: ${failed.failed} | | |`);
      continue;
    }
    const extra = list[0].bytes ? ` (${(list[0].bytes / 1024 / 1024).toFixed(1)} MB)` : '';
    console.log(
      `| ${name}${extra} | ${spread(
        list.map((r) => r.ms / 1000),
        2,
      )} | ${spread(
        list.map((r) => r.rssMb),
        0,
      )} | ${spread(
        list.map((r) => r.blockMs),
        0,
      )} |`,
    );
  }
  await rm(root, { recursive: true, force: true });
}
