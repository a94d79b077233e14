/**
 * The crash test: a notebook edited by a child process (testing/crash-editor.ts) that is killed
 * with SIGKILL, round after round — at random moments, and at named fault points inside a group
 * commit, a backup and a restore, where the child stops dead so that the kill is certain to land
 * mid-write. After each kill the notebook is reopened and checked file by file (`dossier check`),
 * every acknowledged edit must be there (an edit in flight at the kill may or may not be), every
 * acknowledged backup must restore, every acknowledged restore must open, and a backup or restore
 * in flight is either absent or whole.
 *
 * `DOSSIER_CRASH_KILLS` sets the number of kills (200 by default); `DOSSIER_CRASH_SEED` the seed.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { FAULT_POINTS, type FaultPoint } from './fault-points';
import { restoreBackup } from './backup';
import { checkNotebook } from './check';
import { Notebook } from './notebook';

const KILLS = Number(process.env.DOSSIER_CRASH_KILLS ?? 200);
const SEED = Number(process.env.DOSSIER_CRASH_SEED ?? Date.now() % 100_000);

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('dossier-crash-'));
});
afterAll(() => cleanup());

/** What the notebook must hold: for each record, whether it is there and the values it may have. */
interface Expected {
  present: 'yes' | 'no' | 'either';
  /** Values it may have (the last acknowledged, and one in flight); null: any. */
  values: string[] | null;
}

class Model {
  readonly annotations = new Map<string, Expected>();
  readonly entities = new Map<string, Expected>();
  /** Source id → content hashes it may have (null: any, a version was in flight). */
  readonly sources = new Map<string, string[] | null>();
  readonly backups: { path: string; acked: boolean }[] = [];
  readonly restores: { path: string; acked: boolean }[] = [];
  acked = 0;

  private sent(map: Map<string, Expected>, id: string, change: { value?: string; remove?: boolean }) {
    const known = map.get(id) ?? { present: 'yes', values: null };
    if (change.remove) map.set(id, { ...known, present: known.present === 'no' ? 'no' : 'either' });
    else map.set(id, { ...known, values: known.values && change.value !== undefined ? [...known.values, change.value] : null });
  }

  /** One line of the child's output. */
  take(line: string) {
    const [what, json] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    let e: Record<string, string>;
    try {
      e = JSON.parse(json);
    } catch {
      return; // a line cut by the kill: the edit counts as in flight
    }
    if (what === 'send') {
      if (e.op === 'note') this.sent(this.annotations, e.id, { value: e.note });
      if (e.op === 'unannotate') this.sent(this.annotations, e.id, { remove: true });
      if (e.op === 'rename') this.sent(this.entities, e.id, { value: e.name });
      if (e.op === 'unentity') this.sent(this.entities, e.id, { remove: true });
      if (e.op === 'version') this.sources.set(e.id, null);
      if (e.op === 'backup') this.backups.push({ path: e.path, acked: false });
      if (e.op === 'restore') this.restores.push({ path: e.path, acked: false });
      return;
    }
    this.acked++;
    if (e.op === 'annotate' || e.op === 'note') this.annotations.set(e.id, { present: 'yes', values: [e.note] });
    if (e.op === 'unannotate') this.annotations.set(e.id, { present: 'no', values: null });
    if (e.op === 'entity' || e.op === 'rename') this.entities.set(e.id, { present: 'yes', values: [e.name] });
    if (e.op === 'unentity') this.entities.set(e.id, { present: 'no', values: null });
    if (e.op === 'import') this.sources.set(e.id, this.sources.get(e.id) ?? null);
    if (e.op === 'version') this.sources.set(e.id, [e.contentHash]);
    if (e.op === 'backup') this.backups.at(-1)!.acked = true;
    if (e.op === 'restore') this.restores.at(-1)!.acked = true;
  }
}

