/**
 * Durable, atomic files. A write goes to a temporary file that is fsynced and renamed over the
 * target, and then the folder itself is fsynced so that the rename survives a power cut. When a
 * write's promise resolves the data is on disk; until then the previous version stays readable.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { DossierError } from '../../../shared/api/result';
import { faultPoint } from './fault-points';

/**
 * Flushes a folder's entries (new names from a rename or create) to disk. Windows cannot open a
 * folder for fsync; NTFS journals renames itself, so there it is skipped.
 */
export async function fsyncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a whole file atomically and durably (see the module comment). */
export async function writeFileDurably(path: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(path, data, { fsync: true });
  await fsyncFolder(dirname(path));
}

/** A group commit that could not put every file in place: which ones are on disk, and why the others are not. */
export class GroupWriteError extends Error {
  constructor(
    readonly placed: ReadonlySet<string>,
    override readonly cause: Error,
  ) {
    super(cause.message);
    this.name = 'GroupWriteError';
  }
}

/** A file to write in a group commit. */
export interface FileWrite {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes several whole files atomically and durably as one group commit. Every file goes to its
 * own temporary file in its folder and is fsynced, all in parallel so that the filesystem commits
 * them together. Then, phase by phase, the phase's files are renamed into place and their folders
 * fsynced: a file of a later phase (a shard) is never on disk before the files of an earlier one
 * (the texts it names). When the promise resolves all files are on disk, and each file is at every
 * moment either its old or its new version. A failure before the renames leaves no trace; a file
 * that cannot be renamed into place ends in a {@link GroupWriteError} saying which files did get
 * there (they are durable), and no later phase is started.
 */
export async function writeFilesDurably(...phases: readonly (readonly FileWrite[])[]): Promise<void> {
  const files = phases.flat();
  if (files.length === 0) return;
  const temps = new Map(files.map((f) => [f, join(dirname(f.path), `.${basename(f.path)}.${randomBytes(6).toString('hex')}.tmp`)]));
  for (const t of temps.values()) TEMPS_IN_FLIGHT.add(t);
  try {
    await writeGroup(phases, files, temps);
  } finally {
    for (const t of temps.values()) TEMPS_IN_FLIGHT.delete(t);
  }
}

/**
 * The temporary files of group commits this process is writing now: a sweep of files left by a
 * crash (leftovers.ts) must not take them for leftovers.
 */
export const TEMPS_IN_FLIGHT = new Set<string>();

async function writeGroup(phases: readonly (readonly FileWrite[])[], files: readonly FileWrite[], temps: Map<FileWrite, string>): Promise<void> {
  const removeTemps = () => Promise.all([...temps.values()].map((t) => unlink(t).catch(() => undefined)));
  try {
    await Promise.all(
      files.map(async (f) => {
        const handle = await open(temps.get(f)!, 'wx', 0o644);
        try {
          await handle.writeFile(f.data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
  } catch (e) {
    await removeTemps();
    throw e;
  }
  faultPoint('commit:after-temps');
  const placed = new Set<string>();
  for (const phase of phases) {
    let failed: Error | null = null;
    for (const f of phase) {
      try {
        await rename(temps.get(f)!, f.path);
        placed.add(f.path);
        faultPoint('commit:between-renames');
      } catch (e) {
        failed ??= e as Error;
      }
    }
    await Promise.all([...new Set(phase.map((f) => dirname(f.path)))].map(fsyncFolder));
    if (failed) {
      await removeTemps();
      throw new GroupWriteError(placed, failed);
    }
  }
}

/** Why a file could not be read as what it should be: it exists, but its content is wrong. */
export class CorruptFileError extends DossierError {
  readonly file: string;
  constructor(file: string, reason: string) {
    super('NOTEBOOK_CORRUPT', `${file} is damaged: ${reason}`);
    this.file = file;
  }
}

/** Describes a zod failure in one line for a person ("annotations.3.target: expected object"). */
export function describeSchemaError(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}${first.message}${more}`;
}

/**
 * Parses and validates the text of a JSON file; throws {@link CorruptFileError} naming the file
 * when it is truncated, not JSON, or not of the schema.
 */
export function parseJsonText<S extends z.ZodType>(path: string, text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const reason = text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(e as Error).message})`;
    throw new CorruptFileError(path, reason);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptFileError(path, `it does not have the expected shape: ${describeSchemaError(parsed.error)}`);
  return parsed.data;
}

/** Reads and validates a JSON file. Returns null when it does not exist; see {@link parseJsonText}. */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return parseJsonText(path, text, schema);
}

/** Serialises a document for disk: compact JSON, one line, newline-terminated. */
export function serialize(data: unknown): string {
  return `${JSON.stringify(data)}\n`;
}

/**
 * A lowdb adapter over one JSON file that validates what it reads and writes durably. Used for
 * every shard of a notebook in place of lowdb's JSONFile, which neither fsyncs nor validates.
 */
export class DurableJsonFile<S extends z.ZodType> implements Adapter<z.output<S>> {
  constructor(
    readonly path: string,
    private readonly schema: S,
  ) {}

  read(): Promise<z.output<S> | null> {
    return readJsonFile(this.path, this.schema);
  }

  write(data: z.output<S>): Promise<void> {
    return writeFileDurably(this.path, serialize(data));
  }
}
