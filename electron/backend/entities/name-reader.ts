/**
 * What each source's text names (candidates.ts), read once per text and kept by the text's hash:
 * in memory, and in cache/entity-candidates.json beside the open cache.
 *
 * Reading a text is compromise's work, about 16,000 words a second on one core of a laptop: two
 * minutes for 5,000 news articles. So the reading is done by one worker thread (the other core
 * stays free for the app and the import), in the background after sources arrive (an import, a
 * colleague's sync), and the suggestions are built from what is read so far while it runs. A
 * worker that cannot start (a development checkout without its build) leaves the reading to this
 * thread, a text at a time.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Notebook } from '../store/notebook';
import { writeFileDurably } from '../store/durable-file';
import { IMPORT_WORKER_LIMITS, workerScript } from '../worker-script';
import { candidatesIn, type Candidate } from './candidates';

export const CACHE_FORMAT = 'dossier-entity-candidates-2';

/** Texts sent to the worker at a time: enough to keep it busy, few enough that a request for one source waits little. */
const BATCH = 8;
/** How often, at most, the cache file is written while a long reading runs (and once at its end). */
const WRITE_EVERY_MS = 15_000;
/** How long the worker stays after its last text (compromise takes most of a second to load again). */
const IDLE_MS = 30_000;

/** How far a reading is: texts read of the texts it has to read. */
export interface NamesProgress {
  read: number;
  total: number;
}

interface Waiter {
  hashes: Set<string>;
  resolve(): void;
}

export class NameReader {
  private byHash: Map<string, Candidate[]> | null = null;
  private loading: Promise<Map<string, Candidate[]>> | null = null;
  /** Texts to read, by hash: the source that has it. */
  private readonly queue = new Map<string, string>();
  /** Texts that could not be read this session (a damaged text): not asked for again until the next open. */
  private readonly unreadable = new Set<string>();
  private readonly waiters = new Set<Waiter>();
  private pumping = false;
  /** Texts read since the reading started (it ends when the queue is empty), and the batch at the worker. */
  private readSoFar = 0;
  private readonly inFlight = new Set<string>();
  private worker: Worker | null = null;
  private inThread: boolean;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private laterTimer: NodeJS.Timeout | null = null;
  private lastWrite = 0;
  private dirty = false;
  private closed = false;

  private readonly onProgress: () => void;

  /** `onProgress`: called as the reading moves on (after each batch) and when it ends. */
  constructor(
    readonly nb: Notebook,
    options: { inThread?: boolean; onProgress?: () => void } = {},
  ) {
    this.inThread = options.inThread === true;
    this.onProgress = options.onProgress ?? (() => undefined);
  }

  private get file(): string {
    return join(this.nb.paths.dir, 'cache', 'entity-candidates.json');
  }

  /** What was read so far, by text hash (the cache file is read the first time). */
  known(): Promise<Map<string, Candidate[]>> {
    if (this.byHash) return Promise.resolve(this.byHash);
    return (this.loading ??= readCache(this.file).then((m) => (this.byHash = m)));
  }

  /** How far the background reading is, or null when nothing is waiting to be read. */
  get reading(): NamesProgress | null {
    const left = this.queue.size + this.inFlight.size;
    return left > 0 ? { read: this.readSoFar, total: this.readSoFar + left } : null;
  }

  /** The sources of these whose text was not read yet (nor found unreadable). */
  async unread(sources: readonly { id: string; contentHash: string }[]): Promise<{ id: string; contentHash: string }[]> {
    const known = await this.known();
    return sources.filter((s) => !known.has(s.contentHash) && !this.unreadable.has(s.contentHash));
  }

  /**
   * Reads the texts of these sources not read yet, first in the queue; resolves once every one of
   * them is read (or found unreadable).
   */
  async read(sources: readonly { id: string; contentHash: string }[]): Promise<void> {
    const missing = await this.unread(sources);
    if (missing.length === 0 || this.closed) return;
    const hashes = new Set(missing.map((s) => s.contentHash));
    // First in the queue: a Map keeps the order of insertion, so the rest is put back after.
    const rest = [...this.queue].filter(([h]) => !hashes.has(h));
    this.queue.clear();
    // A text at the worker now is waited for, not queued again.
    for (const s of missing) if (!this.inFlight.has(s.contentHash)) this.queue.set(s.contentHash, s.id);
    for (const [h, id] of rest) this.queue.set(h, id);
    const done = new Promise<void>((resolve) => this.waiters.add({ hashes, resolve }));
    void this.pump();
    return done;
  }

  /** Reads every source of the notebook not read yet, in the background (after `delayMs`, put off again by each later call). */
  later(delayMs: number): void {
    if (this.closed) return;
    if (this.laterTimer) clearTimeout(this.laterTimer);
    this.laterTimer = setTimeout(() => {
      this.laterTimer = null;
      void this.readEverything();
    }, delayMs);
    this.laterTimer.unref();
  }

  /** Puts every unread source of the notebook in the queue (last) and starts reading; resolves once they are queued. */
  async readEverything(): Promise<void> {
    const missing = await this.unread(this.nb.unorderedSources());
    for (const s of missing) if (!this.queue.has(s.contentHash) && !this.inFlight.has(s.contentHash)) this.queue.set(s.contentHash, s.id);
    if (this.queue.size > 0) void this.pump();
  }

