/**
 * `dossier check --repair`: fixes what can be fixed, after copying the folder as it was beside it.
 * Damaged shards are set aside (and restored from the open cache where it has a copy) by opening
 * the notebook; a damaged entities or fact-sheet file is taken from the newest snapshot that holds
 * a sound one; a damaged text is made again from its original when that gives the same sha256; and
 * links to entities that do not exist are removed. What it did, and what it could not, is said.
 */
import { cp, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FactsheetNotes } from '../../../shared/domain/factsheet';
import { normalizeText } from '../../../shared/domain/text';
import { repairEntityGraph } from '../../../shared/domain/entity-graph';
import { contentHash, putBody, readPacked } from './bodies';
import { EntitiesDoc } from './layout';
import { Notebook } from './notebook';
import { openArchive, readArchiveFile } from './backup';
import { listSnapshots, snapshotsFolder } from './snapshots';
import { checkNotebook, sha256, type CheckProblem } from './check';

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
