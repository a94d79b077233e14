/**
 * Automatic snapshots of a notebook's records, for the bad day: a wrong merge, a mass deletion, a
 * damaged shard. A snapshot is an archive of the backup format (backup.ts) holding only what
 * changes — notebook.json, entities.json, factsheet.json and every source shard (annotations,
 * versions) — in the notebook's own `snapshots/` folder. Texts, originals and packs are left out:
 * they are written once under their checksum and never changed or deleted, so the notebook's own
 * copies serve every snapshot. Backups and `dossier check` leave the folder out.
 *
 * While the notebook is edited, one is taken at most every `everyMinutes` (60 by default) and
 * when it is closed after edits made since the last one; the newest `hourly` (24) of the last
 * `hourly` hours are kept, and the newest of each of the last `daily` (7) days (UTC), the rest
 * removed. A snapshot of 5,000 sources' records is a few megabytes.
 *
 * Restoring one rebuilds the notebook beside itself — the snapshot's records, hard links (or
 * copies) of the texts, originals and set-aside files — checks the result file by file, takes a
 * snapshot of the state it replaces, and only then swaps the folders: the notebook is at every
 * moment the old one or the restored one. A swap cut short by a crash is finished at the next open.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import { untracked, type TaskControl } from '../tasks';
import { backupNotebook, extractArchive, openArchive, removeStale, restoreFailure } from './backup';
import { escapeRegExp } from './leftovers';
import { READY, snapshotsFolder } from './snapshot-swap';

export { finishSnapshotRestore, snapshotsFolder, swapInSnapshot } from './snapshot-swap';
import { checkNotebook } from './check';
import { fsyncFolder } from './durable-file';
import type { Notebook } from './notebook';
import { SNAPSHOT_POLICY, type SnapshotPolicy } from './snapshot-policy';

/** How often snapshots are taken and how many are kept (see the module comment). */
export { SNAPSHOT_POLICY, type SnapshotPolicy } from './snapshot-policy';

/** One snapshot as the Notebook menu and `dossier snapshots list` show it. */
export interface SnapshotInfo {
  name: string;
  takenAt: string;
  bytes: number;
  /** What the notebook held then; null when the snapshot cannot be read. */
  sources: number | null;
  annotations: number | null;
  entities: number | null;
  /** Why it cannot be restored, or null when its list and files check out. */
  problem: string | null;
}

const NAME = /^snapshot-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(-before-restore)?\.zip$/;

const nameFor = (at: Date, beforeRestore: boolean) => `snapshot-${at.toISOString().replace(/:/g, '-').replace('.', '-')}${beforeRestore ? '-before-restore' : ''}.zip`;

/** When a snapshot was taken, from its name (null: not a snapshot's name). */
export const takenAtOf = (name: string): string | null => {
  const m = NAME.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
};

/** Takes a snapshot of the open notebook's records now; answers it. */
export async function takeSnapshot(notebook: Notebook, now = new Date(), beforeRestore = false): Promise<SnapshotInfo> {
  if (notebook.readOnly) throw new DossierError('READ_ONLY', `This notebook is open read-only (${notebook.readOnly}): no snapshot can be kept in it.`);
  const folder = snapshotsFolder(notebook.paths.dir);
  await mkdir(folder, { recursive: true });
  const name = nameFor(now, beforeRestore);
  const written = await backupNotebook(notebook, join(folder, name), { snapshot: true, createdAt: now.toISOString(), overwrite: true });
  const annotations = notebook.annotationCount;
  return {
    name,
    takenAt: now.toISOString(),
    bytes: written.bytes,
    sources: notebook.info.sourceCount,
    annotations,
    entities: notebook.entities.entities.filter((e) => e.mergedInto === null).length,
    problem: null,
  };
}

/** The snapshots of a notebook folder, newest first, each read from its list (nothing inflated but the list). */
export async function listSnapshots(dir: string): Promise<SnapshotInfo[]> {
  const folder = snapshotsFolder(dir);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => takenAtOf(n) !== null);
  const out: SnapshotInfo[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const bytes = (await stat(path).catch(() => null))?.size ?? 0;
    const base = { name, takenAt: takenAtOf(name)!, bytes };
    try {
      const archive = await openArchive(path);
      archive.zip.close();
      const s = archive.list.summary;
      if (archive.list.kind !== 'snapshot') throw new DossierError('INVALID_INPUT', 'it is not a snapshot');
      out.push({ ...base, sources: s?.sources ?? null, annotations: s?.annotations ?? null, entities: s?.entities ?? null, problem: null });
    } catch (e) {
      out.push({ ...base, sources: null, annotations: null, entities: null, problem: (e as Error).message });
    }
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/** Which snapshots the policy keeps at `now` (names), from a list newest first. */
export function snapshotsToKeep(snapshots: readonly { name: string; takenAt: string }[], policy: SnapshotPolicy, now: Date): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...snapshots].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const recent = newestFirst.filter((s) => now.getTime() - Date.parse(s.takenAt) < policy.hourly * 3_600_000);
  for (const s of recent.slice(0, policy.hourly)) keep.add(s.name);
  const days = new Set<string>();
  for (const s of newestFirst) {
    const day = s.takenAt.slice(0, 10);
    const age = Math.floor((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
    if (age >= policy.daily || days.has(day)) continue;
    days.add(day);
    keep.add(s.name);
  }
  return keep;
}

/** Removes the snapshots the policy does not keep; answers their names. */
export async function pruneSnapshots(dir: string, policy: SnapshotPolicy, now = new Date()): Promise<string[]> {
  const folder = snapshotsFolder(dir);
  const all = (await readdir(folder).catch(() => [] as string[])).flatMap((name) => (takenAtOf(name) ? [{ name, takenAt: takenAtOf(name)! }] : []));
  const keep = snapshotsToKeep(all, policy, now);
  const removed = all.filter((s) => !keep.has(s.name)).map((s) => s.name);
  for (const name of removed) await unlink(join(folder, name)).catch(() => undefined);
  return removed;
}

/** Hard-links (or, on a filesystem without links, copies) every file of `from` into `to`. */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch(() => null);
  if (!entries) return;
  await mkdir(to, { recursive: true });
  for (const e of entries) {
    if (e.isDirectory()) await linkTree(join(from, e.name), join(to, e.name));
    else if (e.isFile()) await link(join(from, e.name), join(to, e.name)).catch(() => copyFile(join(from, e.name), join(to, e.name)));
  }
  await fsyncFolder(to);
}

