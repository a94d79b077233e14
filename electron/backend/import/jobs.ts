/**
 * Import as the app does it, in two steps. `start` reads and extracts files in the background
 * (worker pool) without writing anything, so the user can watch progress, cancel, and review what
 * was found; `commit` then saves the files the user accepted, with the metadata as they edited it.
 * Nothing reaches the notebook before the commit.
 */
import { newId } from '../ids';
import { DossierError } from '../../../shared/api/result';
import { normalizeText, splitParagraphs, countWords } from '../../../shared/domain/text';
import { contentHash } from '../store/bodies';
import type { Notebook } from '../store/notebook';
import type { ExtractedDocument } from './document';
import type { ImportMethod } from '../../../shared/domain/source';
import {
  isMailboxFile,
  listFiles,
  MAILBOX_BATCH,
  messageLabel,
  prepareBytes,
  readInBatches,
  readMailbox,
  sameTextWords,
  Seen,
  storeBatch,
  titleOf,
  type Extract,
  type ImportOutcome,
  type Mark,
  type Prepared,
} from './pipeline';
import { isMailbox } from './detect';
import { countMailbox, type MailboxInput } from './mailbox';
import { basename } from 'node:path';
import { addVersion } from '../annotations/service';

/** Something to import that is already in memory. */
export interface InMemoryItem {
  name: string;
  bytes: Uint8Array;
  origin?: { method: ImportMethod; fileName: string | null; url?: string };
}

/** What the review sheet shows of one file. */
export interface ImportPreview {
  index: number;
  file: string;
  status: 'ready' | 'duplicate' | 'new-version' | 'failed';
  reason: string | null;
  existing: { id: string; title: string } | null;
  format: ExtractedDocument['format'] | 'mbox' | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  byline: string | null;
  url: string | null;
  wordCount: number;
  /** The first paragraphs, to check that the right text was found. */
  excerpt: string;
  warnings: string[];
  attachments: { fileName: string; problem: string | null }[];
  messages: number | null;
}

/**
 * A mailbox in review: counted, its first messages shown, and nothing else kept; its messages are
 * read again, a batch at a time, when the import is saved.
 */
interface MailboxItem {
  file: string;
  mailbox: MailboxInput;
  messages: number;
  /** The first messages, read, for the review's excerpt. */
  first: Prepared[];
}

type JobItem = Prepared | MailboxItem;

/** The user's decision on one file: import it or not, with edited metadata. */
export interface ImportDecision {
  index: number;
  accept: boolean;
  /** For a changed text of a known URL: add it as that source's new version instead. */
  asNewVersion?: boolean;
  title?: string;
  outlet?: string | null;
  published?: string | null;
  byline?: string | null;
}

export interface ImportJobStatus {
  id: string;
  state: 'reading' | 'ready' | 'saving' | 'done' | 'cancelled';
  total: number;
  done: number;
  current: string | null;
  previews: ImportPreview[];
  outcomes: ImportOutcome[] | null;
}

interface Job {
  status: ImportJobStatus;
  prepared: JobItem[];
  controller: AbortController;
  notebookDir: string;
  /** When the app last asked about it (ms): a job nobody asks about is abandoned. */
  touched: number;
}

/** A job the app has not asked about for this long (a closed dialog, a window gone) is dropped, with the file bytes it holds. */
export const ABANDONED_AFTER_MS = 15 * 60_000;
/** A cancelled job is kept this long, for the dialog's last look at it (a saved one ends with its commit). */
export const ENDED_KEPT_MS = 60_000;

const EXCERPT_CHARS = 700;

/**
 * What each file of a job will be, in order: set against the notebook and against the files before
 * it in the same import (a copy of one of them is a duplicate of it there too), by the rule the
 * save applies (pipeline.ts, Seen).
 */
