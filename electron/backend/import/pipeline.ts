/**
 * Importing files and folders into a notebook: each file is checked for size before it is read,
 * extracted, compared with what the notebook has (the same text is a duplicate; a changed text at
 * a known URL is offered as a new version, not imported twice), then stored with its original
 * bytes for provenance. One file failing never stops the others, and never changes the notebook.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { normalizeText } from '../../../shared/domain/text';
import type { ImportMethod } from '../../../shared/domain/source';
import { contentHash } from '../store/bodies';
import { writeFileDurably } from '../store/durable-file';
import type { Notebook } from '../store/notebook';
import { mkdir } from 'node:fs/promises';
import { ImportError } from './errors';
import { extractDocument } from './extract';
import type { ExtractedDocument } from './document';

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** A folder import stops listing after this many files. */
export const MAX_FILES = 20_000;

const METHOD: Record<ExtractedDocument['format'], ImportMethod> = {
  text: 'text-file',
  markdown: 'markdown-file',
  html: 'html-file',
  pdf: 'pdf-file',
  docx: 'docx-file',
};

/** What happened to each file. */
export type ImportOutcome =
  | { file: string; status: 'imported'; sourceId: string; title: string; warnings: string[] }
  | { file: string; status: 'duplicate'; sourceId: string; title: string }
  | { file: string; status: 'new-version'; sourceId: string; title: string }
  | { file: string; status: 'failed'; reason: string };

/** Reads one file's document; the app passes its worker pool, tests may read in-thread. */
export type Extract = (fileName: string, bytes: Uint8Array) => Promise<ExtractedDocument>;

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, file: string) => void;
  extract?: Extract;
  /** How many files are read at once (with a pool: its number of workers). */
  concurrency?: number;
}

/**
 * Lists the files to import: files as given, folders walked (hidden entries skipped). Symbolic
 * links are followed once: a folder already seen (a link loop) is skipped.
 */
export async function listFiles(paths: string[]): Promise<{ files: string[]; problems: ImportOutcome[] }> {
  const files: string[] = [];
  const problems: ImportOutcome[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, depth: number): Promise<void> => {
    if (files.length >= MAX_FILES) return;
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      problems.push({ file: path, status: 'failed', reason: (await lstat(path).catch(() => null)) ? 'is a broken link' : 'does not exist' });
      return;
    }
    const s = await stat(real);
    if (s.isDirectory()) {
      if (seen.has(real) || depth > 32) return;
      seen.add(real);
      const entries = (await readdir(real)).filter((n) => !n.startsWith('.')).sort();
      for (const name of entries) await visit(join(path, name), depth + 1);
    } else if (s.isFile()) {
      if (!seen.has(real)) files.push(path);
      seen.add(real);
    }
  };
  for (const p of paths) await visit(p, 0);
  return { files, problems };
}

async function keepOriginal(nb: Notebook, bytes: Uint8Array): Promise<{ sha256: string; bytes: number }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = nb.paths.original(sha256);
  if (!(await stat(file).catch(() => null))) {
    await mkdir(nb.paths.originals, { recursive: true });
    await writeFileDurably(file, Buffer.from(bytes));
  }
  return { sha256, bytes: bytes.length };
}

/** A file read and extracted, or why it could not be. */
export type Prepared =
  | { file: string; bytes: Uint8Array; doc: ExtractedDocument; origin?: { method: ImportMethod; fileName: string | null } }
  | { file: string; failure: ImportOutcome };

function failure(file: string, e: unknown): ImportOutcome {
  if (e instanceof ImportError || (e instanceof Error && e.name === 'DossierError')) return { file, status: 'failed', reason: e.message };
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { file, status: 'failed', reason: 'cannot be read: Dossier is not allowed to open it' };
  return { file, status: 'failed', reason: `could not be imported: ${(e as Error).message}` };
}