/**
 * Builds the notebook as it was at snapshot `name` beside the open notebook and checks it (see
 * the module comment); answers the folder to swap in with {@link swapInSnapshot} once the notebook
 * is closed. Takes a snapshot of the present state first, so that nothing is lost by restoring.
 */
export async function prepareSnapshotRestore(notebook: Notebook, name: string, control: TaskControl = untracked()): Promise<string> {
  if (takenAtOf(name) === null) throw new DossierError('INVALID_INPUT', `${name} is not the name of a snapshot.`);
  if (notebook.readOnly) throw new DossierError('READ_ONLY', `This notebook is open read-only (${notebook.readOnly}): it cannot be put back to a snapshot. Nothing was changed.`);
  const dir = notebook.paths.dir;
  const path = join(snapshotsFolder(dir), name);
  if (!(await stat(path).catch(() => null))) throw new DossierError('NOT_FOUND', `There is no snapshot ${name} in this notebook.`);
  control.report('Checking the snapshot', 0, 0);
  const archive = await openArchive(path);
  await removeStale(dirname(dir), new RegExp(`^${escapeRegExp(basename(dir))}\\.snapshot-(\\d+)-[0-9a-f]{8}$`));
  const building = `${dir}.snapshot-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    if (archive.list.kind !== 'snapshot') throw new DossierError('INVALID_INPUT', `${name} is not a snapshot.`);
    if (archive.list.notebook.id !== notebook.info.id) throw new DossierError('INVALID_INPUT', `${name} is a snapshot of another notebook (${archive.list.notebook.name}).`);
    await extractArchive(archive, building, control);
    for (const folder of ['bodies', 'originals', 'packs', 'quarantine']) await linkTree(join(dir, folder), join(building, folder));
    control.report('Checking the restored notebook', 0, 0);
    const report = await checkNotebook(building);
    // What the snapshot holds (the records) must be whole. Texts and originals are the notebook's
    // own, shared with the present: one damaged there is damaged now too, and is no reason to
    // refuse a restore (dossier check --repair says what to do about it).
    const blocking = report.problems.filter((p) => !/^(packs|bodies|originals)\//.test(p.file));
    if (blocking.length > 0) {
      const first = blocking[0];
      throw new DossierError(
        'NOTEBOOK_CORRUPT',
        `The notebook as of ${name} would not be whole (${first.file}: ${first.problem}${blocking.length > 1 ? `; and ${blocking.length - 1} more` : ''}); nothing was changed.`,
      );
    }
    await takeSnapshot(notebook, new Date(), true);
    await writeFile(join(building, READY), name);
    await fsyncFolder(building);
    return building;
  } catch (e) {
    await rm(building, { recursive: true, force: true });
    throw restoreFailure(e, dir);
  } finally {
    archive.zip.close();
  }
}

/**
 * Takes snapshots of an open notebook while it is edited (see the module comment). `tick` is
 * called by a timer the app starts; tests call it with a clock of their own.
 */
export class Snapshotter {
  private lastChanges: number;
  private lastTakenAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Why the last automatic snapshot failed, or null. */
  lastError: string | null = null;

  constructor(
    private readonly notebook: Notebook,
    private readonly policy: SnapshotPolicy = SNAPSHOT_POLICY,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.lastChanges = notebook.changeCount;
  }

  /** Reads when the newest snapshot was taken and starts the timer (every minute, never keeping the process alive). */
  async start(): Promise<void> {
    const newest = (await listSnapshots(this.notebook.paths.dir).catch(() => []))[0];
    this.lastTakenAt = newest ? Date.parse(newest.takenAt) : 0;
    this.timer = setInterval(() => void this.tick(), Math.min(60_000, this.policy.everyMinutes * 60_000));
    this.timer.unref?.();
  }

  /** Takes a snapshot when there were edits since the last one and it is old enough (or `force`). */
  tick(force = false): Promise<SnapshotInfo | null> {
    const run = this.running.then(async () => {
      const now = this.clock();
      const changed = this.notebook.changeCount !== this.lastChanges;
      if (!changed || (!force && now.getTime() - this.lastTakenAt < this.policy.everyMinutes * 60_000)) return null;
      const changes = this.notebook.changeCount;
      try {
        const taken = await takeSnapshot(this.notebook, now);
        this.lastChanges = changes;
        this.lastTakenAt = now.getTime();
        this.lastError = null;
        await pruneSnapshots(this.notebook.paths.dir, this.policy, now);
        return taken;
      } catch (e) {
        this.lastError = (e as Error).message;
        console.error(`[dossier] could not take a snapshot of the notebook: ${this.lastError}`);
        return null;
      }
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer; with edits since the last snapshot, and the last older than the interval, takes one first (unless `last` is false). */
  async stop(last = true): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (last) await this.tick();
    else await this.running;
  }
}
