/**
 * Team trust (issue 26): no recovery tool, undo or concurrent edit silently loses or reverts a
 * colleague's work. Each scenario is the one a team met, run with two real notebooks sharing a
 * CouchDB-protocol server (or the CouchDB at COUCHDB_URL).
 */
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityFields } from '../../../shared/domain/entity';
import { annotationsAsCsv, annotationsAsW3C } from '../annotations/exchange';
import { deleteAnnotation, updateAnnotation } from '../annotations/service';
import { createEntity, deleteEntity, mergeEntities } from '../entities/service';
import { checkNotebook } from '../store/check';
import { repairNotebook } from '../store/repair';
import { describeRecord } from './records';
import { prepareSnapshotRestore, swapInSnapshot, takeSnapshot } from '../store/snapshots';
import { annotationOn } from '../testing/fixtures';
import { noteSnapshotRestore } from './recovery';
import { allAnnotations, teamFixture, type Reporter } from '../testing/team';

const f = teamFixture();

const person = (name: string) => EntityFields.parse({ type: 'person', name, aliases: [], description: '', start: null, end: null, parentId: null });
const operation = (name: string) => EntityFields.parse({ type: 'operation', name, aliases: [], description: '', start: null, end: null, parentId: null });
const live = (r: Reporter) =>
  r.nb.entities.entities
    .filter((e) => e.mergedInto === null)
    .map((e) => e.id)
    .sort();

const byId = (r: Reporter) => [...r.nb.entities.entities].sort((x, y) => x.id.localeCompare(y.id));

/** Rounds in turn until neither laptop sends or takes in anything (a repair taken in is sent at the next round). */
async function settle(...reporters: Reporter[]): Promise<void> {
  for (let i = 0; i < 6; i++) {
    let moved = 0;
    for (const r of reporters) {
      const round = await r.sync();
      moved += round.sent + round.received + round.uploaded + round.downloaded;
    }
    if (moved === 0) return;
  }
  throw new Error('the laptops did not settle in 6 rounds each');
}

describe('entities edited on two laptops at once', () => {
  it('two reporters merging the same two people the opposite ways end with one of them, the same on both laptops, listed as conflicts', async () => {
    const { asha, ben } = await f.team();
    const pairs: [string, string][] = [];
    for (let i = 0; i < 12; i++) {
      const a = await createEntity(asha.nb, person(`Witness ${i} first spelling`), 'Asha');
      const b = await createEntity(asha.nb, person(`Witness ${i} second spelling`), 'Asha');
      pairs.push([a.id, b.id]);
    }
    // A passage linked to every one of them, so the merges move links too.
    const passage = allAnnotations(asha.nb)[0];
    await asha.nb.putAnnotation({ ...passage, entityIds: [...passage.entityIds, ...pairs.flat()] });
    await settle(asha, ben);
    for (const [a, b] of pairs) {
      await mergeEntities(asha.nb, b, a, 'Asha');
      await mergeEntities(ben.nb, a, b, 'Ben');
    }
    await settle(asha, ben);

    expect(live(ben)).toEqual(live(asha));
    expect(byId(ben)).toEqual(byId(asha));
    for (const [a, b] of pairs) expect([a, b].filter((id) => live(asha).includes(id))).toHaveLength(1);
    // Every entity of a pair still stands for a live one: none vanished, no circle is left.
    expect((await checkNotebook(asha.nb.paths.dir)).problems.filter((p) => /merged into|belongs to|round of/.test(p.problem))).toEqual([]);
    const conflicted = new Set((await asha.session.bridge.conflicts()).map((c) => c.id));
    for (const [a, b] of pairs) expect([conflicted.has(`entity:${a}`), conflicted.has(`entity:${b}`)]).toEqual([true, true]);
    // The exports follow merges and end.
    expect((await annotationsAsW3C(asha.nb)).first.items.length).toBe(allAnnotations(asha.nb).length);
    expect(annotationsAsCsv(ben.nb).split('\n').length).toBeGreaterThan(1);
  });

  it('two reporters making each of two operations a round of the other end with no circle, the same on both laptops', async () => {
    const { asha, ben } = await f.team();
    const x = await createEntity(asha.nb, operation('Operation Cold Water'), 'Asha');
    const y = await createEntity(asha.nb, operation('Operation Clean Slate'), 'Asha');
    await settle(asha, ben);
    const fields = (e: typeof x, parentId: string) => ({ type: e.type, name: e.name, aliases: e.aliases, description: e.description, start: e.start, end: e.end, parentId });
    await asha.nb.saveEntities({ ...asha.nb.entities, entities: asha.nb.entities.entities.map((e) => (e.id === x.id ? { ...e, ...fields(x, y.id) } : e)) });
    await ben.nb.saveEntities({ ...ben.nb.entities, entities: ben.nb.entities.entities.map((e) => (e.id === y.id ? { ...e, ...fields(y, x.id) } : e)) });
    await settle(asha, ben);
    const parents = (r: Reporter) =>
      byId(r)
        .filter((e) => e.id === x.id || e.id === y.id)
        .map((e) => [e.id, e.parentId]);
    expect(parents(ben)).toEqual(parents(asha));
    expect(parents(asha).filter(([, p]) => p === null)).toHaveLength(1);
    expect((await checkNotebook(ben.nb.paths.dir)).problems).toEqual([]);
  });
});

