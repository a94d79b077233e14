/**
 * `dossier check`: a read-only examination of a notebook folder, file by file — the schema of
 * every file, every text and original against its sha256, every annotation against its source's
 * texts, every link to an entity — naming each problem and the file it is in. Nothing is opened
 * for writing, locked or moved: a notebook open in the app can be checked.
 *
 * `repairNotebook` (repair.ts) then fixes what can be fixed, after copying the folder as it was: damaged
 * shards are set aside (and restored from the open cache where it has a copy) by opening the
 * notebook, and links to entities that do not exist are removed from annotations, entities and
 * fact-sheet notes. A text that is missing or altered is made again from the original file kept
 * with its source when reading that again gives the very same text (its sha256); otherwise it is
 * reported, with where a copy is (a backup, the team's copy).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { z } from 'zod';
import { FactsheetNotes } from '../../../shared/domain/factsheet';
import type { PackedAt } from '../../../shared/domain/source';
import { readPacked } from './bodies';
import { CorruptFileError, parseJsonText } from './durable-file';
import { EntitiesDoc, Manifest, notebookPaths, SourceShard } from './layout';
import { repairEntityGraph } from '../../../shared/domain/entity-graph';

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

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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