/** Extracts a document from bytes already in memory (a dropped file, pasted text, a fetched page). */
export async function prepareBytes(name: string, bytes: Uint8Array, extract: Extract, origin?: { method: ImportMethod; fileName: string | null; url?: string }): Promise<Prepared> {
  try {
    if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError(`is ${Math.round(bytes.length / 1024 / 1024)} MB; Dossier imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const doc = await extract(name, bytes);
    // A fetched page without a canonical address keeps the address it was fetched from.
    if (origin?.url && !doc.url) doc.url = origin.url;
    return { file: name, bytes, doc, origin: origin ? { method: origin.method, fileName: origin.fileName } : undefined };
  } catch (e) {
    return { file: name, failure: failure(name, e) };
  }
}

/** Reads and extracts a file; the size is checked before anything is read. */
export async function prepareFile(file: string, extract: Extract): Promise<Prepared> {
  try {
    const s = await stat(file);
    if (s.size > MAX_IMPORT_BYTES) throw new ImportError(`is ${Math.round(s.size / 1024 / 1024)} MB; Dossier imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const bytes = new Uint8Array(await readFile(file));
    return { file, bytes, doc: await extract(basename(file), bytes) };
  } catch (e) {
    return { file, failure: failure(file, e) };
  }
}

/** What a batch may not import again: texts and URLs already in the notebook or earlier in the batch. */
interface Known {
  byHash: Map<string, { id: string; title: string }>;
  byUrl: Map<string, { id: string; title: string }>;
}

function known(nb: Notebook): Known {
  const byHash = new Map<string, { id: string; title: string }>();
  const byUrl = new Map<string, { id: string; title: string }>();
  for (const s of nb.listSources()) {
    for (const h of [s.contentHash, ...s.versions.map((v) => v.contentHash)]) byHash.set(h, { id: s.id, title: s.title });
    if (s.provenance.url) byUrl.set(s.provenance.url, { id: s.id, title: s.title });
  }
  return { byHash, byUrl };
}

/** Writes one new source (its original file, text and shard), each write durable. */
async function write(nb: Notebook, file: string, bytes: Uint8Array, doc: ExtractedDocument, origin?: { method: ImportMethod; fileName: string | null }): Promise<ImportOutcome> {
  try {
    const original = await keepOriginal(nb, bytes);
    const source = await nb.addSource({
      title: doc.title ?? basename(file).replace(/\.[^.]+$/, ''),
      outlet: doc.outlet,
      published: doc.published,
      byline: doc.byline,
      lang: doc.lang,
      headings: doc.headings,
      text: doc.text,
      provenance: { method: origin?.method ?? METHOD[doc.format], fileName: origin ? origin.fileName : basename(file), url: doc.url, original },
    });
    return { file, status: 'imported', sourceId: source.id, title: source.title, warnings: doc.warnings };
  } catch (e) {
    return failure(file, e);
  }
}

/**
 * Stores a batch of prepared files: duplicates and new versions are decided in order, in memory;
 * then the new sources are written in parallel (each durably), which lets the filesystem commit
 * their fsyncs together. Outcomes come back in the batch's order.
 */
export async function storeBatch(nb: Notebook, batch: Prepared[]): Promise<ImportOutcome[]> {
  const seen = known(nb);
  const outcomes: (ImportOutcome | Promise<ImportOutcome>)[] = [];
  for (const prepared of batch) {
    if ('failure' in prepared) {
      outcomes.push(prepared.failure);
      continue;
    }
    const { file, bytes, doc, origin } = prepared;
    const hash = contentHash(normalizeText(doc.text));
    const same = seen.byHash.get(hash);
    if (same) {
      outcomes.push({ file, status: 'duplicate', sourceId: same.id, title: same.title });
      continue;
    }
    const atUrl = doc.url ? seen.byUrl.get(doc.url) : undefined;
    if (atUrl) {
      outcomes.push({ file, status: 'new-version', sourceId: atUrl.id, title: atUrl.title });
      continue;
    }
    const pending = write(nb, file, bytes, doc, origin);
    outcomes.push(pending);
    // Later files of the batch see this one, by a placeholder until its id is known.
    const placeholder = { id: '', title: doc.title ?? basename(file) };
    seen.byHash.set(hash, placeholder);
    if (doc.url) seen.byUrl.set(doc.url, placeholder);
    void pending.then((o) => {
      if (o.status === 'imported') placeholder.id = o.sourceId;
    });
  }
  const settled = await Promise.all(outcomes);
  // A duplicate of a file written in this same batch names the source it became.
  return settled.map((o) => {
    if ((o.status === 'duplicate' || o.status === 'new-version') && o.sourceId === '') {
      const first = settled.find((x) => x.status === 'imported' && x.title === o.title);
      return first && first.status === 'imported' ? { ...o, sourceId: first.sourceId } : o;
    }
    return o;
  });
}

/** Imports one file. Never throws for a problem with the file: it becomes a failed outcome. */
export async function importFile(nb: Notebook, file: string, extract: Extract = extractDocument): Promise<ImportOutcome> {
  return (await storeBatch(nb, [await prepareFile(file, extract)]))[0];
}

/**
 * Imports files and folders, reporting each. Files are read a few at a time (in the worker pool
 * when one is given) and stored one at a time, in order. Stops between files when aborted.
 */
export async function importPaths(nb: Notebook, paths: string[], options: ImportOptions = {}): Promise<{ outcomes: ImportOutcome[]; cancelled: boolean }> {
  const { files, problems } = await listFiles(paths);
  const extract = options.extract ?? extractDocument;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const outcomes: ImportOutcome[] = [...problems];
  for (let i = 0; i < files.length; i += concurrency) {
    options.onProgress?.(i, files.length, files[i]);
    if (options.signal?.aborted) return { outcomes, cancelled: true };
    const batch = await Promise.all(files.slice(i, i + concurrency).map((f) => prepareFile(f, extract)));
    outcomes.push(...(await storeBatch(nb, batch)));
  }
  options.onProgress?.(files.length, files.length, '');
  return { outcomes, cancelled: false };
}