function previews(nb: Notebook, prepared: readonly JobItem[]): ImportPreview[] {
  const seen = Seen.of(nb);
  return prepared.map((p, index) => {
    const empty = { existing: null, format: null, title: null, outlet: null, published: null, byline: null, url: null, wordCount: 0, excerpt: '', warnings: [], attachments: [], messages: null };
    if ('failure' in p) return { index, file: p.file, status: 'failed', reason: p.failure.status === 'failed' ? p.failure.reason : null, ...empty };
    if ('mailbox' in p) return mailboxPreview(index, p);
    const { doc } = p;
    const hash = contentHash(normalizeText(doc.text));
    const title = titleOf(p.file, doc);
    const verdict = seen.decide(hash, title, doc.url, doc.title !== null);
    const inThisImport = (m: Mark) => (m.write !== undefined ? ', earlier in this import' : ' in the notebook');
    let status: ImportPreview['status'] = 'ready';
    let reason: string | null = null;
    let existing: { id: string; title: string } | null = null;
    const warnings = [...doc.warnings];
    if (verdict.kind === 'duplicate') {
      status = 'duplicate';
      reason = `is the same text as “${verdict.earlier.title}”${inThisImport(verdict.earlier)}`;
      if (verdict.earlier.write === undefined) existing = { id: verdict.earlier.id, title: verdict.earlier.title };
    } else if (verdict.kind === 'new-version') {
      status = 'new-version';
      reason = `is a changed text of “${verdict.earlier.title}” (same URL)`;
      existing = { id: verdict.earlier.id, title: verdict.earlier.title };
    } else {
      if (verdict.sameTextAs) warnings.push(sameTextWords(verdict.sameTextAs));
      seen.add(hash, { id: '', title, url: doc.url, headline: doc.title !== null, write: index });
    }
    let excerpt = '';
    for (const para of splitParagraphs(doc.text)) {
      if (excerpt.length >= EXCERPT_CHARS) break;
      excerpt += `${excerpt ? '\n\n' : ''}${para.text}`;
    }
    return {
      index,
      file: p.file,
      status,
      reason,
      existing,
      format: doc.format,
      title,
      outlet: doc.outlet,
      published: doc.published,
      byline: doc.byline,
      url: doc.url,
      wordCount: countWords(doc.text),
      excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS)}…` : excerpt,
      warnings,
      attachments: (doc.attachments ?? []).map((a) => ({ fileName: a.fileName, problem: a.problem })),
      messages: null,
    };
  });
}

/** A mailbox's row in the review: its size, and its first messages as they will be saved. */
function mailboxPreview(index: number, item: MailboxItem): ImportPreview {
  const lines = item.first.map((p) =>
    'failure' in p
      ? `${p.file}: ${p.failure.status === 'failed' ? p.failure.reason : ''}`
      : `${p.doc.title ?? p.file}${p.doc.byline ? ` (${p.doc.byline}` + (p.doc.published ? `, ${p.doc.published})` : ')') : ''}`,
  );
  const more = item.messages - item.first.length;
  return {
    index,
    file: item.file,
    status: item.messages === 0 ? 'failed' : 'ready',
    reason: item.messages === 0 ? 'is a mailbox with no messages in it (no "From " line starts one)' : null,
    existing: null,
    format: 'mbox',
    title: basename(item.file),
    outlet: null,
    published: null,
    byline: null,
    url: null,
    wordCount: 0,
    excerpt: [...lines, ...(more > 0 ? [`… and ${more.toLocaleString('en')} more message${more === 1 ? '' : 's'}`] : [])].join('\n\n'),
    warnings: [],
    attachments: [],
    messages: item.messages,
  };
}

/** Counts a mailbox and reads its first messages, for the review. */
async function reviewMailbox(file: string, mailbox: MailboxInput, extract: Extract): Promise<MailboxItem> {
  const { messages, first } = await countMailbox(mailbox);
  const name = basename(file);
  const read = await Promise.all(
    first.map((m): Promise<Prepared> => {
      const label = messageLabel(name, m.index);
      return 'bytes' in m
        ? prepareBytes(`${label}.eml`, m.bytes, extract).then((p) => ({ ...p, file: label }))
        : Promise.resolve({ file: label, failure: { file: label, status: 'failed', reason: 'is larger than 50 MB' } });
    }),
  );
  return { file, mailbox, messages, first: read };
}

/** The import jobs of one app; a job belongs to the notebook that was open when it started. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly extract: Extract,
    private readonly batch = 16,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many jobs are held (for tests: abandoned and ended ones must not pile up). */
  get size(): number {
    return this.jobs.size;
  }

  /** Drops abandoned jobs (reading stopped, bytes let go) and ended ones past their last look. */
  private sweep(): void {
    const now = this.now();
    for (const [id, job] of this.jobs) {
      const ended = job.status.state === 'done' || job.status.state === 'cancelled';
      if (now - job.touched > (ended ? ENDED_KEPT_MS : ABANDONED_AFTER_MS) && job.status.state !== 'saving') {
        job.controller.abort();
        job.prepared = [];
        this.jobs.delete(id);
      }
    }
  }

  /** Starts reading files and folders in the background; returns the job's id at once. */
  start(nb: Notebook, paths: string[]): string {
    const job = this.newJob(nb);
    this.read(nb, job, paths).catch((e: unknown) => this.readFailed(nb, job, e));
    return job.status.id;
  }

  /** Starts a job over items already in memory: dropped files, pasted text, a fetched page. */
  startItems(nb: Notebook, items: InMemoryItem[]): string {
    const job = this.newJob(nb);
    job.status.total = items.length;
    void (async () => {
      for (const item of items) {
        if (job.controller.signal.aborted) break;
        job.status.current = item.name;
        if (!item.origin && isMailbox(item.name, item.bytes)) job.prepared.push(await reviewMailbox(item.name, { bytes: item.bytes }, this.extract));
        else job.prepared.push(await prepareBytes(item.name, item.bytes, this.extract, item.origin));
        job.status.done++;
      }
      this.finishReading(nb, job);
    })().catch((e: unknown) => this.readFailed(nb, job, e));
    return job.status.id;
  }

  private newJob(nb: Notebook): Job {
    this.sweep();
    const id = newId(6);
    const job: Job = {
      status: { id, state: 'reading', total: 0, done: 0, current: null, previews: [], outcomes: null },
      prepared: [],
      controller: new AbortController(),
      notebookDir: nb.paths.dir,
      touched: this.now(),
    };
    this.jobs.set(id, job);
    return job;
  }

  /**
   * Reading stopped on something no file explains (every file's own problem is its outcome): the
   * job ends ready with what was read and one line saying what stopped it, never left "reading".
   */
  private readFailed(nb: Notebook, job: Job, e: unknown): void {
    console.error('[dossier] an import stopped while reading:', e);
    job.prepared.push({
      file: job.status.current ?? '(the files chosen)',
      failure: { file: job.status.current ?? '(the files chosen)', status: 'failed', reason: `stopped the import while it was being read: ${(e as Error)?.message ?? String(e)}` },
    });
    this.finishReading(nb, job);
  }

  private finishReading(nb: Notebook, job: Job): void {
    const s = job.status;
    s.current = null;
    s.previews = previews(nb, job.prepared);
    if (s.state === 'reading') s.state = job.controller.signal.aborted ? 'cancelled' : 'ready';
  }

  private async read(nb: Notebook, job: Job, paths: string[]): Promise<void> {
    const { files, problems } = await listFiles(paths);
    const s = job.status;
    s.total = files.length + problems.length;
    for (const problem of problems) job.prepared.push({ file: problem.file, failure: problem });
    s.done = problems.length;
    s.current = files[0] ?? null;
    const mailboxes = new Set<string>();
    for (const file of files) if (await isMailboxFile(file)) mailboxes.add(file);
    const others = files.filter((f) => !mailboxes.has(f));
    for await (const batch of readInBatches(others, this.extract, this.batch, job.controller.signal)) {
      job.prepared.push(...batch);
      s.done += batch.length;
      s.current = others[s.done - problems.length] ?? [...mailboxes][0] ?? null;
    }
    for (const file of mailboxes) {
      if (job.controller.signal.aborted) break;
      s.current = file;
      job.prepared.push(await reviewMailbox(file, { path: file }, this.extract));
      s.done++;
    }
    this.finishReading(nb, job);
  }

  private job(id: string, notebook: Notebook): Job {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job || job.notebookDir !== notebook.paths.dir) throw new DossierError('NOT_FOUND', `There is no import ${id} for this notebook (it may have been cancelled or finished).`);
    job.touched = this.now();
    return job;
  }

  /** Where a job stands. */
  status(id: string, notebook: Notebook): ImportJobStatus {
    return this.job(id, notebook).status;
  }

  /** Stops reading; nothing was written, so nothing needs undoing. */
  cancel(id: string, notebook: Notebook): ImportJobStatus {
    const job = this.job(id, notebook);
    job.controller.abort();
    if (job.status.state === 'reading' || job.status.state === 'ready') job.status.state = 'cancelled';
    job.prepared = [];
    return job.status;
  }

  /**
   * Saves the accepted files with the user's edits, in order; files without a decision are not
   * imported. Duplicates found meanwhile are reported as such. Returns the report.
   */
  async commit(id: string, notebook: Notebook, decisions: ImportDecision[] | 'all'): Promise<ImportOutcome[]> {
    const job = this.job(id, notebook);
    if (job.status.state !== 'ready') throw new DossierError('INVALID_INPUT', `This import is ${job.status.state}; only a finished reading can be saved.`);
    const chosen = new Map<number, ImportDecision>();
    if (decisions === 'all') for (const p of job.status.previews) chosen.set(p.index, { index: p.index, accept: p.status === 'ready' });
    else
      for (const d of decisions) {
        if (!job.prepared[d.index]) throw new DossierError('INVALID_INPUT', `There is no file number ${d.index} in this import.`);
        chosen.set(d.index, d);
      }
    job.status.state = 'saving';
    try {
      return await this.save(job, notebook, chosen);
    } catch (e) {
      // Whatever stopped the save, the reader can try again: what was saved is found as a duplicate then.
      job.status.state = 'ready';
      throw e;
    }
  }

  private async save(job: Job, notebook: Notebook, chosen: Map<number, ImportDecision>): Promise<ImportOutcome[]> {
    const toSave: Prepared[] = [];
    const skipped: ImportOutcome[] = [];
    const versions: ImportOutcome[] = [];
    const mailboxes: MailboxItem[] = [];
    for (const [index, p] of job.prepared.entries()) {
      const d = chosen.get(index);
      if ('mailbox' in p) {
        if (d?.accept && p.messages > 0) mailboxes.push(p);
        else skipped.push({ file: p.file, status: 'failed', reason: p.messages === 0 ? 'is a mailbox with no messages in it' : 'not imported: left out at review' });
        continue;
      }
      const existing = job.status.previews[index]?.existing;
      if (!('failure' in p) && d?.accept && d.asNewVersion && job.status.previews[index]?.status === 'new-version' && existing) {
        try {
          const { anchoring } = await addVersion(notebook, { id: existing.id, text: p.doc.text });
          const warnings = anchoring.orphan > 0 ? [`${anchoring.orphan} annotation${anchoring.orphan === 1 ? '' : 's'} now need${anchoring.orphan === 1 ? 's' : ''} review.`] : [];
          versions.push({ file: p.file, status: 'imported', sourceId: existing.id, title: `${existing.title} (new version)`, warnings });
        } catch (e) {
          versions.push({ file: p.file, status: 'failed', reason: (e as Error).message });
        }
        continue;
      }
      if ('failure' in p) skipped.push(p.failure);
      else if (!d?.accept) {
        const seen = job.status.previews[index];
        skipped.push({ file: p.file, status: 'failed', reason: seen?.status === 'duplicate' && seen.reason ? `not imported: it ${seen.reason}` : 'not imported: left out at review' });
      } else {
        const doc = { ...p.doc };
        if (d.title !== undefined && d.title.trim()) doc.title = d.title.trim();
        if (d.outlet !== undefined) doc.outlet = d.outlet?.trim() || null;
        if (d.published !== undefined) doc.published = d.published;
        if (d.byline !== undefined) doc.byline = d.byline?.trim() || null;
        toSave.push({ ...p, doc });
      }
    }
    const saved: ImportOutcome[] = [];
    for (let i = 0; i < toSave.length; i += this.batch) saved.push(...(await storeBatch(notebook, toSave.slice(i, i + this.batch))));
    // A mailbox is read again as it is saved, a batch of messages at a time: never held whole.
    for (const box of mailboxes) {
      job.status.current = box.file;
      job.status.total = box.messages;
      job.status.done = 0;
      const seen = Seen.of(notebook);
      for await (const batch of readMailbox(box.file, box.mailbox, this.extract, MAILBOX_BATCH)) {
        saved.push(...(await storeBatch(notebook, batch, seen)));
        job.status.done += batch.length;
      }
    }
    job.status.outcomes = [...saved, ...versions, ...skipped];
    job.status.state = 'done';
    job.prepared = [];
    // Its outcomes are the commit's answer: nothing is left to ask about.
    this.jobs.delete(job.status.id);
    return job.status.outcomes;
  }
}