/** One child, killed at a random ack or at a fault point; answers where the kill landed. */
async function killOnce(nb: string, work: string, seed: number, model: Model, aim: { point: FaultPoint; hit: number } | null, killAfter: number): Promise<FaultPoint | 'random'> {
  const focus = aim?.point.startsWith('backup') ? 'backup' : aim?.point.startsWith('restore') ? 'restore' : '';
  const child = spawn(process.execPath, ['out/node/testing/crash-editor.js', nb, work, String(seed), focus], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOSSIER_FAULT_AT: aim ? `${aim.point}:${aim.hit}` : '' },
  });
  let landed: FaultPoint | 'random' = 'random';
  let acks = 0;
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const fault = /fault ([a-z:-]+)/.exec(stderr);
    if (fault && landed === 'random') {
      landed = fault[1] as FaultPoint;
      child.kill('SIGKILL');
    }
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    model.take(line);
    if (line.startsWith('ack ') && ++acks === killAfter) {
      // A moment later, so that the kill lands inside the next edit as often as between two.
      setTimeout(() => child.kill('SIGKILL'), acks % 4);
    }
  });
  await exited;
  await new Promise<void>((resolve) => (lines.close(), resolve()));
  if (child.signalCode !== 'SIGKILL') throw new Error(`the editor stopped by itself (${child.exitCode}): ${stderr}`);
  return landed;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function tempFilesIn(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(folder, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.tmp') && !join(e.parentPath, e.name).includes('/cache/')) out.push(join(e.parentPath, e.name));
  return out;
}

/** Checks the notebook after a kill against what was acknowledged; answers how many records were checked. */
async function verify(nbDir: string, model: Model, checkedBackups: Set<string>): Promise<number> {
  const report = await checkNotebook(nbDir);
  expect(report.problems, 'dossier check after the kill').toEqual([]);
  const nb = await Notebook.open(nbDir);
  let checked = 0;
  try {
    expect(nb.problems).toEqual([]);
    await nb.leftovers;
    expect(await tempFilesIn(nbDir), 'temporary files left by the killed write').toEqual([]);
    const annotations = new Map([...nb.allAnnotations()].map(({ annotation }) => [annotation.id, annotation.note]));
    for (const [id, want] of model.annotations) {
      checked++;
      if (want.present === 'yes') expect(annotations.has(id), `annotation ${id}`).toBe(true);
      if (want.present === 'no') expect(annotations.has(id), `deleted annotation ${id}`).toBe(false);
      if (annotations.has(id) && want.values) expect(want.values, `note of ${id}`).toContain(annotations.get(id));
    }
    const entities = new Map(nb.entities.entities.filter((e) => e.mergedInto === null).map((e) => [e.id, e.name]));
    for (const [id, want] of model.entities) {
      checked++;
      if (want.present === 'yes') expect(entities.has(id), `entity ${id}`).toBe(true);
      if (want.present === 'no') expect(entities.has(id), `deleted entity ${id}`).toBe(false);
      if (entities.has(id) && want.values) expect(want.values, `name of ${id}`).toContain(entities.get(id));
    }
    const sources = new Map(nb.listSources().map((s) => [s.id, s.contentHash]));
    for (const [id, hashes] of model.sources) {
      checked++;
      expect(sources.has(id), `source ${id}`).toBe(true);
      if (hashes) expect(hashes, `text of ${id}`).toContain(sources.get(id));
      expect((await nb.getSource(id)).text.length).toBeGreaterThan(0);
    }
  } finally {
    await nb.close();
  }
  // Backups: an acknowledged one restores; one in flight is absent or whole. Each is checked once.
  for (const b of model.backups.filter((x) => !checkedBackups.has(x.path))) {
    checkedBackups.add(b.path);
    if (!b.acked && !(await exists(b.path))) continue;
    checked++;
    const into = `${b.path}.check`;
    await restoreBackup(b.path, into);
    const restored = await Notebook.open(into);
    expect(restored.problems, `restored ${b.path}`).toEqual([]);
    await restored.close();
  }
  for (const r of model.restores.filter((x) => !checkedBackups.has(x.path))) {
    checkedBackups.add(r.path);
    if (!r.acked && !(await exists(r.path))) continue;
    checked++;
    const restored = await Notebook.open(r.path);
    expect(restored.problems, `restore ${r.path}`).toEqual([]);
    await restored.close();
  }
  return checked;
}

it(`keeps every acknowledged edit through ${KILLS} SIGKILLs, inside group commits, backups and restores too`, async () => {
  const nbDir = join(dir, 'nb');
  const work = join(dir, 'work');
  await (await createSampleNotebook(SEEDS_DIR, nbDir)).close();
  await import('node:fs/promises').then((fs) => fs.mkdir(work));
  const model = new Model();
  const checkedOnce = new Set<string>();
  const landed = new Map<string, number>();
  let checks = 0;
  let random = SEED;
  const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
  for (let kill = 0; kill < KILLS; kill++) {
    // Every third kill aims at a fault point (each in turn); the others land where they land.
    const aim = kill % 3 === 0 ? { point: FAULT_POINTS[(kill / 3) % FAULT_POINTS.length], hit: 1 + (next() % 3) } : null;
    const where = await killOnce(nbDir, work, SEED * 1000 + kill, model, aim, aim ? 80 : 1 + (next() % 12));
    landed.set(where, (landed.get(where) ?? 0) + 1);
    checks += await verify(nbDir, model, checkedOnce);
  }
  const points = FAULT_POINTS.map((p) => `${p} ${landed.get(p) ?? 0}`).join(', ');
  console.log(
    `crash test (seed ${SEED}): ${KILLS} kills survived — ${landed.get('random') ?? 0} at random moments; at fault points: ${points}. ${model.acked} acknowledged edits, ${checks} record checks after kills, ${model.backups.length} backups and ${model.restores.length} restores checked.`,
  );
  // Every fault point was reached and killed at least once.
  for (const p of FAULT_POINTS) expect(landed.get(p) ?? 0, `kills at ${p}`).toBeGreaterThan(0);
}, 900_000);
