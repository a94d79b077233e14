/**
 * Three reporters, one shared notebook, a network that fails: seeded random edits (annotations
 * made, changed, deleted and their edits undone; entities made, renamed, merged either way, moved
 * under another operation and deleted; the 268/269 conflict resolved; sources imported) on three laptops, each behind a proxy that is cut and healed at random, with
 * rounds of sync in between. Every two edits made on different laptops to the same version of a
 * record (an annotation, an entity, a resolution) are a listed conflict, unless the record ended
 * deleted on every branch. Once the network is back and every conflict settled, the three
 * notebooks are the same and no conflict is left; every annotation nobody deleted is there; and no
 * note or resolution anyone wrote was dropped silently: each is the one that stands, or one its
 * author's colleague saw and replaced, or one of the versions of a conflict the reporters were
 * shown. The entity graph holds on every laptop: no circle of merges or rounds, and every merged
 * entity stands for a live one.
 *
 * Then the crash: a reporter's Dossier (testing/sync-crash.ts, a child process) is killed with
 * SIGKILL at random moments while it edits and syncs; after each kill the notebook opens and syncs
 * again, and a colleague who joins gets exactly what it holds — every acknowledged edit once,
 * nothing duplicated, no conflict made up.
 *
 * DOSSIER_SYNC_SEEDS="1 2 3" chooses the seeds (a failure names its seed); the default four
 * between them make concurrent edits of annotations, entities and a resolution, and (seed 12)
 * two laptops merging the same two entities into each other.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import { followMerges, repairEntityGraph } from '../../../shared/domain/entity-graph';
import { createAnnotation, updateAnnotation } from '../annotations/service';
import { createEntity, deleteEntity, linksOf, liveEntities, mergeEntities, updateEntity } from '../entities/service';
import { resolveConflict } from '../factsheet/service';
import { extractLazily } from '../import/extract-lazily';
import { prepareBytes, storeBatch } from '../import/pipeline';
import { createSampleNotebook } from '../sample/sample';
import { Notebook } from '../store/notebook';
import { startCouchServer, type CouchServer } from '../testing/couch-server';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { mulberry32 } from '../testing/seeded';
import { startProxy, type Proxy } from '../testing/tcp-proxy';
import { bodyHash, entityRecords, factsheetRecords, shardRecords } from './records';
import { remoteAddress } from './remote';
import { remoteDatabase, ShareSession } from './share';

const SEEDS = (process.env.DOSSIER_SYNC_SEEDS ?? '3 4 11 12').split(/\s+/).filter(Boolean).map(Number);

let couch: CouchServer;
beforeAll(async () => {
  couch = await startCouchServer();
});
afterAll(() => couch.close());

let dir: string;
let cleanup: () => Promise<void>;
const toClose: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('dossier-converge-'));
});
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close().catch(() => undefined);
  await cleanup();
});

interface Laptop {
  name: string;
  nb: Notebook;
  session: ShareSession;
  net: Proxy;
  sync(): Promise<unknown>;
}

async function laptop(name: string, nb: Notebook, database: string, joining: boolean, net: Proxy): Promise<Laptop> {
  const session = await ShareSession.open(nb, () => name, { joining });
  const remote = remoteDatabase(remoteAddress(net.server, database), couch.auth, !joining);
  toClose.push(nb, session, remote);
  return { name, nb, session, net, sync: () => session.syncOnce(remote) };
}

const annotationsOf = (nb: Notebook): Annotation[] => [...nb.allAnnotations()].map((x) => x.annotation).sort((a, b) => a.id.localeCompare(b.id));
/** What a colleague must see the same: annotations, entities, fact-sheet notes. */
const stateOf = (nb: Notebook) => ({
  annotations: annotationsOf(nb),
  entities: [...nb.entities.entities].sort((a, b) => a.id.localeCompare(b.id)),
  distinct: nb.entities.distinctPairs,
  factsheet: nb.factsheet,
});

