/**
 * Automatic snapshots: taken while the notebook is edited (not when it is not), kept by the
 * policy (24 hourly, 7 daily), listed with what they hold, and restored as a whole notebook — a
 * snapshot of the present taken first, texts kept, a damaged or foreign snapshot refused without a
 * change, and a swap cut short by a crash finished at the next open.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rename, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { updateEntity } from '../entities/service';
import { openArchive } from './backup';
import { Notebook } from './notebook';
import { listSnapshots, prepareSnapshotRestore, pruneSnapshots, Snapshotter, snapshotsToKeep, swapInSnapshot, takeSnapshot } from './snapshots';

let dir: string;
let cleanup: () => Promise<void>;
let nb: Notebook;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, join(dir, 'sample'));
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

const hours = (n: number) => n * 3_600_000;
const at = (iso: string) => new Date(iso);

describe('taking snapshots', () => {
  it('takes one after edits once the interval has passed, never without edits, and lists what it holds', async () => {
    let now = at('2026-12-02T09:00:00.000Z');
    const snapshotter = new Snapshotter(nb, { everyMinutes: 60, hourly: 24, daily: 7 }, () => now);
    await snapshotter.start();
    expect(await snapshotter.tick()).toBeNull(); // nothing edited yet
    const a = [...nb.allAnnotations()][0].annotation;
    await nb.removeAnnotation(a.id);
    expect(await snapshotter.tick()).toMatchObject({ takenAt: '2026-12-02T09:00:00.000Z' });
    await nb.putAnnotation(a);
    now = new Date(now.getTime() + hours(0.5));
    expect(await snapshotter.tick()).toBeNull(); // too soon
    now = new Date(now.getTime() + hours(0.5));
    expect(await snapshotter.tick()).toMatchObject({ takenAt: '2026-12-02T10:00:00.000Z' });
    now = new Date(now.getTime() + hours(3));
    expect(await snapshotter.tick()).toBeNull(); // no edit since
    await snapshotter.stop();

    const list = await listSnapshots(nb.paths.dir);
    expect(list.map((s) => s.takenAt)).toEqual(['2026-12-02T10:00:00.000Z', '2026-12-02T09:00:00.000Z']);
    expect(list[0]).toMatchObject({ sources: 5, annotations: 16, problem: null });
    expect(list[1]).toMatchObject({ sources: 5, annotations: 15 });
    // A snapshot holds records only: no text, original or pack.
    const archive = await openArchive(join(nb.paths.dir, 'snapshots', list[0].name));
    archive.zip.close();
    expect(archive.list.kind).toBe('snapshot');
    expect(archive.list.files.map((f) => f.path).filter((p) => /^(bodies|originals|packs)\//.test(p))).toEqual([]);
    expect(archive.list.files.map((f) => f.path)).toContain('entities.json');
  });

  it('keeps the last 24 hours and the newest of each of the last 7 days', async () => {
    // Ten days of hourly snapshots.
    const now = at('2026-12-10T12:30:00.000Z');
    const all = Array.from({ length: 240 }, (_, i) => {
      const t = new Date(now.getTime() - hours(i) - 60_000).toISOString();
      return { name: `snapshot-${t.replace(/:/g, '-').replace('.', '-')}.zip`, takenAt: t };
    });
    const keep = snapshotsToKeep(all, { everyMinutes: 60, hourly: 24, daily: 7 }, now);
    const kept = all.filter((s) => keep.has(s.name)).map((s) => s.takenAt);
    expect(kept.filter((t) => now.getTime() - Date.parse(t) < hours(24))).toHaveLength(24);
    // One a day for the days before (the newest of each), back to 6 days before today.
    const older = kept.filter((t) => now.getTime() - Date.parse(t) >= hours(24));
    expect(older).toEqual(['2026-12-08T23:29:00.000Z', '2026-12-07T23:29:00.000Z', '2026-12-06T23:29:00.000Z', '2026-12-05T23:29:00.000Z', '2026-12-04T23:29:00.000Z']);
    expect(kept).toHaveLength(29);

    // On disk: pruning removes the others.
    for (const t of ['2026-11-20T10:00:00.000Z', '2026-12-09T08:00:00.000Z', '2026-12-10T11:00:00.000Z']) await takeSnapshot(nb, at(t));
    expect(await pruneSnapshots(nb.paths.dir, { everyMinutes: 60, hourly: 24, daily: 7 }, now)).toEqual(['snapshot-2026-11-20T10-00-00-000Z.zip']);
    expect((await listSnapshots(nb.paths.dir)).map((s) => s.takenAt)).toEqual(['2026-12-10T11:00:00.000Z', '2026-12-09T08:00:00.000Z']);
  });
});

describe('restoring a snapshot', () => {
  it('puts the notebook back as it was, keeps its texts, and keeps a snapshot of what it replaced', async () => {
    const taken = await takeSnapshot(nb, at('2026-12-02T09:00:00.000Z'));
    const before = [...nb.allAnnotations()].map((x) => x.annotation);
    // The bad day: an annotation deleted, an entity renamed.
    await nb.removeAnnotation(before[0].id);
    const round = nb.entities.entities.find((e) => e.name === 'P-Hunt 20.2')!;
    await updateEntity(nb, round.id, { ...round, name: 'P-Hunt 20.2 (wrong)' });

    const building = await prepareSnapshotRestore(nb, taken.name);
    await nb.close();
    await swapInSnapshot(nb.paths.dir, building);
    nb = await Notebook.open(join(dir, 'sample'));
    expect(nb.problems).toEqual([]);
    expect([...nb.allAnnotations()].map((x) => x.annotation)).toEqual(before);
    expect(nb.entities.entities.find((e) => e.id === round.id)!.name).toBe('P-Hunt 20.2');
    for (const s of nb.listSources()) expect((await nb.getSource(s.id)).text.length).toBeGreaterThan(100);
    expect((await readdir(dir)).sort()).toEqual(['sample']);

    // The state it replaced is a snapshot too: restoring it undoes the restore.
    const list = await listSnapshots(nb.paths.dir);
    const undo = list.find((s) => s.name.endsWith('-before-restore.zip'))!;
    expect(undo).toMatchObject({ annotations: 15, problem: null });
    const back = await prepareSnapshotRestore(nb, undo.name);
    await nb.close();
    await swapInSnapshot(nb.paths.dir, back);
    nb = await Notebook.open(join(dir, 'sample'));
    expect(nb.annotationCount).toBe(15);
    expect(nb.entities.entities.find((e) => e.id === round.id)!.name).toBe('P-Hunt 20.2 (wrong)');
  });

  it('refuses a missing, damaged or foreign snapshot and changes nothing', async () => {
    const good = await takeSnapshot(nb, at('2026-12-02T09:00:00.000Z'));
    const damaged = await takeSnapshot(nb, at('2026-12-02T10:00:00.000Z'));
    await truncate(join(nb.paths.dir, 'snapshots', damaged.name), 200);
    const other = await createSampleNotebook(SEEDS_DIR, join(dir, 'other'));
    const foreign = await takeSnapshot(other, at('2026-12-02T11:00:00.000Z'));
    await other.close();
    await rename(join(dir, 'other', 'snapshots', foreign.name), join(nb.paths.dir, 'snapshots', foreign.name));
    const files = async () => Promise.all((await readdir(join(nb.paths.dir, 'sources'))).map((f) => readFile(join(nb.paths.dir, 'sources', f), 'utf8')));
    const was = await files();

    const list = await listSnapshots(nb.paths.dir);
    expect(list.find((s) => s.name === damaged.name)!.problem).toMatch(/not a zip archive|damaged/);
    expect(list.find((s) => s.name === good.name)!.problem).toBeNull();
    await expect(prepareSnapshotRestore(nb, damaged.name)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(prepareSnapshotRestore(nb, foreign.name)).rejects.toThrow(/snapshot of another notebook/);
    await expect(prepareSnapshotRestore(nb, 'snapshot-2020-01-01T00-00-00-000Z.zip')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(prepareSnapshotRestore(nb, '../notebook.json')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await files()).toEqual(was);
    expect((await readdir(dir)).sort()).toEqual(['other', 'sample']);
  });

  it('finishes a swap a crash cut short when the notebook is next opened', async () => {
    const taken = await takeSnapshot(nb, at('2026-12-02T09:00:00.000Z'));
    const count = nb.annotationCount;
    await nb.removeAnnotation([...nb.allAnnotations()][0].annotation.id);
    const building = await prepareSnapshotRestore(nb, taken.name);
    await nb.close();
    // The process that began the swap died after moving the old folder aside.
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const dirPath = join(dir, 'sample');
    await rename(building, `${dirPath}.snapshot-${dead}-0123abcd`);
    await rename(dirPath, `${dirPath}.replaced-${dead}-4567abcd`);

    nb = await Notebook.open(dirPath);
    expect(nb.annotationCount).toBe(count);
    expect((await listSnapshots(dirPath)).length).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['sample']);
  });
});