describe('a link to an entity deleted elsewhere', () => {
  it('brings the entity back as a listed conflict on both laptops; keeping it deleted then drops the link everywhere', async () => {
    const { asha, ben } = await f.team();
    const e = await createEntity(asha.nb, person('Anil Kumar (witness)'), 'Asha');
    await settle(asha, ben);
    const x = allAnnotations(asha.nb)[2];
    await asha.nb.putAnnotation({ ...x, entityIds: [...x.entityIds, e.id] });
    await deleteEntity(ben.nb, e.id, 'Ben');
    await settle(asha, ben);
    for (const r of [asha, ben]) {
      expect(live(r)).toContain(e.id);
      expect(r.nb.getAnnotation(x.id).entityIds).toContain(e.id);
      expect((await checkNotebook(r.nb.paths.dir)).problems).toEqual([]);
      const conflict = (await r.session.bridge.conflicts()).find((c) => c.id === `entity:${e.id}`);
      expect(conflict?.versions.map((v) => v.deleted).sort()).toEqual([false, true]);
    }
    // Ben, who deleted it, keeps it deleted: the entity and the link go, for both.
    const [conflict] = (await ben.session.bridge.conflicts()).filter((c) => c.id === `entity:${e.id}`);
    await ben.session.bridge.resolve(conflict.id, { keep: conflict.versions.find((v) => v.deleted)!.rev });
    await settle(asha, ben);
    for (const r of [asha, ben]) {
      expect(live(r)).not.toContain(e.id);
      expect(r.nb.getAnnotation(x.id).entityIds).not.toContain(e.id);
      expect((await checkNotebook(r.nb.paths.dir)).problems).toEqual([]);
      expect(await r.session.bridge.conflicts()).toEqual([]);
    }
  });
});

describe('entities on one laptop', () => {
  it('deleting an entity that another was merged into takes the merged one with it: the notebook checks clean and nothing comes back', async () => {
    const { asha } = await f.team();
    const e1 = await createEntity(asha.nb, person('Shibu Thomas'), 'Asha');
    const e2 = await createEntity(asha.nb, person('S. Thomas'), 'Asha');
    await mergeEntities(asha.nb, e1.id, e2.id, 'Asha');
    await deleteEntity(asha.nb, e1.id, 'Asha');
    expect(asha.nb.entities.entities.map((e) => e.id)).not.toContain(e2.id);
    expect((await checkNotebook(asha.nb.paths.dir)).problems).toEqual([]);
  });

  it('the W3C and CSV exports end on a notebook whose merges go round in a circle (written before the repair existed)', async () => {
    const { asha } = await f.team();
    const e1 = await createEntity(asha.nb, person('Circle One'), 'Asha');
    const e2 = await createEntity(asha.nb, person('Circle Two'), 'Asha');
    const passage = allAnnotations(asha.nb)[0];
    await asha.nb.putAnnotation({ ...passage, entityIds: [e1.id] });
    await asha.nb.saveEntities({
      ...asha.nb.entities,
      entities: asha.nb.entities.entities.map((e) => (e.id === e1.id ? { ...e, mergedInto: e2.id } : e.id === e2.id ? { ...e, mergedInto: e1.id } : e)),
    });
    const w3c = await annotationsAsW3C(asha.nb);
    expect(w3c.first.items).toHaveLength(allAnnotations(asha.nb).length);
    expect(annotationsAsCsv(asha.nb)).toContain(passage.id);
    expect((await checkNotebook(asha.nb.paths.dir)).problems.map((p) => p.problem)).toEqual([expect.stringMatching(/merged into each other/)]);
  });
});