/** Every shared record of a notebook, by document id, with its body's fingerprint. */
const recordsOf = (nb: Notebook): Map<string, string> =>
  new Map([...nb.listSources().flatMap((s) => shardRecords(s, nb.listAnnotations(s.id))), ...entityRecords(nb.entities), ...factsheetRecords(nb.factsheet)].map((r) => [r.id, bodyHash(r.body)]));
/** One record as an edit left it: its fingerprint before and after (null: not there). */
interface RecordEdit {
  id: string;
  by: string;
  before: string | null;
  after: string | null;
}
function editsBetween(by: string, before: Map<string, string>, after: Map<string, string>): RecordEdit[] {
  const out: RecordEdit[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) if (before.get(id) !== after.get(id)) out.push({ id, by, before: before.get(id) ?? null, after: after.get(id) ?? null });
  return out;
}

/** Syncs every laptop, pass after pass, until a whole pass changes nothing anywhere. */
async function syncUntilQuiet(laptops: Laptop[]): Promise<void> {
  for (let pass = 0; pass < 8; pass++) {
    const before = JSON.stringify(laptops.map((l) => stateOf(l.nb)));
    for (const l of laptops) await l.sync();
    const conflicts = await Promise.all(laptops.map((l) => l.session.bridge.conflicts()));
    if (pass > 0 && JSON.stringify(laptops.map((l) => stateOf(l.nb))) === before && conflicts.every((c) => c.length === conflicts[0].length)) return;
  }
  throw new Error('sync did not settle in 8 passes');
}

