/**
 * `npm run bench:store`: open time, cost of saving one annotation, bytes written per save and
 * peak memory, for notebooks of 100, 1,000 and 5,000 sources of real text (recombined real
 * paragraphs, 10 annotations each), against a single-file lowdb notebook as the baseline. Each size runs in its own process so peak RSS is its own.
 *
 *   npm run bench:store                 all sizes
 *   npm run bench:store -- --sizes 100  one size
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Notebook } from '../electron/backend/store/notebook';
import { generateSources, prng, writeShardedNotebook, type GeneratedSource } from './generate';

interface Row {
  sources: number;
  openMs: number;
  saveP50: number;
  saveP95: number;
  bytesPerSave: number;
  baselineP50: number;
  baselineP95: number;
  baselineBytes: number;
  peakRssMb: number;
  baselinePeakRssMb: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measureSharded(dir: string, sources: GeneratedSource[]): Promise<Pick<Row, 'openMs' | 'saveP50' | 'saveP95' | 'bytesPerSave'>> {
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const nb = await Notebook.open(dir);
    opens.push(performance.now() - t0);
    await nb.close();
  }
  const nb = await Notebook.open(dir);
  const random = prng(7);
  const times: number[] = [];
  let bytes = 0;
  const saves = 300;
  for (let i = 0; i < saves; i++) {
    const g = sources[Math.floor(random() * sources.length)];
    const annotation = { ...g.annotations[i % 10], note: `Edited note ${i}`, updatedAt: new Date().toISOString() };
    const t0 = performance.now();
    await nb.putAnnotation(annotation);
    times.push(performance.now() - t0);
    bytes += (await stat(nb.paths.shard(g.source.id))).size;
  }
  await nb.close();
  return { openMs: percentile(opens, 50), saveP50: percentile(times, 50), saveP95: percentile(times, 95), bytesPerSave: Math.round(bytes / saves) };
}

interface SingleFile {
  sources: (GeneratedSource['source'] & { text: string })[];
  annotations: GeneratedSource['annotations'];
}

async function measureBaseline(dir: string, sources: GeneratedSource[]): Promise<Pick<Row, 'baselineP50' | 'baselineP95' | 'baselineBytes'>> {
  const file = join(dir, 'db.json');
  const db = new Low<SingleFile>(new JSONFile(file), { sources: [], annotations: [] });
  db.data = { sources: sources.map((g) => ({ ...g.source, text: g.text })), annotations: sources.flatMap((g) => g.annotations) };
  await db.write();
  const random = prng(7);
  const times: number[] = [];
  const saves = sources.length >= 5000 ? 20 : 60;
  for (let i = 0; i < saves; i++) {
    const k = Math.floor(random() * db.data.annotations.length);
    const t0 = performance.now();
    db.data.annotations[k] = { ...db.data.annotations[k], note: `Edited note ${i}` };
    await db.write();
    times.push(performance.now() - t0);
  }
  return { baselineP50: percentile(times, 50), baselineP95: percentile(times, 95), baselineBytes: (await stat(file)).size };
}

async function runOne(size: number): Promise<Row> {
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-'));
  try {
    const sources = generateSources(size);
    await writeShardedNotebook(join(root, 'sharded'), sources);
    const sharded = await measureSharded(join(root, 'sharded'), sources);
    // Peak so far: the benchmark's data plus Dossier's store, before the baseline loads its file.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const baseline = await measureBaseline(root, sources);
    return { sources: size, ...sharded, ...baseline, peakRssMb, baselinePeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const fmt = (n: number, d = 1) => n.toFixed(d);

function printTable(rows: Row[]): void {
  console.log(`\nStore benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`);
  console.log('Every save is atomic and durable (temp file, fsync, rename, fsync of the folder); the baseline (lowdb JSONFile, one file) does not fsync.\n');
  const header = ['sources', 'open ms', 'save p50 ms', 'save p95 ms', 'bytes/save', 'baseline p50 ms', 'baseline p95 ms', 'baseline bytes/save', 'p95 speed-up', 'peak RSS MB', 'baseline peak RSS MB'];
  const lines = rows.map((r) => [
    r.sources.toLocaleString('en'),
    fmt(r.openMs),
    fmt(r.saveP50, 2),
    fmt(r.saveP95, 2),
    r.bytesPerSave.toLocaleString('en'),
    fmt(r.baselineP50),
    fmt(r.baselineP95),
    r.baselineBytes.toLocaleString('en'),
    `${fmt(r.baselineP95 / r.saveP95, 0)}×`,
    String(r.peakRssMb),
    String(r.baselinePeakRssMb),
  ]);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  const big = rows.find((r) => r.sources === 5000);
  if (big) {
    const checks = [
      [`p95 save at 5,000 sources under 10 ms`, big.saveP95 < 10],
      [`at least 30× faster than the single file at 5,000 (p95)`, big.baselineP95 / big.saveP95 >= 30],
      [`open under 1 s at 5,000 sources`, big.openMs < 1000],
    ] as const;
    console.log('');
    for (const [label, ok] of checks) console.log(`${ok ? 'MET ' : 'MISSED'}  ${label}`);
  }
}

const args = process.argv.slice(2);
const childSize = args.indexOf('--child');
if (childSize >= 0) {
  process.stdout.write(`${JSON.stringify(await runOne(Number(args[childSize + 1])))}\n`);
} else {
  const sizesArg = args.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [100, 1000, 5000];
  const rows: Row[] = [];
  for (const size of sizes) {
    process.stderr.write(`measuring ${size} sources…\n`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`benchmark of ${size} sources failed`);
    rows.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Row);
  }
  printTable(rows);
}