/** The source of the sample with the most annotations, and those annotations. */
function busiestSource(r: Reporter) {
  const source = [...r.nb.listSources()].sort((x, y) => r.nb.listAnnotations(y.id).length - r.nb.listAnnotations(x.id).length)[0];
  return { source, annotations: r.nb.listAnnotations(source.id) };
}
const damageShard = (id: string) => async (dir: string) => writeFile(join(dir, 'sources', `${id}.json`), '{"source": {"id": 7');

describe('a laptop’s damaged or recovered files are its own, never the team’s', () => {
  it('a shard damaged with no copy here is not sent as deletions: the colleague keeps every annotation, and the source comes back from the replica', async () => {
    const { asha, ben } = await f.team();
    const { source, annotations } = busiestSource(asha);
    expect(annotations.length).toBeGreaterThanOrEqual(3);
    await ben.nb.putAnnotation({ ...annotations[0], note: 'Ben checked this against the FIR.' });
    await settle(asha, ben);
    const damaged = await f.restart(asha, async (dir) => {
      await rm(join(dir, 'cache'), { recursive: true, force: true });
      await damageShard(source.id)(dir);
    });
    expect(damaged.nb.hasSource(source.id)).toBe(false);
    await settle(damaged, ben);
    expect(
      ben.nb
        .listAnnotations(source.id)
        .map((a) => a.id)
        .sort(),
    ).toEqual(annotations.map((a) => a.id).sort());
    expect(ben.nb.getAnnotation(annotations[0].id).note).toBe('Ben checked this against the FIR.');
    // Fetched again from the replica: Asha has the source, its text and every annotation back.
    expect(damaged.nb.listAnnotations(source.id)).toHaveLength(annotations.length);
    expect((await damaged.nb.getSource(source.id)).text).toBe((await ben.nb.getSource(source.id)).text);
    expect(await damaged.session.bridge.conflicts()).toEqual([]);
  });

  it('a shard restored from an older copy in the open cache does not undo a colleague’s edit made after that copy', async () => {
    const { asha, ben } = await f.team();
    const { source, annotations } = busiestSource(asha);
    // Asha's Dossier closes (its open cache written) before Ben's edit arrives.
    let again = await f.restart(asha, async (dir) => copyFile(join(dir, 'cache', 'open.jsonl'), join(dir, '..', 'open.jsonl.old')));
    await ben.nb.putAnnotation({ ...annotations[0], note: 'Ben: the figure is 269, not 268.' });
    await settle(again, ben);
    expect(again.nb.getAnnotation(annotations[0].id).note).toBe('Ben: the figure is 269, not 268.');
    // A crash leaves the older cache, and the shard is damaged.
    again = await f.restart(again, async (dir) => {
      await copyFile(join(dir, '..', 'open.jsonl.old'), join(dir, 'cache', 'open.jsonl'));
      await damageShard(source.id)(dir);
    });
    expect(again.nb.problems.map((p) => p.message)).toEqual([expect.stringMatching(/open cache/)]);
    await settle(again, ben);
    expect(ben.nb.getAnnotation(annotations[0].id).note).toBe('Ben: the figure is 269, not 268.');
    expect(again.nb.getAnnotation(annotations[0].id).note).toBe('Ben: the figure is 269, not 268.');
  });

  it('a damaged entities file is not sent as deleting every entity: they come back from the replica', async () => {
    const { asha, ben } = await f.team();
    const before = live(ben);
    const again = await f.restart(asha, async (dir) => writeFile(join(dir, 'entities.json'), '{"entities": ['));
    expect(again.nb.entities.entities).toEqual([]);
    await settle(again, ben);
    expect(live(ben)).toEqual(before);
    expect(live(again)).toEqual(before);
  });

  it('check --repair of a shared notebook removes no colleague’s link: what was damaged comes back from the replica', async () => {
    const { asha, ben } = await f.team();
    const linked = allAnnotations(ben.nb).filter((a) => a.entityIds.length > 0);
    expect(linked.length).toBeGreaterThan(0);
    const again = await f.restart(asha, async (dir) => {
      await writeFile(join(dir, 'entities.json'), '{"entities": [');
      const report = await repairNotebook(dir, { shared: true });
      expect(report.done.join(' ')).toMatch(/shared/);
    });
    await settle(again, ben);
    expect(allAnnotations(ben.nb).filter((a) => a.entityIds.length > 0)).toEqual(linked);
    expect(allAnnotations(again.nb).filter((a) => a.entityIds.length > 0).length).toBe(linked.length);
  });
});