  private settle(): void {
    const known = this.byHash ?? new Map<string, Candidate[]>();
    for (const w of this.waiters) {
      for (const h of w.hashes) if (known.has(h) || this.unreadable.has(h) || this.closed) w.hashes.delete(h);
      if (w.hashes.size === 0) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const known = await this.known();
    try {
      while (this.queue.size > 0 && !this.closed) {
        const batch = [...this.queue].slice(0, BATCH);
        for (const [hash] of batch) {
          this.queue.delete(hash);
          this.inFlight.add(hash);
        }
        const texts: { hash: string; text: string }[] = [];
        for (const [hash, id] of batch) {
          try {
            texts.push({ hash, text: (await this.nb.getSource(id)).text });
          } catch {
            // A source removed meanwhile, or a damaged text (check --repair says so): no names from it.
            this.unreadable.add(hash);
          }
        }
        const found = await this.readTexts(texts.map((t) => t.text)).catch(() => null);
        if (this.closed) break;
        texts.forEach((t, i) => (found ? known.set(t.hash, found[i]) : this.unreadable.add(t.hash)));
        this.readSoFar += batch.length;
        this.inFlight.clear();
        this.dirty ||= found !== null && texts.length > 0;
        this.settle();
        this.onProgress();
        if (Date.now() - this.lastWrite > WRITE_EVERY_MS && this.queue.size > 0) await this.save();
      }
      await this.save();
    } finally {
      this.pumping = false;
      this.inFlight.clear();
      if (this.queue.size === 0) this.readSoFar = 0;
      this.settle();
      if (!this.closed) this.onProgress();
      this.stopWhenIdle();
    }
  }

  /** The names of these texts, by the worker (or on this thread when no worker can start). */
  private async readTexts(texts: string[]): Promise<Candidate[][]> {
    if (texts.length === 0) return [];
    if (!this.inThread) {
      try {
        return await this.inWorker(texts);
      } catch (e) {
        if (!(e instanceof WorkerStartError)) throw e;
        console.error(`[dossier] the names worker cannot start here (${e.message}); reading names on the main thread.`);
        this.inThread = true;
      }
    }
    const nlp = (await import('compromise')).default;
    const out: Candidate[][] = [];
    for (const text of texts) {
      out.push(candidatesIn(text, nlp));
      // A turn of the event loop between texts, so the app answers meanwhile.
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  private inWorker(texts: string[]): Promise<Candidate[][]> {
    const fresh = !this.worker;
    const worker = (this.worker ??= new Worker(workerScript('names-worker'), { resourceLimits: IMPORT_WORKER_LIMITS }));
    const id = this.nextId++;
    worker.ref();
    return new Promise<Candidate[][]>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (m: { id: number; ok: boolean; found?: Candidate[][]; message?: string }) => {
        if (m.id !== id) return;
        done();
        if (m.ok) resolve(m.found!);
        else reject(new Error(m.message));
      };
      const onError = (e: Error) => {
        done();
        this.worker = null;
        reject(fresh ? new WorkerStartError(e.message) : e);
      };
      const onExit = (code: number) => {
        done();
        this.worker = null;
        reject(new Error(`the names worker stopped with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, texts });
    });
  }

  private stopWhenIdle(): void {
    if (!this.worker || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pumping) return;
      void this.worker?.terminate();
      this.worker = null;
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  /** Writes what was read to the cache file, without the texts the notebook no longer has. */
  private async save(): Promise<void> {
    if (!this.dirty || !this.byHash || this.nb.readOnly) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    const live = new Set(this.nb.unorderedSources().map((s) => s.contentHash));
    for (const hash of this.byHash.keys()) if (!live.has(hash) && !this.queue.has(hash)) this.byHash.delete(hash);
    // A cache: a failed write costs a reading next time, never the notebook.
    await mkdir(dirname(this.file), { recursive: true })
      .then(async () => writeFileDurably(this.file, await serialise(this.byHash!)))
      .catch(() => undefined);
  }

  /** Stops reading (what was read is written first) and the worker. */
  async close(): Promise<void> {
    if (this.laterTimer) clearTimeout(this.laterTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.queue.clear();
    this.closed = true;
    // The batch the worker is on is dropped; the loop then writes what was read before it.
    await this.worker?.terminate();
    this.worker = null;
    while (this.pumping) await new Promise((r) => setTimeout(r, 5));
    this.settle();
  }
}

class WorkerStartError extends Error {}

/** Texts whose names are turned into JSON between two turns of the event loop. */
const SERIALISE_SLICE = 250;

/**
 * The cache file's JSON, made a slice of texts at a time: thousands of texts' names are megabytes
 * of JSON, and one JSON.stringify of them held the app's thread too long (docs/PERFORMANCE.md,
 * Entity suggestions).
 */
async function serialise(byHash: Map<string, Candidate[]>): Promise<string> {
  const parts: string[] = [];
  let i = 0;
  for (const [hash, list] of byHash) {
    parts.push(`${JSON.stringify(hash)}:${JSON.stringify(list)}`);
    if (++i % SERIALISE_SLICE === 0) await new Promise((r) => setImmediate(r));
  }
  return `{"format":${JSON.stringify(CACHE_FORMAT)},"byHash":{${parts.join(',')}}}`;
}

async function readCache(file: string): Promise<Map<string, Candidate[]>> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; byHash?: unknown };
    if (saved.format !== CACHE_FORMAT || !saved.byHash || typeof saved.byHash !== 'object') return new Map();
    return new Map(Object.entries(saved.byHash as Record<string, Candidate[]>).filter(([, list]) => Array.isArray(list)));
  } catch {
    // Missing or damaged: a cache, rebuilt from the texts.
    return new Map();
  }
}
