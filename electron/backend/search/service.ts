/**
 * The search index of the open notebook. It lives in worker threads — one for the source texts,
 * one or two for the annotations and entities — so that building it and answering queries never
 * hold up the thread that serves the API, and the costly parts of a query run at the same time.
 * It is built at open from the notebook (texts read a chunk at a time) and then kept current
 * change by change: every write the notebook makes is passed on as an update of that one source,
 * annotation or entity list — never a rebuild. Where workers cannot start, one engine runs on
 * this thread.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DossierError } from '../../../shared/api/result';
import { SearchEngine, type EngineRole, type SearchOptionsIn, type SearchResults, type Shard } from '../../../shared/search/engine';
import type { Notebook, NotebookChange } from '../store/notebook';
import { readSearchDocs, toSearchAnnotation, toSearchEntities, toSearchSource } from './docs';
import type { SearchMessage, SearchReply } from './protocol';

function workerScript(): URL {
  const built = new URL('./search-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./worker-dev.mjs', import.meta.url);
}

export interface SearchIndexOptions {
  /** Run the engine on this thread (the CLI, or where workers cannot start). */
  inThread?: boolean;
}

/** Puts the parts of an answer together: sources from the first, entities and annotations from the others. */
function merge(parts: SearchResults[], limit: number): SearchResults {
  if (parts.length === 1) return parts[0];
  const [sources, ...shards] = parts;
  const annotations = shards.flatMap((p) => p.annotations).sort((a, b) => b.score - a.score).slice(0, limit);
  return {
    query: sources.query,
    entities: shards[0].entities,
    annotations,
    sources: sources.sources,
    totals: { entities: shards[0].totals.entities, annotations: shards.reduce((n, p) => n + p.totals.annotations, 0), sources: sources.totals.sources, more: sources.totals.more },
    problems: [...new Set(parts.flatMap((p) => p.problems))],
  };
}

/**
 * The workers: one for the source texts, and the annotations in one more, or split between two
 * where the machine has four cores or more (on two, a third busy thread only adds waiting).
 */
function workerPlan(): { role: EngineRole; shard: Shard }[] {
  if (process.env.DOSSIER_SEARCH_PLAN === 'one') return [{ role: 'all', shard: { index: 0, count: 1 } }];
  const shards = Number(process.env.DOSSIER_SEARCH_SHARDS) || (cpus().length >= 4 ? 2 : 1);
  return [{ role: 'sources', shard: { index: 0, count: 1 } }, ...Array.from({ length: shards }, (_, index) => ({ role: 'annotations' as const, shard: { index, count: shards } }))];
}

