/**
 * `dossier check`: a read-only examination of a notebook folder, file by file — the schema of
 * every file, every text and original against its sha256, every annotation against its source's
 * texts, every link to an entity — naming each problem and the file it is in. Nothing is opened
 * for writing, locked or moved: a notebook open in the app can be checked.
 *
 * `repairNotebook` then fixes what can be fixed, after copying the folder as it was: damaged
 * shards are set aside (and restored from the open cache where it has a copy) by opening the
 * notebook, and links to entities that do not exist are removed from annotations, entities and
 * fact-sheet notes. A text that is missing or altered is made again from the original file kept
 * with its source when reading that again gives the very same text (its sha256); otherwise it is
 * reported, with where a copy is (a backup, the team's copy).
 */
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { FactsheetNotes } from '../../../shared/domain/factsheet';
import type { PackedAt } from '../../../shared/domain/source';
import { normalizeText } from '../../../shared/domain/text';
import { contentHash, putBody, readPacked } from './bodies';
import { CorruptFileError, parseJsonText } from './durable-file';
import { EntitiesDoc, Manifest, notebookPaths, SourceShard } from './layout';
import { Notebook } from './notebook';
import { repairEntityGraph } from '../../../shared/domain/entity-graph';
import { openArchive, readArchiveFile } from './backup';
import { listSnapshots, snapshotsFolder } from './snapshots';

/** One problem found: the file (relative to the notebook's folder) and what is wrong, in words. */
export interface CheckProblem {
  file: string;
  problem: string;
}

/** What `dossier check` found. */
export interface CheckReport {
  sources: number;
  annotations: number;
  texts: number;
  problems: CheckProblem[];
}

/** How a file the check may not read is described; repair cannot change permissions. */
export const PERMISSION_DENIED = 'cannot be read: permission denied (this user may not read it; its owner or an administrator can change that, repair cannot)';

/** Whether a problem is a file this user may not read (nothing `repairNotebook` can fix). */
export const isPermissionProblem = (p: CheckProblem): boolean => p.problem === PERMISSION_DENIED;

function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'is missing';
  if (code === 'EACCES' || code === 'EPERM') return PERMISSION_DENIED;
  return `cannot be read (${code ?? (e as Error).message})`;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readDocument<S extends z.ZodType>(file: string, schema: S, optional: boolean, report: (p: string) => void): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && optional) return null;
    report(unreadable(e));
    return null;
  }
  try {
    return parseJsonText(file, text, schema);
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    report(e.message.replace(`${file} is damaged: `, ''));
    return null;
  }
}

