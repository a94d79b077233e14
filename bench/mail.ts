/**
 * `npm run bench:mail`: imports an mbox the way the app does (the built import workers, messages
 * streamed from the file, batches stored as durable group commits) and watches the memory of the
 * thread that serves the API while it runs.
 *
 * The mailbox is made of real messages: the 45 of a real 2000 mailing-list mbox and the 15 real
 * .eml files of ../shared/testdata/email (plain, HTML, Russian, Japanese, PDF and image
 * attachments, a broken one), written again and again to the size asked; each copy gets its own
 * Message-ID and a numbered subject, so every message is a source of its own, as in a real
 * mailbox, and none is skipped as a duplicate.
 *
 * Sizes: BENCH_MAIL_SIZES (default 2000,10000); three runs of each (BENCH_RUNS). Beside the app's
 * import, in the same run: the naive baseline that reads the whole mailbox into memory and parses
 * every message on one thread (what the memory of "held whole" costs, and the floor of parsing).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { simpleParser } from 'mailparser';
import { importPaths } from '../electron/backend/import/pipeline';
import { ExtractorPool } from '../electron/backend/import/pool';
import { Notebook } from '../electron/backend/store/notebook';
import { TESTDATA_DIR } from '../electron/backend/testing/testdata';
import { loadAverage, spread, useBuiltWorkers } from './built';

const SIZES = (process.env.BENCH_MAIL_SIZES ?? '2000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MAIL = join(TESTDATA_DIR, 'email');

/** The real messages, as bytes, each without an mbox separator line. */
async function realMessages(): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(MAIL)).filter((n) => n.endsWith('.eml')).sort()) out.push((await readFile(join(MAIL, name))).toString('latin1'));
  const box = (await readFile(join(MAIL, 'mailbox/imagemagick-list-2000.mbox'))).toString('latin1');
  for (const part of box.split(/\n(?=From )/)) out.push(part.slice(part.indexOf('\n') + 1));
  return out;
}

/** A copy of a message that is a message of its own: another Message-ID, a numbered subject. */
function copyOf(message: string, n: number): string {
  const split = message.search(/\r?\n\r?\n/);
  let head = split < 0 ? message : message.slice(0, split);
  const body = split < 0 ? '' : message.slice(split);
  head = head.replace(/^Message-ID:.*(\r?\n[ \t].*)*/im, '');
  head = /^Subject:/im.test(head) ? head.replace(/^Subject:(.*)$/im, `Subject:$1 [${n}]`) : `${head}\nSubject: message ${n}`;
  return `${head}\nMessage-ID: <bench-${n}@dossier.invalid>${body}`;
}

async function writeMailbox(path: string, count: number, messages: string[]): Promise<number> {
  const out = createWriteStream(path, { encoding: 'latin1' });
  for (let n = 0; n < count; n++) {
    const body = copyOf(messages[n % messages.length], n + 1).replace(/\r\n/g, '\n');
    if (!out.write(`From bench@dossier.invalid Mon Jan  1 00:00:00 2024\n${body.replace(/\n(>*From )/g, '\n>$1')}\n\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

interface Run {
  seconds: number;
  imported: number;
  failed: number;
  peakHeapMb: number;
  peakRssMb: number;
  maxBlockMs: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Samples the heap and RSS of this process every 50 ms until stopped; returns the peaks. */
function watchMemory(): () => { heap: number; rss: number } {
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    sample();
    return { heap: mb(heap), rss: mb(rss) };
  };
}

await useBuiltWorkers();
const root = await mkdtemp(join(tmpdir(), 'dossier-bench-mail-'));
try {
  const messages = await realMessages();
  console.log(`Mail benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${messages.length} real messages recombined.\n`);
  console.log(
    '| messages | run | load average (1/5/15 min) | mbox MB | messages/s (app: workers, stored) | failed | peak heap of the serving thread (MB) | peak RSS (MB) | longest block (ms) | naive: held whole, parsed on one thread, not stored (messages/s) | naive peak heap (MB) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const summary: { size: number; rates: number[]; heaps: number[] }[] = [];
  for (const size of SIZES) {
    const box = join(root, `box-${size}.mbox`);
    const bytes = await writeMailbox(box, size, messages);
    const runs: Run[] = [];
    const rows: string[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const load = loadAverage();
      global.gc?.();
      const nb = await Notebook.create(join(root, `nb-${size}-${run}`), { name: 'mail' });
      const pool = new ExtractorPool();
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const stop = watchMemory();
      const t0 = performance.now();
      const { outcomes } = await importPaths(nb, [box], { extract: (n, b) => pool.extract(n, b), concurrency: 16 });
      const seconds = (performance.now() - t0) / 1000;
      const peak = stop();
      delay.disable();
      await pool.close();
      const imported = nb.listSources().filter((s) => s.provenance.method === 'mbox-file').length;
      await nb.close();
      await rm(join(root, `nb-${size}-${run}`), { recursive: true, force: true });
      const r: Run = { seconds, imported, failed: outcomes.filter((o) => o.status === 'failed').length, peakHeapMb: peak.heap, peakRssMb: peak.rss, maxBlockMs: delay.max / 1e6 };
      runs.push(r);
      rows.push(
        `| ${size.toLocaleString('en')} | ${run} | ${load} | ${mb(bytes).toFixed(1)} | ${(size / r.seconds).toFixed(0)} | ${r.failed} | ${r.peakHeapMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.maxBlockMs.toFixed(0)} |`,
      );
    }
    // The naive baseline, after the app's runs (its garbage would otherwise weigh on theirs): the
    // whole file in memory, split, every message parsed in this thread.
    for (let run = 1; run <= RUNS; run++) {
      global.gc?.();
      const stopBase = watchMemory();
      const b0 = performance.now();
      let baseline: string;
      try {
        const whole = await readFile(box, 'latin1');
        const parts = whole.split(/\n\n(?=From )/);
        for (const part of parts) await simpleParser(Buffer.from(part.slice(part.indexOf('\n') + 1), 'latin1'));
        baseline = `${(size / ((performance.now() - b0) / 1000)).toFixed(0)} | ${stopBase().heap.toFixed(0)}`;
      } catch (e) {
        // A mailbox larger than the longest string V8 makes (512 MB) cannot be held whole at all.
        stopBase();
        baseline = `fails: ${(e as Error).message} | –`;
      }
      console.log(`${rows[run - 1]} ${baseline} |`);
    }
    summary.push({ size, rates: runs.map((r) => size / r.seconds), heaps: runs.map((r) => r.peakHeapMb) });
  }
  console.log('');
  for (const s of summary) console.log(`${s.size.toLocaleString('en')} messages: ${spread(s.rates, 0)} messages/s, peak heap ${spread(s.heaps, 0)} MB (min / median / max)`);
  const slowest = Math.min(...summary.flatMap((s) => s.rates));
  console.log(`${slowest >= 500 ? 'MET ' : 'MISSED'}  at least 500 messages per second from an mbox (slowest run)`);
} finally {
  await rm(root, { recursive: true, force: true });
}