describe('three reporters on a failing network', { timeout: 240_000 }, () => {
  for (const seed of SEEDS) {
    it(`end with the same notebook, nothing written lost and no conflict left (seed ${seed})`, async () => {
      const random = mulberry32(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      const database = couch.newDatabase();
      const nets = await Promise.all([0, 1, 2].map(() => startProxy(couch.server)));
      toClose.push(...nets);
      const asha = await laptop('Asha', await createSampleNotebook(SEEDS_DIR, join(dir, 'asha')), database, false, nets[0]);
      await asha.sync();
      const ben = await laptop('Ben', await Notebook.create(join(dir, 'ben'), { name: 'Joining' }), database, true, nets[1]);
      await ben.sync();
      const chitra = await laptop('Chitra', await Notebook.create(join(dir, 'chitra'), { name: 'Joining' }), database, true, nets[2]);
      await chitra.sync();
      const team = [asha, ben, chitra];
      expect(stateOf(ben.nb)).toEqual(stateOf(asha.nb));

      // What was written, to check that nothing is lost: every note per annotation, and which were deleted.
      const written = new Map<string, Set<string>>();
      const deleted = new Set<string>();
      for (const a of annotationsOf(asha.nb)) written.set(a.id, new Set([a.note]));
      // Notes and resolutions replaced by someone who had them on screen (not lost: seen and changed).
      const replaced = new Set<string>();
      const resolutionNotes = new Set<string>();
      const round = liveEntities(asha.nb.entities).find((e) => e.name === 'P-Hunt 20.2')!;
      const resolutionOf = (nb: Notebook) => nb.factsheet.resolutions.find((r) => r.entityId === round.id)?.note;
      const cut = new Set<Laptop>();
      const lastEdit = new Map<Laptop, { id: string; note: string; was: string }>();
      let failedRounds = 0;
      // Every record each edit changed, to tell concurrent edits: two that changed the same version of a record.
      const edits: RecordEdit[] = [];
      // A laptop's edits of a record between two rounds leave it as one revision (a round sends
      // what the record is then): a note changed and then the annotation deleted before a round is
      // one edit, a deletion. So they are folded, and counted when the round that sends them starts.
      const unsent = new Map<Laptop, Map<string, RecordEdit>>(team.map((l) => [l, new Map()]));
      const sending = (l: Laptop) => {
        for (const e of unsent.get(l)!.values()) if (e.after !== e.before) edits.push(e);
        unsent.get(l)!.clear();
      };

      for (let step = 0; step < 70; step++) {
        const l = pick(team);
        const roll = random();
        const annotations = annotationsOf(l.nb);
        const beforeStep = recordsOf(l.nb);
        try {
          if (roll < 0.25) {
            const source = pick(l.nb.listSources());
            const { text } = await l.nb.getSource(source.id);
            const start = Math.floor(random() * (text.length - 30));
            const note = `${l.name} ${seed}/${step}`;
            const a = await createAnnotation(l.nb, { sourceId: source.id, start, end: start + 20, kind: 'passage', note, tags: [] }, l.name);
            written.set(a.id, new Set([note]));
          } else if (roll < 0.5 && annotations.length > 0) {
            const a = pick(annotations);
            const note = `${l.name} changed ${seed}/${step}`;
            await updateAnnotation(l.nb, { id: a.id, note }, l.name);
            replaced.add(a.note);
            written.get(a.id)!.add(note);
            lastEdit.set(l, { id: a.id, note, was: a.note });
          } else if (roll < 0.57 && annotations.length > 0) {
            const a = pick(annotations);
            await l.nb.removeAnnotation(a.id);
            replaced.add(a.note);
            deleted.add(a.id);
          } else if (roll < 0.6) {
            const note = `${l.name} resolves ${seed}/${step}`;
            const before = resolutionOf(l.nb);
            await resolveConflict(l.nb, { entityId: round.id, metric: 'cases registered', value: random() < 0.5 ? 268 : 269, note }, l.name);
            if (before) replaced.add(before);
            resolutionNotes.add(note);
          } else if (roll < 0.62) {
            // Merges either way round, so that two laptops can merge the same two into each other.
            const live = liveEntities(l.nb.entities).filter((e) => e.type === 'organisation');
            if (live.length >= 2) {
              const [keep, merge] = random() < 0.5 ? [live[0], pick(live.slice(1))] : [pick(live.slice(1)), live[0]];
              await mergeEntities(l.nb, keep.id, merge.id, l.name);
            }
          } else if (roll < 0.64) {
            const text = `date 2026-0${1 + (step % 9)}-1${step % 10}\n\nFiled by ${l.name} at step ${step} of seed ${seed}.\n\nThe cyber wing said ${step} more people were questioned in the operation.`;
            const [outcome] = await storeBatch(l.nb, [await prepareBytes(`${l.name}-${step}.txt`, new TextEncoder().encode(text), extractLazily)]);
            expect(outcome.status, JSON.stringify(outcome)).toBe('imported');
          } else if (roll < 0.67) {
            await createEntity(l.nb, { type: 'organisation', name: `${l.name} org ${seed}-${step}`, aliases: [], description: '', start: null, end: null, parentId: null }, l.name);
          } else if (roll < 0.7) {
            const e = pick(liveEntities(l.nb.entities));
            await updateEntity(
              l.nb,
              e.id,
              { type: e.type, name: `${e.name.split(' / ')[0]} / ${l.name} ${step}`, aliases: e.aliases, description: e.description, start: e.start, end: e.end, parentId: e.parentId },
              l.name,
            );
          } else if (roll < 0.72) {
            // A round moved under another operation (two laptops can make each a round of the other).
            const operations = liveEntities(l.nb.entities).filter((e) => e.type === 'operation');
            const [e, parent] = [pick(operations), pick(operations)];
            if (e.id !== parent.id)
              await updateEntity(l.nb, e.id, { type: e.type, name: e.name, aliases: e.aliases, description: e.description, start: e.start, end: e.end, parentId: parent.id }, l.name);
          } else if (roll < 0.73) {
            // An entity deleted while colleagues may be linking or merging it.
            const people = liveEntities(l.nb.entities).filter((e) => e.type === 'organisation');
            if (people.length > 3) await deleteEntity(l.nb, pick(people).id, l.name);
          } else if (roll < 0.75 && lastEdit.has(l)) {
            // Undo of this reporter's last note edit: only while the note is still theirs.
            const { id, note, was } = lastEdit.get(l)!;
            lastEdit.delete(l);
            if (l.nb.hasAnnotation(id)) {
              await updateAnnotation(l.nb, { id, note: was, ifStill: { note } }, l.name);
              // Taken back by its own author, who had it on screen: not lost.
              replaced.add(note);
              written.get(id)?.add(was);
            }
          } else if (roll < 0.8) {
            if (cut.has(l)) {
              l.net.heal();
              cut.delete(l);
            } else {
              l.net.cut();
              cut.add(l);
            }
          } else {
            sending(l);
            await l.sync().catch(() => failedRounds++);
          }
        } catch (e) {
          // A passage across a paragraph break, or a name another laptop took: refused in words, nothing changed.
          if (!(e instanceof DossierError)) throw e;
        }
        // Rounds of sync take colleagues' edits in: only the reporter's own edits are counted.
        if (roll < 0.75) {
          for (const e of editsBetween(l.name, beforeStep, recordsOf(l.nb))) {
            const earlier = unsent.get(l)!.get(e.id);
            if (earlier) earlier.after = e.after;
            else unsent.get(l)!.set(e.id, e);
          }
        }
      }

      for (const l of team) {
        l.net.heal();
        sending(l);
      }
      await syncUntilQuiet(team);
      // Every conflict is listed alike on every laptop, and settled from one, by keeping what each shows now.
      const listed = await Promise.all(team.map((l) => l.session.bridge.conflicts()));
      expect(listed[1].map((c) => c.id).sort()).toEqual(listed[0].map((c) => c.id).sort());
      expect(listed[2].map((c) => c.id).sort()).toEqual(listed[0].map((c) => c.id).sort());
      // Every two edits made on different laptops to the same version of a record, with different
      // results, are concurrent: the record is a listed conflict (none settled silently) — unless
      // every branch of it ended in a deletion (each side deleted, or deleted later by someone who
      // had the other's edit on screen): the record is gone everywhere and there is nothing to choose.
      const listedIds = new Set(listed[0].map((c) => c.id));
      const standingRecords = recordsOf(asha.nb);
      const siblings = new Map<string, RecordEdit[]>();
      for (const e of edits) if (e.before !== null) (siblings.get(`${e.id} ${e.before}`) ?? siblings.set(`${e.id} ${e.before}`, []).get(`${e.id} ${e.before}`)!).push(e);
      const concurrentKinds: string[] = [];
      for (const group of siblings.values()) {
        if (new Set(group.map((e) => e.by)).size < 2 || new Set(group.map((e) => e.after)).size < 2 || !standingRecords.has(group[0].id)) continue;
        concurrentKinds.push(group[0].id.split(':')[0]);
        const { id } = group[0];
        expect(listedIds.has(id), `${group.map((e) => e.by).join(' and ')} changed the same version of ${id} at once, and it is not a listed conflict (seed ${seed})`).toBe(true);
      }
      const shown = new Set<string>();
      for (const c of listed[0]) {
        for (const v of c.versions) {
          const note = (v.body as { note?: unknown } | null)?.note;
          if (typeof note === 'string') shown.add(note);
        }
      }
      for (const c of listed[0]) {
        expect(new Set(c.versions.map((v) => v.rev)).size, c.id).toBe(c.versions.length);
        await asha.session.bridge.resolve(c.id, { keep: c.versions.find((v) => v.winner)!.rev });
      }
      await syncUntilQuiet(team);

      for (const l of team) expect(await l.session.bridge.conflicts(), `${l.name} (seed ${seed})`).toEqual([]);
      const final = stateOf(asha.nb);
      expect(stateOf(ben.nb), `Ben against Asha (seed ${seed})`).toEqual(final);
      expect(stateOf(chitra.nb), `Chitra against Asha (seed ${seed})`).toEqual(final);
      // The entity graph holds on every laptop: no circle of merges or rounds, every merged one stands for a live one.
      for (const l of team) {
        expect(repairEntityGraph(l.nb.entities.entities).repairs, `${l.name} (seed ${seed})`).toEqual([]);
        const byId = new Map(l.nb.entities.entities.map((e) => [e.id, e]));
        for (const e of l.nb.entities.entities) if (e.mergedInto) expect(followMerges(byId, e.id), `${e.name} merged into nothing on ${l.name} (seed ${seed})`).toBeDefined();
        // No passage links to an entity that is gone (one deleted while a colleague linked it came back as a conflict).
        for (const a of annotationsOf(l.nb)) for (const id of linksOf(a)) expect(byId.has(id), `annotation ${a.id} links to ${id}, which ${l.name} does not have (seed ${seed})`).toBe(true);
      }
      const present = new Map(final.annotations.map((a) => [a.id, a]));
      for (const [id, notes] of written) {
        if (!deleted.has(id)) expect(present.has(id), `annotation ${id}, deleted by nobody (seed ${seed})`).toBe(true);
        const a = present.get(id);
        if (a) expect(notes.has(a.note), `the note of ${id} is one somebody wrote (seed ${seed})`).toBe(true);
      }
      for (const a of final.annotations) expect(written.has(a.id), `annotation ${a.id} was made by someone`).toBe(true);
      // Nothing dropped silently: every note written stands, was replaced by someone who saw it, or was shown in a conflict.
      const standing = new Set(final.annotations.map((a) => a.note));
      for (const [id, notes] of written)
        for (const n of notes) expect(standing.has(n) || replaced.has(n) || shown.has(n), `the note “${n}” of ${id} went without anyone seeing it go (seed ${seed})`).toBe(true);
      const finalResolution = resolutionOf(asha.nb);
      for (const n of resolutionNotes) expect(n === finalResolution || replaced.has(n) || shown.has(n), `the resolution “${n}” went without anyone seeing it go (seed ${seed})`).toBe(true);
      console.log(
        `[convergence] seed ${seed}: ${final.annotations.length} annotations, ${final.entities.length} entities, ${concurrentKinds.length} concurrent edits of one record (${[...new Set(concurrentKinds)].join(', ') || 'none'}), ${listed[0].length} conflicts settled, ${failedRounds} rounds failed offline`,
      );
    });
  }
});

interface Edit {
  what: 'send' | 'ack';
  op: 'create' | 'note' | 'delete';
  id?: string;
  note?: string;
}

/** Runs the editor on `nbDir` and kills it with SIGKILL after `after` acknowledged edits and `ms` more. */
async function killEditor(nbDir: string, database: string, seed: number, after: number, ms: number, log: Edit[]): Promise<void> {
  const child = spawn(process.execPath, ['out/node/testing/sync-crash.js', nbDir, couch.server, database, 'Asha', String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOSSIER_SYNC_USER: couch.auth?.username ?? '', DOSSIER_SYNC_PASSWORD: couch.auth?.password ?? '' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let acks = 0;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const m = /^(send|ack) (.*)$/.exec(line);
    if (!m) return;
    log.push({ what: m[1] as Edit['what'], ...(JSON.parse(m[2]) as Omit<Edit, 'what'>) });
    if (m[1] === 'ack' && ++acks === after) setTimeout(() => child.kill('SIGKILL'), ms);
  });
  await exited;
  lines.close();
  if (child.signalCode !== 'SIGKILL') throw new Error(`the editor stopped by itself (${child.exitCode}): ${stderr}`);
}

describe('a reporter’s Dossier killed while it syncs', { timeout: 240_000 }, () => {
  it('opens and syncs again each time; a colleague who joins gets every acknowledged edit once, and no conflict is made up', async () => {
    const database = couch.newDatabase();
    const nbDir = join(dir, 'asha');
    let sample = new Map<string, string>();
    {
      const nb = await createSampleNotebook(SEEDS_DIR, nbDir);
      sample = new Map(annotationsOf(nb).map((a) => [a.id, a.note]));
      const session = await ShareSession.open(nb, () => 'Asha');
      const remote = remoteDatabase(remoteAddress(couch.server, database), couch.auth, true);
      await session.syncOnce(remote);
      await session.close();
      await remote.close();
      await nb.close();
    }
    const random = mulberry32(SEEDS[0]);
    const log: Edit[] = [];
    for (let kill = 0; kill < 4; kill++) await killEditor(nbDir, database, SEEDS[0] * 100 + kill, 3 + Math.floor(random() * 12), Math.floor(random() * 40), log);
    expect(log.filter((e) => e.what === 'ack').length).toBeGreaterThan(10);

    // Asha opens Dossier again: her notebook has every acknowledged edit, and syncs.
    const asha = await laptop('Asha', await Notebook.open(nbDir), database, false, await startProxy(couch.server));
    toClose.push(asha.net);
    await asha.sync();
    await asha.sync();
    const held = new Map(annotationsOf(asha.nb).map((a) => [a.id, a]));
    const ids = new Set(log.filter((e) => e.id).map((e) => e.id!));
    for (const id of ids) {
      const at = log.findLastIndex((e) => e.what === 'ack' && e.id === id);
      // Never acknowledged: one of the sample's, as the sample has it.
      const acked: Pick<Edit, 'op' | 'note'> = at >= 0 ? log[at] : { op: 'create', note: sample.get(id) };
      expect(acked.note !== undefined || acked.op === 'delete', `${id} was made by someone`).toBe(true);
      // Edits sent after the last acknowledged one, which a kill may have cut short (or not).
      const underWay = log.slice(at + 1).filter((e) => e.what === 'send' && e.id === id);
      const a = held.get(id);
      if (acked.op === 'delete') {
        expect(a, `${id} was deleted`).toBeUndefined();
        continue;
      }
      if (!a) {
        expect(
          underWay.some((e) => e.op === 'delete'),
          `${id} (acknowledged: ${acked.op}) is missing`,
        ).toBe(true);
        continue;
      }
      expect([acked.note, ...underWay.map((e) => e.note)], id).toContain(a.note);
    }
    // Nothing held that nobody made: the sample's, acknowledged ones, or one whose creation was under way at a kill.
    const createsSent = new Set(log.filter((e) => e.what === 'send' && e.op === 'create').map((e) => e.note));
    for (const a of held.values()) expect(sample.has(a.id) || ids.has(a.id) || createsSent.has(a.note), a.id).toBe(true);

    // Ben joins and gets exactly that; neither laptop lists a conflict, and a round moves nothing more.
    const ben = await laptop('Ben', await Notebook.create(join(dir, 'ben'), { name: 'Joining' }), database, true, asha.net);
    await ben.sync();
    expect(stateOf(ben.nb)).toEqual(stateOf(asha.nb));
    expect(new Set(annotationsOf(ben.nb).map((a) => a.id)).size).toBe(annotationsOf(ben.nb).length);
    expect(await asha.session.bridge.conflicts()).toEqual([]);
    expect(await ben.session.bridge.conflicts()).toEqual([]);
    expect(await asha.sync()).toMatchObject({ sent: 0, received: 0 });
    console.log(
      `[convergence] 4 kills: ${log.filter((e) => e.what === 'ack').length} edits acknowledged, ${log.filter((e) => e.what === 'send').length} sent; ${held.size} annotations after, the same on the colleague's laptop`,
    );
  });
});
