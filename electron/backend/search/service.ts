/**
 * The search index of the open notebook. It lives in worker threads — one for the source texts,
 * one or two for the annotations and entities — so that building it and answering queries never
 * hold up the thread that serves the API, and the costly parts of a query run at the same time.
 * It is built at open from the notebook (texts read a chunk at a time) and then kept current
 * change by change: every write the notebook makes is passed on as an update of that one source,
 * annotation or entity list — never a rebuild. Where workers cannot start, one engine runs on
 * this thread.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DossierError } from '../../../shared/api/result';
import { keepsAnnotationsOf, SearchEngine, type EngineRole, type SearchOptionsIn, type SearchResults, type Shard } from '../../../shared/search/engine';
import type { Notebook, NotebookChange } from '../store/notebook';
import { annotationVersion, readSearchDocs, sourceVersion, toSearchAnnotation, toSearchEntities, toSearchSource, toSearchSourceMeta } from './docs';
import type { SearchMessage, SearchReply } from './protocol';
import { workerScript } from '../worker-script';

export interface SearchIndexOptions {
  /** Run the engine on this thread (the CLI, or where workers cannot start). */
  inThread?: boolean;
  /** The worker's script, where it is not next to this module (the benchmark bundles its own, as the app is built). */
  workerScript?: URL;
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
  /** Each worker's role and shard, and whether its index changed since it was last saved. */
  private plans: { role: EngineRole; shard: Shard; dirty: boolean }[] = [];
  private engine: SearchEngine | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: SearchResults | null): void; reject(e: Error): void }>();
  /** The document versions a worker answered a restore with, by request id. */
  private readonly lastVersions = new Map<number, { sources: [string, string][]; annotations: [string, string][] } | null>();
  /** Updates in the order they happened; reading a source's text must not let a later update overtake it. */
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Resolves when the index holds the whole notebook as it was opened. */
  readonly ready: Promise<void>;
  /** Sources left out because their text could not be read. */
  readonly unreadable: string[] = [];
  /** For each worker, whether it started from its saved index (true) or built it (false). */
  readonly restored: boolean[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly notebook: Notebook,
    options: SearchIndexOptions = {},
  ) {
    if (options.inThread) this.engine = new SearchEngine();
    else this.startWorker(options.workerScript ?? workerScript('search-worker'));
    // Changes made while the index is being built queue behind the build.
    this.unsubscribe = notebook.onChange((change) => this.enqueue(() => this.apply(change)));
    this.ready = this.enqueue(() => this.build());
  }

  private startWorker(script: URL): void {
    this.plans = workerPlan().map((p) => ({ ...p, dirty: false }));
    this.workers = this.plans.map(({ role, shard }) => {
      const worker = new Worker(script, { workerData: { role, shard } });
      worker.on('message', (m: SearchReply) => {
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        this.pending.delete(m.id);
        if ('error' in m) waiting.reject(new Error(m.error));
        else {
          if ('versions' in m) this.lastVersions.set(m.id, m.versions ?? null);
          waiting.resolve(m.results);
        }
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
  private ask(worker: Worker, message: { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn } | { type: 'restore'; path: string } | { type: 'save'; path: string }): Promise<SearchResults | null> {
    const id = this.nextId++;
    return new Promise<SearchResults | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    }).finally(() => {
      if (this.pending.size === 0) for (const w of this.workers) w.unref();
    });
  }

  /** Asks one worker to load its saved index; the versions of what it holds, or null when there was none to use. */
  private async restoreIn(worker: Worker, path: string): Promise<{ sources: [string, string][]; annotations: [string, string][] } | null> {
    const id = this.nextId;
    await this.ask(worker, { type: 'restore', path });
    const versions = this.lastVersions.get(id) ?? null;
    this.lastVersions.delete(id);
    return versions;
  }

  /** Where a worker's index is saved: in the notebook's cache folder, which only ever holds what can be rebuilt. */
  private snapshotPath(i: number): string {
    const { role, shard } = this.plans[i];
    return join(this.notebook.paths.dir, 'cache', `search-${role}-${shard.index + 1}of${shard.count}.json`);
  }

  /** Saves the indexes that changed since they were last saved (at close, and after a build). */
  private async saveDirty(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w, i) => {
        if (!this.plans[i]?.dirty) return;
        this.plans[i].dirty = false;
        await this.ask(w, { type: 'save', path: this.snapshotPath(i) }).catch((e: unknown) => console.error('[dossier] could not save the search index:', e));
      }),
    );
  }

  private async request(message: { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn }): Promise<SearchResults | null> {
    if (this.engine) return message.type === 'search' ? this.engine.search(message.query, message.options) : null;
    const workers = this.workers;
    const parts = await Promise.all(workers.map((w) => this.ask(w, message)));
    if (message.type === 'ping' || parts.some((p) => p === null)) return null;
    return merge(parts as SearchResults[], message.options.limit ?? 20);
  }

  private async build(): Promise<void> {
    if (this.engine) return this.buildAll();
    // Each worker loads its saved index, if any, and is sent only what changed since.
    const summaries = this.notebook.listSources();
    const annotations = summaries.flatMap((s) => this.notebook.listAnnotations(s.id));
    const sourceIds = summaries.map((s) => s.id);
    const annotationIds = annotations.map((a) => a.id);
    const entities = toSearchEntities(this.notebook.entities);
    await Promise.all(
      this.workers.map(async (worker, i) => {
        const plan = this.plans[i];
        const saved = await this.restoreIn(worker, this.snapshotPath(i));
        this.restored[i] = saved !== null;
        const have = { sources: new Map(saved?.sources ?? []), annotations: new Map(saved?.annotations ?? []) };
        if (saved) worker.postMessage({ type: 'keep', sourceIds, annotationIds } satisfies SearchMessage);
        worker.postMessage({ type: 'entities', entities } satisfies SearchMessage);
        const staleSources = summaries.filter((s) => have.sources.get(s.id) !== sourceVersion(s));
        const staleAnnotations = annotations.filter((a) => keepsAnnotationsOf(a.sourceId, plan.role, plan.shard) && have.annotations.get(a.id) !== annotationVersion(a));
        for (let at = 0; at < staleSources.length; at += 100) {
          if (this.closed) return;
          const part = staleSources.slice(at, at + 100);
          // The annotations' part of the index needs a source's metadata, never its text.
          const sources =
            plan.role === 'annotations'
              ? part.map(toSearchSourceMeta)
              : (await Promise.all(part.map((s) => this.notebook.getSource(s.id).catch(() => null)))).flatMap((s, j) => (s ? [toSearchSource(s)] : (this.unreadable.push(part[j].title), [])));
          worker.postMessage({ type: 'sources', sources } satisfies SearchMessage);
        }
        for (let at = 0; at < staleAnnotations.length; at += 2000) {
          worker.postMessage({ type: 'annotations', put: staleAnnotations.slice(at, at + 2000).map(toSearchAnnotation), remove: [] } satisfies SearchMessage);
        }
        const kept = annotations.filter((a) => keepsAnnotationsOf(a.sourceId, plan.role, plan.shard)).length;
        const removed = saved ? saved.sources.length !== summaries.length || saved.annotations.length !== kept : false;
        plan.dirty = !saved || removed || staleSources.length + staleAnnotations.length > 0;
      }),
    );
    await this.request({ type: 'ping' });
    this.unreadable.splice(0, this.unreadable.length, ...new Set(this.unreadable));
    // Each kind of query is compiled before the reader's first search (it runs before the save).
    this.post({ type: 'warm' });
    // A saved index makes the next open fast; saving runs in the workers, after the build.
    this.saving = this.saveDirty();
  }

  /** Builds the in-thread engine from the whole notebook. */
  private async buildAll(): Promise<void> {
    this.post({ type: 'entities', entities: toSearchEntities(this.notebook.entities) });
    for await (const { sources, annotations, unreadable } of readSearchDocs(this.notebook)) {
      if (this.closed) return;
      this.post({ type: 'sources', sources });
      this.post({ type: 'annotations', put: annotations, remove: [] });
      this.unreadable.push(...unreadable);
    }
  }

  private async apply(change: NotebookChange): Promise<void> {
    // The fact sheet's notes are not searched.
    if (this.closed || change.kind === 'factsheet') return;
    for (const p of this.plans) p.dirty = true;
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
    await this.saving;
  }

  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.unsubscribe();
    // What changed since the index was saved is saved now, so the next open loads it.
    await this.chain.catch(() => undefined);
    if (!this.engine) await this.saveDirty();
    this.closed = true;
    for (const w of this.pending.values()) w.reject(new DossierError('NO_NOTEBOOK', 'The notebook was closed.'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
