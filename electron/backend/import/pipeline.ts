/**
 * Importing files and folders into a notebook: each file is checked for size before it is read,
 * extracted, compared with what the notebook has (the same text under the same headline is a
 * duplicate; a changed text at a known URL is offered as a new version, not imported twice), then stored with its original
 * bytes for provenance. One file failing never stops the others, and never changes the notebook.
 */
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { normalizeText } from '../../../shared/domain/text';
import type { AttachedTo, ImportMethod, MailInfo, SourceSummary } from '../../../shared/domain/source';
import { newId } from '../ids';
import { contentHash } from '../store/bodies';
import type { Notebook, NewSource } from '../store/notebook';
import { ImportError } from './errors';
import { extractLazily } from './extract-lazily';
import type { ExtractedDocument } from './document';
import { isMailbox } from './detect';
import { MAX_IMPORT_BYTES } from './limits';
import { mailboxMessages, type MailboxInput, type MailboxMessage } from './mailbox';

export { MAX_IMPORT_BYTES } from './limits';
/** A folder import stops listing after this many files. */
export const MAX_FILES = 20_000;

const METHOD: Record<ExtractedDocument['format'], ImportMethod> = {
  text: 'text-file',
  markdown: 'markdown-file',
  html: 'html-file',
  pdf: 'pdf-file',
  docx: 'docx-file',
  email: 'email-file',
  msg: 'msg-file',
  csv: 'csv-file',
  xlsx: 'xlsx-file',
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
export async function listFiles(paths: string[], limit = MAX_FILES): Promise<{ files: string[]; problems: ImportOutcome[] }> {
  const files: string[] = [];
  const problems: ImportOutcome[] = [];
  const seen = new Set<string>();
  /** Files found past the limit: counted, and said, never dropped without a word. */
  let beyond = 0;
  let firstBeyond: string | null = null;
  const visit = async (path: string, depth: number): Promise<void> => {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      problems.push({ file: path, status: 'failed', reason: (await lstat(path).catch(() => null)) ? 'is a broken link' : 'does not exist' });
      return;
    }
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(real);
    } catch (e) {
      problems.push({ file: path, status: 'failed', reason: `could not be read (${readProblem(e)})` });
      return;
    }
    if (s.isDirectory()) {
      if (seen.has(real) || depth > 32) return;
      seen.add(real);
      let entries: string[];
      try {
        entries = (await readdir(real)).filter((n) => !n.startsWith('.')).sort();
      } catch (e) {
        // One folder Dossier may not read: said so, and the rest of the import goes on.
        problems.push({ file: path, status: 'failed', reason: `is a folder Dossier could not open (${readProblem(e)}); the files in it were not imported` });
        return;
      }
      for (const name of entries) await visit(join(path, name), depth + 1);
    } else if (s.isFile()) {
      if (seen.has(real)) return;
      seen.add(real);
      if (files.length < limit) files.push(path);
      else {
        beyond++;
        firstBeyond ??= path;
      }
    } else {
      // A pipe, a socket or a device (or a link to one): not a document, and never opened (a pipe would wait for ever).
      const what = s.isFIFO() ? 'a named pipe (FIFO)' : s.isSocket() ? 'a socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : 'not a regular file';
      problems.push({ file: path, status: 'failed', reason: `is ${what}, not a file with a document in it; it was left out` });
    }
  };
  for (const p of paths) await visit(p, 0);
  if (beyond > 0) {
    const others = beyond - 1 === 0 ? '' : `, nor ${(beyond - 1).toLocaleString('en')} other file${beyond - 1 === 1 ? '' : 's'} after it`;
    problems.push({ file: firstBeyond!, status: 'failed', reason: `was not imported${others}: Dossier imports at most ${limit.toLocaleString('en')} files at a time. Import the rest in a second go` });
  }
  return { files, problems };
}

/** Why the file system refused, in words. */
function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it was removed meanwhile';
  if (code === 'ELOOP') return 'too many links';
  return (e as Error)?.message ?? String(e);
}

/** Where a file or message came from, when its file name and format do not say it all. */
export interface Origin {
  method: ImportMethod;
  fileName: string | null;
  /** Of a message of a mailbox: its place there (1 = the first). */
  mailboxIndex?: number;
}

/** A file read and extracted, or why it could not be. */
export type Prepared = { file: string; bytes: Uint8Array; doc: ExtractedDocument; origin?: Origin } | { file: string; failure: ImportOutcome };