/** Checks a notebook folder without changing anything. */
export async function checkNotebook(dir: string): Promise<CheckReport> {
  const paths = notebookPaths(dir);
  const problems: CheckProblem[] = [];
  const at = (file: string) => (problem: string) => problems.push({ file: relative(dir, file) || '.', problem });
  await readDocument(paths.manifest, Manifest, false, at(paths.manifest));
  const before = problems.length;
  const entitiesDoc = await readDocument(paths.entities, EntitiesDoc, true, at(paths.entities));
  // One damage, one problem: with entities.json unreadable, the links to what it held are not
  // each a problem of their own (they come back with it), only counted beside it.
  const entitiesUnread = problems.length > before;
  let linksToUnread = 0;
  const factsheet = await readDocument(paths.factsheet, FactsheetNotes, true, at(paths.factsheet));
  const entities = new Map((entitiesDoc?.entities ?? []).map((e) => [e.id, e]));

  const names = (await readdir(paths.sources).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const shards: SourceShard[] = [];
  for (const name of names) {
    const file = paths.shard(name.slice(0, -5));
    const shard = await readDocument(file, SourceShard, false, at(file));
    if (!shard) continue;
    if (`${shard.source.id}.json` !== name) at(file)(`it holds source ${shard.source.id}, not ${name.slice(0, -5)}`);
    shards.push(shard);
  }

  // Every text and original, read once, against its sha256.
  const checked = new Map<string, string | null>();
  const checkBytes = async (key: string, file: string, expected: string, read: () => Promise<Uint8Array>): Promise<string | null> => {
    if (checked.has(key)) return checked.get(key)!;
    let problem: string | null = null;
    try {
      if (sha256(await read()) !== expected) problem = `no longer matches its sha256 (${expected.slice(0, 12)}…): it was altered or damaged`;
    } catch (e) {
      problem = e instanceof CorruptFileError ? e.message.replace(`${e.file} is damaged: `, '') : unreadable(e);
    }
    checked.set(key, problem);
    if (problem) at(file)(problem);
    return problem;
  };
  const text = async (hash: string, packed?: PackedAt) => {
    // A damaged packed text with a sound copy in bodies/ (put there by a repair) is read from that copy.
    if (
      packed &&
      (await readFile(paths.body(hash)).then(
        (b) => sha256(b) === hash,
        () => false,
      ))
    )
      return null;
    return packed
      ? checkBytes(`pack:${packed.file}:${packed.offset}`, paths.pack(packed.file), hash, () => readPacked(paths, packed))
      : checkBytes(`body:${hash}`, paths.body(hash), hash, async () => new Uint8Array(await readFile(paths.body(hash))));
  };

  let annotations = 0;
  for (const { source, annotations: list } of shards) {
    const file = paths.shard(source.id);
    await text(source.contentHash, source.packed);
    for (const v of source.versions) await text(v.contentHash, v.packed);
    const original = source.provenance.original;
    if (original) {
      const where = original.packed ? paths.pack(original.packed.file) : paths.original(original.sha256);
      await checkBytes(`original:${original.sha256}`, where, original.sha256, async () => (original.packed ? readPacked(paths, original.packed) : new Uint8Array(await readFile(where))));
    }
    const hashes = new Set([source.contentHash, ...source.versions.map((v) => v.contentHash)]);
    for (const a of list) {
      annotations++;
      if (!hashes.has(a.target.contentHash)) at(file)(`annotation ${a.id} points into a text this source does not have (${a.target.contentHash.slice(0, 12)}…)`);
      if (entitiesUnread) {
        if (a.entityIds.length > 0 || a.speakerId || a.figure?.entityId) linksToUnread++;
        continue;
      }
      for (const id of a.entityIds) if (!entities.has(id)) at(file)(`annotation ${a.id} is linked to entity ${id}, which the notebook does not have`);
      if (a.speakerId && entities.get(a.speakerId)?.type !== 'person')
        at(file)(`annotation ${a.id} names speaker ${a.speakerId}, ${entities.has(a.speakerId) ? 'who is not a person' : 'whom the notebook does not have'}`);
      if (a.figure?.entityId && !entities.has(a.figure.entityId)) at(file)(`annotation ${a.id} has a figure about entity ${a.figure.entityId}, which the notebook does not have`);
    }
  }
  for (const e of entities.values()) {
    if (e.parentId && !entities.has(e.parentId)) at(paths.entities)(`entity “${e.name}” (${e.id}) belongs to ${e.parentId}, which the notebook does not have`);
    if (e.mergedInto && !entities.has(e.mergedInto)) at(paths.entities)(`entity “${e.name}” (${e.id}) was merged into ${e.mergedInto}, which the notebook does not have`);
  }
  for (const r of repairEntityGraph([...entities.values()]).repairs) at(paths.entities)(r.message);
  if (!entitiesUnread)
    for (const r of factsheet?.resolutions ?? []) if (!entities.has(r.entityId)) at(paths.factsheet)(`a resolution of “${r.metric}” is about entity ${r.entityId}, which the notebook does not have`);
  if (linksToUnread > 0) {
    const i = problems.findIndex((p) => p.file === relative(dir, paths.entities));
    problems[i] = {
      ...problems[i],
      problem: `${problems[i].problem}; ${linksToUnread} annotation${linksToUnread === 1 ? ' links' : 's link'} entities it held (dossier check --repair takes it from the newest snapshot that has it)`,
    };
  }
  return { sources: shards.length, annotations, texts: [...checked.keys()].filter((k) => !k.startsWith('original:')).length, problems };
}

/** Where `repairNotebook` copies the folder before it changes anything. */
export function repairBackupPath(dir: string, now = new Date()): string {
  return `${dir}.before-repair-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** What `repairNotebook` did, in words, and what it could not do. */
export interface RepairReport {
  backup: string;
  done: string[];
  left: CheckProblem[];
}

/**
 * Removes links to entities the notebook does not have: from annotations (links, speakers, the
 * entity a figure is about), from entities (a round's operation, a merge's target: the merged one
 * stands on its own again, nothing lost) and from the fact sheet's resolutions. Says what it did.
 */
async function removeDanglingLinks(nb: Notebook): Promise<string[]> {
  const done: string[] = [];
  const ids = new Set(nb.entities.entities.map((e) => e.id));
  const people = new Set(nb.entities.entities.filter((e) => e.type === 'person').map((e) => e.id));
  const unlinked = await nb.rewriteAnnotations((a) => {
    const entityIds = a.entityIds.filter((id) => ids.has(id));
    const speakerId = a.speakerId && people.has(a.speakerId) ? a.speakerId : null;
    const figure = a.figure?.entityId && !ids.has(a.figure.entityId) ? { ...a.figure, entityId: null } : a.figure;
    if (entityIds.length === a.entityIds.length && speakerId === a.speakerId && figure === a.figure) return a;
    return { ...a, entityIds, speakerId, figure };
  });
  if (unlinked > 0) done.push(`Removed links to missing entities from ${unlinked} annotation${unlinked === 1 ? '' : 's'}.`);
  const graph = repairEntityGraph(nb.entities.entities);
  if (graph.repairs.length > 0) {
    await nb.saveEntities({ ...nb.entities, entities: [...graph.entities] });
    done.push(...graph.repairs.map((r) => r.message));
  }
  const doc = nb.entities;
  let fixed = 0;
  const entities = doc.entities.map((e) => {
    const parentId = e.parentId && ids.has(e.parentId) ? e.parentId : null;
    const mergedInto = e.mergedInto && ids.has(e.mergedInto) ? e.mergedInto : null;
    if (parentId === e.parentId && mergedInto === e.mergedInto) return e;
    fixed++;
    return { ...e, parentId, mergedInto };
  });
  if (fixed > 0) {
    await nb.saveEntities({ ...doc, entities });
    done.push(`Removed links to missing entities from ${fixed} entit${fixed === 1 ? 'y' : 'ies'} (a merged one whose target is gone stands on its own again).`);
  }
  const resolutions = nb.factsheet.resolutions.filter((r) => ids.has(r.entityId));
  if (resolutions.length < nb.factsheet.resolutions.length) {
    const n = nb.factsheet.resolutions.length - resolutions.length;
    await nb.saveFactsheet({ ...nb.factsheet, resolutions });
    done.push(`Removed ${n} fact-sheet resolution${n === 1 ? '' : 's'} about entities the notebook no longer has.`);
  }
  return done;
}

/**
 * Takes entities.json and factsheet.json, when the open set them aside as damaged, from the newest
 * snapshot whose copy is sound (checked against the snapshot's sha256 and the schema). Says which
 * snapshot, and that what was changed after it is not in it. A document no snapshot holds stays
 * as the open left it.
 */
async function restoreDocumentsFromSnapshots(nb: Notebook): Promise<string[]> {
  const done: string[] = [];
  const damaged = new Set(nb.problems.map((p) => p.file));
  const wanted = [
    {
      file: 'entities.json',
      what: 'the entities',
      schema: EntitiesDoc,
      put: (doc: EntitiesDoc) => nb.saveEntities(doc),
      shown: (doc: EntitiesDoc) => `${doc.entities.filter((e) => e.mergedInto === null).length} entities`,
    },
    {
      file: 'factsheet.json',
      what: 'the fact-sheet notes',
      schema: FactsheetNotes,
      put: (doc: FactsheetNotes) => nb.saveFactsheet(doc),
      shown: (doc: FactsheetNotes) => `${doc.resolutions.length} resolutions, ${Object.keys(doc.summaries).length} summaries`,
    },
  ].filter((w) => damaged.has(w.file));
  if (wanted.length === 0) return done;
  for (const snapshot of (await listSnapshots(nb.paths.dir)).filter((s) => s.problem === null)) {
    if (wanted.length === 0) break;
    let archive: Awaited<ReturnType<typeof openArchive>>;
    try {
      archive = await openArchive(join(snapshotsFolder(nb.paths.dir), snapshot.name));
    } catch {
      continue;
    }
    try {
      if (archive.list.notebook.id !== nb.info.id) continue;
      for (const w of [...wanted]) {
        const bytes = await readArchiveFile(archive, w.file);
        if (!bytes) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch {
          continue;
        }
        const doc = w.schema.safeParse(parsed);
        if (!doc.success) continue;
        await (w.put as (d: unknown) => Promise<void>)(doc.data);
        wanted.splice(wanted.indexOf(w), 1);
        done.push(
          `Restored ${w.file} (${w.what}) from snapshot ${snapshot.name}, taken ${snapshot.takenAt.slice(0, 16).replace('T', ' ')} UTC: ${(w.shown as (d: unknown) => string)(doc.data)}. What was changed in it after that snapshot is not there; the damaged file is kept in quarantine/.`,
        );
      }
    } finally {
      archive.zip.close();
    }
  }
  for (const w of wanted) done.push(`No snapshot holds a sound copy of ${w.file} (${w.what}): the notebook goes on without what it held.`);
  return done;
}

/** Reads an original file again into the text the import took from it (the import's extraction). */
export type Reread = (fileName: string, bytes: Uint8Array) => Promise<string>;

/**
 * Makes a damaged or missing text again from the original file kept with its source, read again
 * by the import's extraction: used only when the result hashes to the text's sha256, so it is the
 * very text the annotations were made on. The text goes to bodies/, where it is read from
 * (bodies.ts getBody); the pack is left as it is. Says, for each text, what was used or why not.
 */
async function restoreTextsFromOriginals(nb: Notebook, reread: Reread): Promise<string[]> {
  const done: string[] = [];
  for (const source of nb.unorderedSources()) {
    if (
      await nb.getSource(source.id).then(
        () => true,
        () => false,
      )
    )
      continue;
    const title = `“${source.title}”`;
    const original = source.provenance.original;
    if (!original) {
      done.push(`The text of ${title} is damaged, and no original file was kept with it (it was pasted or typed in): it cannot be made again here. A backup of the notebook (dossier restore) has it.`);
      continue;
    }
    const where = original.packed ? nb.paths.pack(original.packed.file) : nb.paths.original(original.sha256);
    const bytes = await (original.packed ? readPacked(nb.paths, original.packed) : readFile(where).then((b) => new Uint8Array(b))).catch(() => null);
    if (!bytes || sha256(bytes) !== original.sha256) {
      done.push(`The text of ${title} is damaged, and so is its original file (${where}): it cannot be made again here. A backup of the notebook (dossier restore) has it.`);
      continue;
    }
    const name = source.provenance.fileName ?? (source.provenance.url ? 'page.html' : 'original');
    const text = await reread(name, bytes).then(normalizeText, () => null);
    if (text === null || contentHash(text) !== source.contentHash) {
      done.push(
        `The text of ${title} is damaged; reading its original file (${name}) again gives ${text === null ? 'no text' : 'a different text'} (this version of Dossier reads it differently), so it was not used. A backup of the notebook (dossier restore) has the text.`,
      );
      continue;
    }
    await putBody(nb.paths, text);
    done.push(`Restored the text of ${title} by reading its original file (${name}) again: the result matches the text’s sha256, so every annotation on it holds.`);
  }
  return done;
}

/**
 * Repairs what can be repaired (see the module's comment), after copying the whole folder, as it
 * was, beside it (`repairBackupPath`). The notebook is opened as the app opens it (its lock taken,
 * so not while the app has it open): damaged shards are set aside then, and restored from the open
 * cache where it has a copy. `shared`: the notebook is a team notebook (links to what is missing stay).
 */
export async function repairNotebook(dir: string, options: { shared?: boolean; reread?: Reread } = {}): Promise<RepairReport> {
  const backup = repairBackupPath(dir);
  await cp(dir, backup, { recursive: true, preserveTimestamps: true, filter: (src) => !relative(dir, src).startsWith('.dossier.lock') });
  const done: string[] = [];
  let nb: Notebook;
  try {
    nb = await Notebook.open(dir);
  } catch (e) {
    // Nothing was changed (locked elsewhere, not a notebook): the copy is not needed.
    await rm(backup, { recursive: true, force: true });
    throw e;
  }
  try {
    await nb.checked;
    for (const p of nb.problems) done.push(`${p.file}: ${p.message}${p.keptAt ? ` Kept at ${p.keptAt}.` : ''}`);
    // The newest good copy first: a damaged entities or fact-sheet file is taken from the newest
    // snapshot that holds a sound one, before any link to what it held is removed.
    done.push(...(await restoreDocumentsFromSnapshots(nb)));
    if (options.reread) done.push(...(await restoreTextsFromOriginals(nb, options.reread)));
    // In a team notebook what was lost here is taken again from the team's copy at the next sync
    // (sync/recovery.ts); removing the links to it would be sent as this reporter's edits.
    if (options.shared) done.push('This notebook is shared: no link was removed. What was set aside here is taken again from the team’s copy at the next sync (dossier sync).');
    else done.push(...(await removeDanglingLinks(nb)));
  } finally {
    await nb.close();
  }
  return { backup, done, left: (await checkNotebook(dir)).problems };
}