export class SearchIndex {
  private workers: Worker[] = [];
  private engine: SearchEngine | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: SearchResults | null): void; reject(e: Error): void }>();
  /** Updates in the order they happened; reading a source's text must not let a later update overtake it. */
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Resolves when the index holds the whole notebook as it was opened. */
  readonly ready: Promise<void>;
  /** Sources left out because their text could not be read. */
  readonly unreadable: string[] = [];

  constructor(
    readonly notebook: Notebook,
    options: SearchIndexOptions = {},
  ) {
    if (options.inThread) this.engine = new SearchEngine();
    else this.startWorker();
    // Changes made while the index is being built queue behind the build.
    this.unsubscribe = notebook.onChange((change) => this.enqueue(() => this.apply(change)));
    this.ready = this.enqueue(() => this.build());
  }

  private startWorker(): void {
    this.workers = workerPlan().map(({ role, shard }) => {
      const worker = new Worker(workerScript(), { workerData: { role, shard } });
      worker.on('message', (m: SearchReply) => {
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        this.pending.delete(m.id);
        if ('error' in m) waiting.reject(new Error(m.error));
        else waiting.resolve(m.results);
      });
      worker.on('error', (e) => this.fallBack(e));
      worker.on('exit', (code) => {
        if (!this.closed && this.workers.includes(worker)) this.fallBack(new Error(`a search worker stopped with code ${code}`));
      });
      worker.unref();
      return worker;
    });
  }

  /** A worker failed: run one engine here, rebuilt from the notebook, and answer what was waiting. */
  private fallBack(error: Error): void {
    if (this.closed || this.engine) return;
    console.error(`[dossier] the search workers failed (${error.message}); searching on the main thread.`);
    for (const w of this.workers) void w.terminate();
    this.workers = [];
    this.engine = new SearchEngine();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    const rebuilt = this.enqueue(() => this.build());
    for (const w of waiting) rebuilt.then(() => w.resolve(null), w.reject);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch((e: unknown) => console.error('[dossier] search index update failed:', e));
    return run;
  }

  private post(message: SearchMessage): void {
    if (this.engine) {
      const m = message;
      if (m.type === 'sources') this.engine.putSources(m.sources);
      else if (m.type === 'annotations') {
        for (const id of m.remove) this.engine.removeAnnotation(id);
        this.engine.putAnnotations(m.put);
      } else if (m.type === 'entities') this.engine.setEntities(m.entities);
      return;
    }
    for (const w of this.workers) w.postMessage(message);
  }

  /** Asks one worker; resolves null when the workers failed meanwhile (the caller asks again). */
  private ask(worker: Worker, message: { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn }): Promise<SearchResults | null> {
    const id = this.nextId++;
    return new Promise<SearchResults | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    }).finally(() => {
      if (this.pending.size === 0) for (const w of this.workers) w.unref();
    });
  }

  private async request(message: { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn }): Promise<SearchResults | null> {
    if (this.engine) return message.type === 'search' ? this.engine.search(message.query, message.options) : null;
    const workers = this.workers;
    const parts = await Promise.all(workers.map((w) => this.ask(w, message)));
    if (message.type === 'ping' || parts.some((p) => p === null)) return null;
    return merge(parts as SearchResults[], message.options.limit ?? 20);
  }

  private async build(): Promise<void> {
    this.post({ type: 'entities', entities: toSearchEntities(this.notebook.entities) });
    for await (const { sources, annotations, unreadable } of readSearchDocs(this.notebook)) {
      if (this.closed) return;
      this.post({ type: 'sources', sources });
      this.post({ type: 'annotations', put: annotations, remove: [] });
      this.unreadable.push(...unreadable);
    }
    await this.request({ type: 'ping' });
  }

  private async apply(change: NotebookChange): Promise<void> {
    if (this.closed) return;
    if (change.kind === 'entities') {
      this.post({ type: 'entities', entities: toSearchEntities(this.notebook.entities) });
      return;
    }
    if (change.kind === 'sources-added') {
      const sources = await Promise.all(change.sourceIds.map((id) => this.notebook.getSource(id).catch(() => null)));
      this.post({ type: 'sources', sources: sources.filter((s) => s !== null).map(toSearchSource) });
      return;
    }
    const { before, after } = change;
    if (before.source.contentHash !== after.source.contentHash || before.source.title !== after.source.title || before.source.outlet !== after.source.outlet || before.source.published !== after.source.published) {
      const source = await this.notebook.getSource(after.source.id).catch(() => null);
      if (source) this.post({ type: 'sources', sources: [toSearchSource(source)] });
    }
    const kept = new Set(after.annotations.map((a) => a.id));
    const old = new Map(before.annotations.map((a) => [a.id, a]));
    this.post({
      type: 'annotations',
      put: after.annotations.filter((a) => old.get(a.id) !== a).map(toSearchAnnotation),
      remove: before.annotations.filter((a) => !kept.has(a.id)).map((a) => a.id),
    });
  }

  /** Answers a query once the index is built; changes made before the call are included. */
  async search(query: string, options: SearchOptionsIn = {}): Promise<SearchResults> {
    if (this.closed) throw new DossierError('NO_NOTEBOOK', 'The notebook was closed.');
    await this.chain;
    const results = await this.request({ type: 'search', query, options });
    if (results) return results;
    // A worker failed mid-query: the engine now runs here and has been rebuilt.
    await this.chain;
    return this.engine!.search(query, options);
  }

  /** Waits for every change made so far to reach the index (for tests and benchmarks). */
  async settled(): Promise<void> {
    await this.chain;
    await this.request({ type: 'ping' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const w of this.pending.values()) w.reject(new DossierError('NO_NOTEBOOK', 'The notebook was closed.'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
