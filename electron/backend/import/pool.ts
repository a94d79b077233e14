/**
 * A small pool of worker threads for extraction, so that parsing a large page or PDF never holds
 * up the thread that answers the app. Tasks queue when every worker is busy; a task that runs past
 * its time limit has its worker replaced and comes back as a refusal of that file.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument } from './document';
import { ImportError } from './errors';
import { extractLazily } from './extract-lazily';
import { IMPORT_WORKER_LIMITS, workerScript } from '../worker-script';

/** How long one file may take to read. */
export const TASK_LIMIT_MS = 60_000;

/**
 * How long the workers stay after the last file was read: each holds its readers (linkedom,
 * pdf.js, …) and their memory, tens of megabytes; the next import starts them again in a fraction
 * of a second.
 */
export const IDLE_MS = 30_000;

interface Task {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  resolve(doc: ExtractedDocument): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Whether the worker ever answered: one that fails before that could not start at all. */
  answered: boolean;
}

export class ExtractorPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when workers cannot start here: files are then read on this thread, slower but right. */
  private inThread = false;
  /** Stops the workers once nothing was read for a while (see {@link IDLE_MS}). */
  private idleTimer: NodeJS.Timeout | null = null;

  /**
   * A worker per core (up to four): extraction is most of an import's work, and the thread that
   * serves the API only waits on the disk meanwhile (measured in bench/import.ts).
   */
  constructor(
    readonly size = Math.max(1, Math.min(4, cpus().length)),
    private readonly idleMs = IDLE_MS,
  ) {}

  /** How many workers are running (for tests). */
  get running(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerScript('import-worker'), { resourceLimits: IMPORT_WORKER_LIMITS }), task: null, timer: null, answered: false };
    slot.worker.on('message', (m: { id: number; ok: boolean; doc?: ExtractedDocument; importError?: boolean; message?: string }) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      slot.answered = true;
      this.finish(slot);
      if (m.ok) task.resolve(m.doc!);
      else task.reject(m.importError ? new ImportError(m.message!) : new Error(m.message));
    });
    slot.worker.on('error', (e) => {
      // A file that exhausted its reader's memory is that file's problem: never read again on this thread.
      if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
        return this.fail(slot, new ImportError('needs more memory than a reader is given (it may be damaged, or built to exhaust memory)'));
      if (!slot.answered && slot.task) return this.fallBack(slot, e);
      this.fail(slot, new ImportError(`could not be read: ${e.message}`));
    });
    slot.worker.on('exit', (code) => {
      if (slot.task) this.fail(slot, new ImportError(`could not be read (the reader stopped with code ${code})`));
    });
    slot.worker.unref();
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    this.stopWhenIdle();
    this.pump();
  }

  /** Fails the slot's task and replaces its worker. */
  private fail(slot: Slot, error: Error): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    task?.reject(error);
    this.pump();
  }

  /** A worker that could not even start: read its task, and every later one, on this thread. */
  private fallBack(slot: Slot, error: Error): void {
    if (!this.inThread) console.error(`[dossier] import workers cannot start here (${error.message}); reading files on the main thread.`);
    this.inThread = true;
    const task = slot.task!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    void slot.worker.terminate();
    this.slots.splice(this.slots.indexOf(slot), 1);
    this.queue.unshift(task);
    this.pump();
  }

  private pump(): void {
    if (this.inThread) {
      for (const task of this.queue.splice(0)) extractLazily(task.fileName, task.bytes).then(task.resolve, task.reject);
      return;
    }
    while (!this.closed && this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < this.size) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.fail(slot, new ImportError(`took longer than ${TASK_LIMIT_MS / 1000} seconds to read and was stopped`)), TASK_LIMIT_MS);
      slot.worker.postMessage({ id: task.id, fileName: task.fileName, bytes: task.bytes });
    }
    for (const s of this.slots) if (s.task === null) s.worker.unref();
  }

  /** Once every worker is idle and nothing waits, stops them all after {@link IDLE_MS} (a new file starts them again). */
  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.closed || this.queue.length > 0 || this.slots.some((s) => s.task !== null) || this.slots.length === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.queue.length > 0 || this.slots.some((s) => s.task !== null)) return;
      for (const s of this.slots.splice(0)) void s.worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** Extracts a document in a worker. Rejects with ImportError for a file that cannot be read. */
  extract(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
    if (this.closed) return Promise.reject(new Error('The import pool is closed.'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, bytes, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const t of this.queue.splice(0)) t.reject(new Error('The import was stopped.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