function failure(file: string, e: unknown): ImportOutcome {
  if (e instanceof ImportError || (e instanceof Error && e.name === 'DossierError')) return { file, status: 'failed', reason: e.message };
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { file, status: 'failed', reason: 'cannot be read: Dossier is not allowed to open it' };
  // Saving it failed: the notebook's disk, not the file, is the problem.
  if (code === 'ENOSPC') return { file, status: 'failed', reason: 'was not imported: the disk is full, and nothing of it was saved. Free some space and import it again' };
  if (code === 'EROFS') return { file, status: 'failed', reason: 'was not imported: the notebook’s disk is read-only' };
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

/** A headline as compared for duplicates: case, spacing and quotation marks do not make two. */
export const titleKey = (title: string) =>
  title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** A source of the notebook, or of the batch not yet written (`write`: its index among the batch's writes). */
export interface Mark {
  id: string;
  title: string;
  url: string | null;
  /** The title is a headline the document gave, not its file's name. */
  headline: boolean;
  write?: number;
}

/** What a file is, set against what the notebook (and the batch so far) holds. */
export type Verdict = { kind: 'duplicate'; earlier: Mark } | { kind: 'new-version'; earlier: Mark } | { kind: 'new'; sameTextAs: Mark | null };

/**
 * What a batch may not import again. A duplicate is the same text under the same headline (or at
 * the same URL): outlets re-headline the same copy, and the second headline must stay findable,
 * so the same text under another headline is a source of its own (said in its warnings). A
 * changed text at a known URL is a new version.
 */
export class Seen {
  private readonly byHash = new Map<string, Mark[]>();
  private readonly byUrl = new Map<string, Mark>();
  /** The marks of the batch being stored, settled when it is (see {@link settle}). */
  private pending: { hash: string; mark: Mark }[] = [];

  static of(nb: Notebook): Seen {
    const seen = new Seen();
    for (const s of nb.unorderedSources()) {
      const fileTitle = s.provenance.fileName ? s.provenance.fileName.replace(/\.[^.]+$/, '') : null;
      const mark = { id: s.id, title: s.title, url: s.provenance.url, headline: s.title !== fileTitle };
      for (const h of new Set([s.contentHash, ...s.versions.map((v) => v.contentHash)])) seen.noteHash(h, mark);
      if (s.provenance.url) seen.byUrl.set(s.provenance.url, mark);
    }
    return seen;
  }

  private noteHash(hash: string, mark: Mark): void {
    const list = this.byHash.get(hash);
    if (list) list.push(mark);
    else this.byHash.set(hash, [mark]);
  }

  /** `headline`: the title is the document's own, not its file's name (a file name says nothing of a re-headlined copy). */
  decide(hash: string, title: string, url: string | null, headline: boolean): Verdict {
    const sameText = this.byHash.get(hash) ?? [];
    const key = titleKey(title);
    const same = sameText.find((m) => !headline || !m.headline || titleKey(m.title) === key || (url !== null && m.url === url));
    if (same) return { kind: 'duplicate', earlier: same };
    const atUrl = url ? this.byUrl.get(url) : undefined;
    if (atUrl) return { kind: 'new-version', earlier: atUrl };
    return { kind: 'new', sameTextAs: sameText[0] ?? null };
  }

  add(hash: string, mark: Mark): void {
    this.noteHash(hash, mark);
    if (mark.url) this.byUrl.set(mark.url, mark);
    if (mark.write !== undefined) this.pending.push({ hash, mark });
  }

  /**
   * After a batch is stored: its writes are sources of the notebook now (their ids were given
   * before), so the next batch sees them as such; a write that failed is forgotten.
   */
  settle(stored: readonly (SourceSummary | Error)[]): void {
    for (const { hash, mark } of this.pending) {
      const failed = mark.write !== undefined && stored[mark.write] instanceof Error;
      delete mark.write;
      if (!failed) continue;
      const left = (this.byHash.get(hash) ?? []).filter((m) => m !== mark);
      if (left.length === 0) this.byHash.delete(hash);
      else this.byHash.set(hash, left);
      if (mark.url && this.byUrl.get(mark.url) === mark) this.byUrl.delete(mark.url);
    }
    this.pending = [];
  }
}

/** The title a file is imported under: its own, else its file name. */
export const titleOf = (file: string, doc: ExtractedDocument) => doc.title ?? basename(file).replace(/\.[^.]+$/, '');

/** The warning a re-headlined copy carries. */
export const sameTextWords = (earlier: Mark) => `It has the same text as “${earlier.title}” under another headline: it is kept as a source of its own, so both headlines can be found.`;

/** What a prepared file becomes in the store. */
function newSource(file: string, bytes: Uint8Array, doc: ExtractedDocument, origin?: Origin, extra: { id?: string; mail?: MailInfo; attachedTo?: AttachedTo } = {}): NewSource {
  return {
    ...extra,
    ...(doc.table ? { table: doc.table } : {}),
    title: titleOf(file, doc),
    outlet: doc.outlet,
    published: doc.published,
    byline: doc.byline,
    lang: doc.lang,
    headings: doc.headings,
    text: doc.text,
    provenance: { method: origin?.method ?? METHOD[doc.format], fileName: origin ? origin.fileName : basename(file), url: doc.url },
    originalBytes: bytes,
  };
}

/**
 * Stores a batch of prepared files: duplicates and new versions are decided in order, in memory
 * (a later file of the batch sees the earlier ones); then the new sources are written as one group
 * commit, so the whole batch costs a few rounds of fsyncs instead of a few per file. Outcomes come
 * back in the batch's order.
 */
export async function storeBatch(nb: Notebook, batch: Prepared[], seen: Seen = Seen.of(nb)): Promise<ImportOutcome[]> {
  type Slot = ImportOutcome | { file: string; write: number; warnings: string[] } | { file: string; sameAs: number; status: 'duplicate' | 'new-version' };
  const slots: Slot[] = [];
  const writes: NewSource[] = [];
  /**
   * Places a document (a file, a message, an attachment) and, for a message, its attachments after
   * it: each decided against the notebook and the batch as a file would be. Returns the id its
   * source has (an earlier one's, for a copy), or null when it is not written.
   */
  const place = (file: string, bytes: Uint8Array, doc: ExtractedDocument, origin: Origin | undefined, attachedTo: AttachedTo | undefined): string | null => {
    const hash = contentHash(normalizeText(doc.text));
    const verdict = seen.decide(hash, titleOf(attachedTo?.fileName ?? file, doc), doc.url, doc.title !== null);
    if (verdict.kind !== 'new') {
      const { earlier, kind: status } = verdict;
      slots.push(earlier.write === undefined ? ({ file, status, sourceId: earlier.id, title: earlier.title } as ImportOutcome) : { file, status, sameAs: earlier.write });
      return earlier.id;
    }
    const id = newId();
    const mail: MailInfo | undefined = doc.mail ? { ...doc.mail, attachments: [], mailboxIndex: origin?.mailboxIndex ?? null } : undefined;
    const index = writes.push(newSource(attachedTo?.fileName ?? file, bytes, doc, origin, { id, mail, attachedTo })) - 1;
    slots.push({ file, write: index, warnings: verdict.sameTextAs ? [...doc.warnings, sameTextWords(verdict.sameTextAs)] : doc.warnings });
    seen.add(hash, { id, title: writes[index].title, url: doc.url, headline: doc.title !== null, write: index });
    for (const a of doc.attachments ?? []) {
      // A sheet keeps its workbook's file name; an attachment has its own.
      const partOrigin: Origin = a.method === 'xlsx-file' ? { method: 'xlsx-file', fileName: origin?.fileName ?? basename(file) } : { method: a.method ?? 'email-attachment', fileName: a.fileName };
      const sourceId = a.doc ? place(`${file} › ${a.fileName}`, a.bytes, a.doc, partOrigin, { sourceId: id, fileName: a.fileName }) : null;
      mail?.attachments.push({ fileName: a.fileName.slice(0, 1000), contentType: a.contentType.slice(0, 300), bytes: a.bytes.length, sourceId, problem: a.problem?.slice(0, 2000) ?? null });
    }
    return id;
  };
  for (const prepared of batch) {
    if ('failure' in prepared) {
      slots.push(prepared.failure);
      continue;
    }
    place(prepared.file, prepared.bytes, prepared.doc, prepared.origin, undefined);
  }
  let stored: (SourceSummary | Error)[];
  try {
    stored = await nb.addSources(writes);
  } catch (e) {
    stored = writes.map(() => (e instanceof Error ? e : new Error(String(e))));
  }
  seen.settle(stored);
  return slots.map((slot): ImportOutcome => {
    if ('status' in slot && !('sameAs' in slot)) return slot;
    if ('sameAs' in slot) {
      const first = stored[slot.sameAs];
      return first instanceof Error ? failure(slot.file, first) : ({ file: slot.file, status: slot.status, sourceId: first.id, title: first.title } as ImportOutcome);
    }
    const result = stored[slot.write];
    return result instanceof Error ? failure(slot.file, result) : { file: slot.file, status: 'imported', sourceId: result.id, title: result.title, warnings: slot.warnings };
  });
}

/**
 * Reads files in order, `batch` at a time, and yields each batch when all of it is read. Up to two
 * batches are being read at once, so that while a batch waits for its slowest file the workers
 * already read the next one. Stops (after the batch being read) when aborted.
 */
export async function* readInBatches(files: readonly string[], extract: Extract, batch: number, signal?: AbortSignal): AsyncGenerator<Prepared[]> {
  const reading: Promise<Prepared>[] = [];
  let started = 0;
  for (let at = 0; at < files.length; at += batch) {
    for (; started < Math.min(files.length, at + 2 * batch); started++) reading.push(prepareFile(files[started], extract));
    const prepared = await Promise.all(reading.splice(0, Math.min(batch, files.length - at)));
    if (signal?.aborted) return;
    yield prepared;
  }
}

/** Whether a file on disk is a mailbox: by its name, or (without an extension) by its first line. */
export async function isMailboxFile(file: string): Promise<boolean> {
  const ext = extname(file).toLowerCase();
  if (ext === '.mbox' || ext === '.mbx') return true;
  if (ext !== '') return false;
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = new Uint8Array(2048);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return isMailbox(basename(file), head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** How many messages of a mailbox are stored in one group commit. */
export const MAILBOX_BATCH = 32;

/** How a message of a mailbox is named in a report: "archive.mbox › message 12". */
export const messageLabel = (mailbox: string, index: number) => `${mailbox} › message ${index.toLocaleString('en')}`;

/**
 * Reads a mailbox's messages as it streams them, `batch` at a time (four batches being read at
 * once: small batches keep each commit's work on the serving thread short), each message with its
 * attachments. The mailbox is never held whole: only
 * the messages of the batches in hand are. Stops (after the batch being read) when aborted.
 */
export async function* readMailbox(name: string, input: MailboxInput, extract: Extract, batch: number, signal?: AbortSignal): AsyncGenerator<Prepared[]> {
  const fileName = basename(name);
  const reading: Promise<Prepared>[] = [];
  const readOne = (message: MailboxMessage): Promise<Prepared> => {
    const label = messageLabel(fileName, message.index);
    if (!('bytes' in message))
      return Promise.resolve({
        file: label,
        failure: { file: label, status: 'failed', reason: `is ${Math.round(message.tooLarge / 1024 / 1024)} MB; Dossier imports messages up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB` },
      });
    return prepareBytes(`${label}.eml`, message.bytes, extract, { method: 'mbox-file', fileName }).then((p) =>
      'failure' in p ? { file: label, failure: { ...p.failure, file: label } } : { ...p, file: label, origin: { method: 'mbox-file', fileName, mailboxIndex: message.index } },
    );
  };
  for await (const message of mailboxMessages(input)) {
    if (signal?.aborted) return;
    reading.push(readOne(message));
    // Three batches ahead: the workers keep reading while a batch waits on the disk's fsyncs.
    if (reading.length >= 4 * batch) yield await Promise.all(reading.splice(0, batch));
  }
  while (reading.length > 0 && !signal?.aborted) yield await Promise.all(reading.splice(0, batch));
}

/**
 * Imports files and folders, reporting each. Files are read a batch at a time (in the worker pool
 * when one is given), the next batch while the last is stored, and stored in order, a batch per
 * group commit. Stops between batches when aborted.
 */
export async function importPaths(nb: Notebook, paths: string[], options: ImportOptions = {}): Promise<{ outcomes: ImportOutcome[]; cancelled: boolean }> {
  const { files: listed, problems } = await listFiles(paths);
  const outcomes: ImportOutcome[] = [...problems];
  const mailboxes: string[] = [];
  const files: string[] = [];
  for (const file of listed) ((await isMailboxFile(file)) ? mailboxes : files).push(file);
  let done = 0;
  const total = listed.length;
  const batch = Math.max(1, options.concurrency ?? 1);
  const extract = options.extract ?? extractLazily;
  options.onProgress?.(0, total, listed[0] ?? '');
  for await (const prepared of readInBatches(files, extract, batch, options.signal)) {
    outcomes.push(...(await storeBatch(nb, prepared)));
    done += prepared.length;
    options.onProgress?.(done, total, files[done] ?? mailboxes[0] ?? '');
  }
  for (const mailbox of mailboxes) {
    if (options.signal?.aborted) break;
    // A mailbox's messages are stored a batch at a time, as they are read: it is never held whole.
    // What the notebook holds is looked at once, and kept up to date batch by batch.
    const seen = Seen.of(nb);
    for await (const prepared of readMailbox(mailbox, { path: mailbox }, extract, MAILBOX_BATCH, options.signal)) {
      outcomes.push(...(await storeBatch(nb, prepared, seen)));
      options.onProgress?.(done, total, prepared.at(-1)?.file ?? mailbox);
    }
    if (!options.signal?.aborted) done++;
    options.onProgress?.(done, total, mailboxes[mailboxes.indexOf(mailbox) + 1] ?? '');
  }
  return { outcomes, cancelled: options.signal?.aborted === true && done < total };
}