describe('a snapshot restored on one laptop', () => {
  it('rolls back only that reporter’s own edits: a colleague’s edit, deletion and new annotation made since stay, on both laptops, and are listed', async () => {
    const { asha, ben } = await f.team();
    const [x, y, w] = allAnnotations(asha.nb);
    const snapshot = await takeSnapshot(asha.nb);
    await new Promise((r) => setTimeout(r, 5));
    await ben.nb.putAnnotation({ ...x, note: 'Ben: 269 per the FIR list.' });
    await ben.nb.removeAnnotation(y.id);
    const source = ben.nb.listSources()[0];
    const z = annotationOn(source, (await ben.nb.getSource(source.id)).text, 7, 12);
    await ben.nb.putAnnotation(z);
    await asha.nb.putAnnotation({ ...w, note: 'Asha: a note she regrets.' });
    await settle(asha, ben);
    expect(asha.nb.hasAnnotation(z.id)).toBe(true);
    // Before she restores, she is shown what Ben changed since the snapshot (her own edit is not his).
    const since = await asha.session.bridge.colleagueChangesSince(snapshot.takenAt);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(since.map(({ id, by, how, what }) => ({ id, by, how, what })).sort(byId)).toEqual(
      [
        { id: `annotation:${x.id}`, by: 'Ben', how: 'edited', what: describeRecord(`annotation:${x.id}`, x) },
        { id: `annotation:${y.id}`, by: 'Ben', how: 'deleted', what: describeRecord(`annotation:${y.id}`, y) },
        { id: `annotation:${z.id}`, by: 'Ben', how: 'added', what: describeRecord(`annotation:${z.id}`, z) },
      ].sort(byId),
    );
    expect(since.every((c) => c.at >= snapshot.takenAt)).toBe(true);
    // Nothing since a time after every edit.
    expect(await ben.session.bridge.colleagueChangesSince(new Date(Date.now() + 60_000).toISOString())).toEqual([]);

    const building = await prepareSnapshotRestore(asha.nb, snapshot.name);
    const restored = await f.restart(asha, async (dir) => {
      expect(await noteSnapshotRestore(dir, { snapshot: snapshot.name, takenAt: snapshot.takenAt })).toBe(true);
      await swapInSnapshot(dir, building);
    });
    const first = await restored.sync();
    expect(first.kept).toEqual([...[x.id, y.id, z.id].map((id) => ({ id: `annotation:${id}`, by: 'Ben' }))].sort((a, b) => a.id.localeCompare(b.id)));
    await settle(restored, ben);
    for (const r of [restored, ben]) {
      expect(r.nb.getAnnotation(x.id).note).toBe('Ben: 269 per the FIR list.');
      expect(r.nb.hasAnnotation(y.id)).toBe(false);
      expect(r.nb.hasAnnotation(z.id)).toBe(true);
      // Her own edit since the snapshot is what the restore rolls back, for the team too.
      expect(r.nb.getAnnotation(w.id).note).toBe(w.note);
    }
    expect(await restored.session.bridge.conflicts()).toEqual([]);
    // Reconciled once: a later round keeps nothing more and sends nothing.
    expect(await restored.sync()).toMatchObject({ kept: [], sent: 0 });
  });
});

describe('a snapshot restored for the whole team, on purpose', () => {
  it('rolls a colleague’s edit back too, never silently: their version stays listed as a conflict anyone can choose back', async () => {
    const { asha, ben } = await f.team();
    const [x] = allAnnotations(asha.nb);
    const snapshot = await takeSnapshot(asha.nb);
    await new Promise((r) => setTimeout(r, 5));
    await ben.nb.putAnnotation({ ...x, note: 'Ben: 269 per the FIR list.' });
    const source = ben.nb.listSources()[0];
    const z = annotationOn(source, (await ben.nb.getSource(source.id)).text, 7, 12);
    await ben.nb.putAnnotation(z);
    await settle(asha, ben);
    // What the preview listed is what is rolled back.
    const listed = (await asha.session.bridge.colleagueChangesSince(snapshot.takenAt)).map((c) => [c.id, c.by]).sort((a, b) => a[0]!.localeCompare(b[0]!));

    const building = await prepareSnapshotRestore(asha.nb, snapshot.name);
    const restored = await f.restart(asha, async (dir) => {
      await noteSnapshotRestore(dir, { snapshot: snapshot.name, takenAt: snapshot.takenAt, forTeam: true });
      await swapInSnapshot(dir, building);
    });
    const first = await restored.sync();
    expect(first.kept).toEqual([]);
    expect(first.rolledBack.map((r) => [r.id, r.by])).toEqual(
      [
        [`annotation:${x.id}`, 'Ben'],
        [`annotation:${z.id}`, 'Ben'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(first.rolledBack.map((r) => [r.id, r.by])).toEqual(listed);
    await settle(restored, ben);
    for (const r of [restored, ben]) {
      // The edit is rolled back for both; Ben's version is a listed conflict.
      expect(r.nb.getAnnotation(x.id).note).toBe(x.note);
      const conflicts = await r.session.bridge.conflicts();
      const onX = conflicts.find((c) => c.id === `annotation:${x.id}`);
      expect(onX?.versions.map((v) => (v.body as { note?: string } | null)?.note)).toEqual([x.note, 'Ben: 269 per the FIR list.']);
      // A passage the snapshot did not have is not deleted over Ben's: it stays, with the deletion listed beside it.
      expect(r.nb.hasAnnotation(z.id)).toBe(true);
      expect(conflicts.find((c) => c.id === `annotation:${z.id}`)?.versions.map((v) => v.deleted)).toEqual([false, true]);
    }
    // Ben chooses his version back: it stands for both.
    const onX = (await ben.session.bridge.conflicts()).find((c) => c.id === `annotation:${x.id}`)!;
    await ben.session.bridge.resolve(onX.id, { keep: onX.versions.find((v) => !v.winner)!.rev });
    await settle(restored, ben);
    for (const r of [restored, ben]) expect(r.nb.getAnnotation(x.id).note).toBe('Ben: 269 per the FIR list.');
  });
});

describe('undo on a shared notebook', () => {
  it('undoes only the reporter’s own edit: over a colleague’s later edit of the same note it refuses, names them, and changes nothing anywhere', async () => {
    const { asha, ben } = await f.team();
    const a = allAnnotations(asha.nb)[0];
    const hers = await updateAnnotation(asha.nb, { id: a.id, note: '268 per the Hindustan Times.' }, 'Asha');
    await settle(asha, ben);
    await updateAnnotation(ben.nb, { id: a.id, note: '269 per Mathrubhumi.', tags: ['checked'] }, 'Ben');
    await settle(asha, ben);
    // Asha presses Undo: the inverse of her edit, on condition the note is still hers.
    await expect(updateAnnotation(asha.nb, { id: a.id, note: a.note, ifStill: { note: hers.note } }, 'Asha')).rejects.toMatchObject({
      code: 'CHANGED_SINCE',
      message: expect.stringMatching(/^Ben changed this annotation’s note since your edit/),
    });
    await settle(asha, ben);
    for (const r of [asha, ben]) expect(r.nb.getAnnotation(a.id)).toMatchObject({ note: '269 per Mathrubhumi.', tags: ['checked'] });
  });

  it('undoing an edit of the note leaves a colleague’s edit of other fields', async () => {
    const { asha, ben } = await f.team();
    const a = allAnnotations(asha.nb)[0];
    const hers = await updateAnnotation(asha.nb, { id: a.id, note: 'Asha: check the date.' }, 'Asha');
    await settle(asha, ben);
    await updateAnnotation(ben.nb, { id: a.id, tags: ['ben-checked'] }, 'Ben');
    await settle(asha, ben);
    await updateAnnotation(asha.nb, { id: a.id, note: a.note, ifStill: { note: hers.note } }, 'Asha');
    await settle(asha, ben);
    for (const r of [asha, ben]) expect(r.nb.getAnnotation(a.id)).toMatchObject({ note: a.note, tags: ['ben-checked'] });
  });

  it('undoing a highlight a colleague has since written a note on does not delete it', async () => {
    const { asha, ben } = await f.team();
    const source = asha.nb.listSources()[0];
    const made = annotationOn(source, (await asha.nb.getSource(source.id)).text, 11, 14);
    await asha.nb.putAnnotation(made);
    await settle(asha, ben);
    await updateAnnotation(ben.nb, { id: made.id, note: 'Ben: this is the key passage.' }, 'Ben');
    await settle(asha, ben);
    const asCreated = { kind: made.kind, note: made.note, tags: made.tags, entityIds: made.entityIds, figure: made.figure, speakerId: made.speakerId, eventDate: made.eventDate };
    await expect(deleteAnnotation(asha.nb, made.id, asCreated)).rejects.toMatchObject({ code: 'CHANGED_SINCE' });
    await settle(asha, ben);
    for (const r of [asha, ben]) expect(r.nb.getAnnotation(made.id).note).toBe('Ben: this is the key passage.');
  });
});
