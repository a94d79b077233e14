/**
 * The search index of the open notebook. Its parts run in engine hosts (host.ts): in worker
 * threads — one for the source texts, one or two for the annotations and entities — so that
 * building it and answering queries never hold up the thread that serves the API; or, for the CLI
 * and where workers cannot start, on this thread. It is built at open from the notebook (texts
 * read a chunk at a time) or loaded from its saved copy in cache/ with only what changed since sent
 * again, and then kept current change by change: every write the notebook makes is passed on as an
 * update of that one source, annotation or entity list — never a rebuild.
 *
 * A part is saved after a first build, and at close once more than 1% of its documents (at least
 * 100) changed since it was saved; fewer changes are sent again at the next open, so an edit never
 * rewrites the whole saved index.
 */
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DossierError } from '../../../shared/api/result';
import { keepsAnnotation, type SearchOptionsIn, type SearchResults } from '../../../shared/search/engine';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Notebook, NotebookChange } from '../store/notebook';
import { annotationVersion, sourceVersion, toSearchAnnotation, toSearchEntities, toSearchSource, toSearchSourceMeta } from './docs';
import { EngineHost } from './host';
import type { HostPlan, SearchMessage, SearchReply, Versions } from './protocol';
import { WORKER_LIMITS, workerScript } from '../worker-script';

export interface SearchIndexOptions {
  /** Run the engine hosts on this thread (the CLI, or where workers cannot start). */
  inThread?: boolean;
  /** The worker's script, where it is not next to this module (the benchmark bundles its own, as the app is built). */
  workerScript?: URL;
}

type Question = Extract<SearchMessage, { id: number }>;
type Asked = { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn } | { type: 'restore'; path: string } | { type: 'save'; path: string };

/** One part of the index at work: in a worker, or a host on this thread. */
interface Peer {
  readonly plan: HostPlan;
  post(message: SearchMessage): void;
  ask(message: Question): Promise<SearchReply>;
  close(): Promise<void>;
}

function localPeer(plan: HostPlan): Peer {
  const host = new EngineHost(plan);
  return {
    plan,
    post: (m) => {
      try {
        host.handle(m);
      } catch (e) {
        console.error('[dossier] search index update failed:', e);
      }
    },
    ask: async (m) => {
      try {
        return host.handle(m)!;
      } catch (e) {
        return { id: m.id, error: (e as Error).message };
      }
    },
    close: async () => undefined,
  };
}

function workerPeer(plan: HostPlan, script: URL, onFailure: (e: Error) => void): Peer {
  const worker = new Worker(script, { workerData: plan, resourceLimits: WORKER_LIMITS });
  const pending = new Map<number, (reply: SearchReply) => void>();
  let closing = false;
  worker.on('message', (m: SearchReply) => {
    const answer = pending.get(m.id);
    pending.delete(m.id);
    answer?.(m);
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', onFailure);
  worker.on('exit', (code) => {
    if (!closing) onFailure(new Error(`a search worker stopped with code ${code}`));
  });
  worker.unref();
  return {
    plan,
    post: (m) => worker.postMessage(m),
    ask: (m) =>
      new Promise<SearchReply>((resolve) => {
        pending.set(m.id, resolve);
        worker.ref();
        worker.postMessage(m);
      }),
    close: async () => {
      closing = true;
      for (const answer of pending.values()) answer({ id: -1, error: 'The notebook was closed.' });
      pending.clear();
      await worker.terminate();
    },
  };
}

/** Puts the parts of an answer together: sources from the first, entities and annotations from the others. */
function merge(parts: SearchResults[], limit: number): SearchResults {
  if (parts.length === 1) return parts[0];
  const [sources, ...shards] = parts;
  const annotations = shards
    .flatMap((p) => p.annotations)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
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
 * The parts: one for the source texts, and the annotations in one more, or split between two
 * where the machine has four cores or more (on two, a third busy thread only adds waiting).
 */
function partPlan(notebookDir: string): HostPlan[] {
  if (process.env.DOSSIER_SEARCH_PLAN === 'one') return [{ role: 'all', shard: { index: 0, count: 1 }, notebookDir }];
  const shards = Number(process.env.DOSSIER_SEARCH_SHARDS) || (cpus().length >= 4 ? 2 : 1);
  return [
    { role: 'sources', shard: { index: 0, count: 1 }, notebookDir },
    ...Array.from({ length: shards }, (_, index) => ({ role: 'annotations' as const, shard: { index, count: shards }, notebookDir })),
  ];
}

/** A part's saved versions by document id (empty for a part that has no saved index). */
function savedVersions(saved: Versions['sources'] | undefined): Map<string, string> {
  const byId = new Map<string, string>();
  if (saved) for (let i = 0; i < saved.ids.length; i++) byId.set(saved.ids[i], saved.versions[i]);
  return byId;
}

export class SearchIndex {
  /** The notebook the index follows (null until attached: see {@link SearchIndex.prepare}). */
  notebook: Notebook | null = null;
  private peers: Peer[] = [];
  /** Each part's answer to loading its saved index, asked as soon as the index exists. */
  private restoring: Promise<SearchReply>[] = [];
  /** Per part: documents changed since its saved copy was written (Infinity: it has none). */
  private unsaved: number[] = [];
  private local: boolean;
  private nextId = 1;
  /** Updates in the order they happened; reading a source's text must not let a later update overtake it. */
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private closed = false;
  private markReady: () => void = () => undefined;
  private failReady: (e: unknown) => void = () => undefined;
  /** Resolves when the index holds the whole notebook as it was opened. */
  readonly ready: Promise<void>;
  /** Sources left out because their text could not be read. */
  readonly unreadable: string[] = [];
  /** For each part, whether it started from its saved index (true) or was built (false). */
  readonly restored: boolean[] = [];
  private saving: Promise<void> = Promise.resolve();

  /** The index of an open notebook, built or loaded at once. */
  constructor(notebook: Notebook, options?: SearchIndexOptions);
  constructor(folder: string, options?: SearchIndexOptions);
  constructor(notebookOrFolder: Notebook | string, options: SearchIndexOptions = {}) {
    const dir = typeof notebookOrFolder === 'string' ? notebookOrFolder : notebookOrFolder.paths.dir;
    this.local = options.inThread === true;
    const plans = partPlan(dir);
    this.peers = this.local ? plans.map(localPeer) : plans.map((plan) => workerPeer(plan, options.workerScript ?? workerScript('search-worker'), (e) => this.fallBack(e)));
    this.unsaved = plans.map(() => Infinity);
    this.restoring = this.peers.map((peer) => this.ask(peer, { type: 'restore', path: this.savedPath(peer.plan) }));
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    // A failed build is logged by the update chain; whoever awaits `ready` hears of it too.
    this.ready.catch(() => undefined);
    if (typeof notebookOrFolder !== 'string') this.attach(notebookOrFolder);
  }

  /**
   * Starts the index of a notebook folder before the notebook is open: its workers start and load
   * their saved parts while the notebook reads its files; {@link attach} then sends what changed.
   */
  static prepare(folder: string, options: SearchIndexOptions = {}): SearchIndex {
    return new SearchIndex(folder, options);
  }

  /** Follows an open notebook (of the folder the index was prepared for): the build starts now. */
  attach(notebook: Notebook): this {
    if (this.notebook) throw new Error('this search index already follows a notebook');
    this.notebook = notebook;
    // Changes made while the index is being built queue behind the build.
    this.unsubscribe = notebook.onChange((change) => this.enqueue(() => this.apply(change)));
    this.enqueue(() => this.build()).then(this.markReady, this.failReady);
    return this;
  }

  private get nb(): Notebook {
    if (!this.notebook) throw new DossierError('NO_NOTEBOOK', 'The search index has no notebook yet.');
    return this.notebook;
  }

  /** A worker failed: run the parts on this thread, loaded or rebuilt from the notebook, and answer what was waiting meanwhile. */
  private fallBack(error: Error): void {
    if (this.closed || this.local) return;
    console.error(`[dossier] the search workers failed (${error.message}); searching on the main thread.`);
    this.local = true;
    const failed = this.peers;
    this.peers = failed.map((p) => localPeer(p.plan));
    this.unsaved = this.peers.map(() => Infinity);
    this.restoring = this.peers.map((peer) => this.ask(peer, { type: 'restore', path: this.savedPath(peer.plan) }));
    for (const p of failed) void p.close();
    if (this.notebook) void this.enqueue(() => this.build());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch((e: unknown) => console.error('[dossier] search index update failed:', e));
    return run;
  }

  private post(message: SearchMessage): void {
    for (const p of this.peers) p.post(message);
  }

  private async ask(peer: Peer, message: Asked): Promise<SearchReply> {
    return peer.ask({ ...message, id: this.nextId++ } as Question);
  }

  /** Where a part's index is saved: in the notebook's cache folder, which only ever holds what can be rebuilt. */
  private savedPath(plan: HostPlan, extension = 'bin'): string {
    return join(plan.notebookDir, 'cache', `search-${plan.role}-${plan.shard.index + 1}of${plan.shard.count}.${extension}`);
  }

  /** How many changed documents make a part worth writing again: 1% of the notebook's documents, at least 100. */
  private saveThreshold(): number {
    let documents = 0;
    for (const s of this.nb.unorderedSources()) documents += 1 + this.nb.listAnnotations(s.id).length;
    return Math.max(100, documents / 100);
  }

  /** Saves the parts that have no saved copy, or whose changes since reached the threshold. */
  private async saveChanged(): Promise<void> {
    // A notebook open read-only keeps its index in memory only.
    if (this.notebook?.readOnly) return;
    const threshold = this.saveThreshold();
    await Promise.all(
      this.peers.map(async (peer, i) => {
        if (this.unsaved[i] < threshold) return;
        const before = this.unsaved[i];
        this.unsaved[i] = 0;
        const reply = await this.ask(peer, { type: 'save', path: this.savedPath(peer.plan) });
        if ('error' in reply) {
          this.unsaved[i] = before;
          console.error('[dossier] could not save the search index:', reply.error);
          return;
        }
        // The JSON copies of an earlier version of Dossier are of no more use.
        await rm(this.savedPath(peer.plan, 'json'), { force: true });
      }),
    );
  }

  private async request(message: { type: 'ping' } | { type: 'search'; query: string; options: SearchOptionsIn }): Promise<SearchResults | null> {
    const peers = this.peers;
    const replies = await Promise.all(peers.map((p) => this.ask(p, message)));
    const failed = replies.find((r) => 'error' in r);
    if (failed && 'error' in failed) {
      if (this.closed) throw new DossierError('NO_NOTEBOOK', 'The notebook was closed.');
      if (this.peers !== peers) return null; // the workers failed meanwhile: the caller asks again
      throw new DossierError('INTERNAL', `The search could not be answered: ${failed.error}`);
    }
    if (message.type === 'ping') return null;
    return merge(
      replies.map((r) => (r as { results: SearchResults }).results),
      message.options.limit ?? 20,
    );
  }

  private async build(): Promise<void> {
    // Each part loads its saved index, if any, and is sent only what changed since.
    const peers = this.peers;
    const notebook = this.nb;
    const restoring = this.restoring;
    const summaries = notebook.unorderedSources();
    const annotations = summaries.flatMap((s) => notebook.listAnnotations(s.id));
    const liveSources = new Set(summaries.map((s) => s.id));
    const liveAnnotations = new Map(annotations.map((a) => [a.id, a]));
    const entities = toSearchEntities(notebook.entities);
    // Fingerprinted while the workers are still loading their saved parts (the wait is theirs, not this thread's).
    const sourceVersions = summaries.map(sourceVersion);
    const annotationVersions = annotations.map(annotationVersion);
    await Promise.all(
      peers.map(async (peer, i) => {
        const { plan } = peer;
        const reply = await restoring[i];
        const saved: Versions | null = 'versions' in reply ? (reply.versions ?? null) : null;
        this.restored[i] = saved !== null;
        const savedSources = savedVersions(saved?.sources);
        const staleSources = summaries.filter((s, k) => savedSources.get(s.id) !== sourceVersions[k]);
        const savedAnnotations = savedVersions(saved?.annotations);
        const staleAnnotations: Annotation[] = [];
        annotations.forEach((a, k) => {
          if (!keepsAnnotation(a, plan.role, plan.shard)) return;
          if (savedAnnotations.get(a.id) !== annotationVersions[k]) staleAnnotations.push(a);
        });
        // What the saved part has and should not (usually nothing): named, rather than every id the notebook has sent.
        const goneSources = saved ? saved.sources.ids.filter((id) => !liveSources.has(id)) : [];
        const goneAnnotations = saved
          ? saved.annotations.ids.filter((id) => {
              const a = liveAnnotations.get(id);
              // Gone, or no longer this part's (the sources part keeps only annotations linked to entities).
              return !a || !keepsAnnotation(a, plan.role, plan.shard);
            })
          : [];
        if (goneSources.length + goneAnnotations.length > 0) peer.post({ type: 'remove', sourceIds: goneSources, annotationIds: goneAnnotations });
        peer.post({ type: 'entities', entities });
        for (let at = 0; at < staleSources.length; at += 100) {
          if (this.closed || this.peers !== peers) return;
          const part = staleSources.slice(at, at + 100);
          // The annotations' part needs a source's metadata, never its text.
          const sources =
            plan.role === 'annotations'
              ? part.map(toSearchSourceMeta)
              : (await Promise.all(part.map((s) => notebook.getSource(s.id).catch(() => null)))).flatMap((s, j) => (s ? [toSearchSource(s)] : (this.unreadable.push(part[j].title), [])));
          peer.post({ type: 'sources', sources });
        }
        for (let at = 0; at < staleAnnotations.length; at += 2000) peer.post({ type: 'annotations', put: staleAnnotations.slice(at, at + 2000).map(toSearchAnnotation), remove: [] });
        this.unsaved[i] = saved ? staleSources.length + staleAnnotations.length + goneSources.length + goneAnnotations.length : Infinity;
      }),
    );
    if (this.peers !== peers) return;
    await this.request({ type: 'ping' });
    this.unreadable.splice(0, this.unreadable.length, ...new Set(this.unreadable));
    // Each kind of query is compiled before the reader's first search (it runs before the save).
    this.post({ type: 'warm' });
    // A saved index makes the next open fast; saving runs in the workers, after the build.
    this.saving = this.saveChanged();
  }

  private async apply(change: NotebookChange): Promise<void> {
    // The fact sheet's notes are not searched.
    if (this.closed || change.kind === 'factsheet' || change.kind === 'name') return;
    const notebook = this.nb;
    if (change.kind === 'entities') {
      this.post({ type: 'entities', entities: toSearchEntities(notebook.entities) });
      return;
    }
    if (change.kind === 'sources-added') {
      const sources = await Promise.all(change.sourceIds.map((id) => notebook.getSource(id).catch(() => null)));
      this.post({ type: 'sources', sources: sources.filter((s) => s !== null).map(toSearchSource) });
      this.countChanges(change.sourceIds.length);
      return;
    }
    const { before, after } = change;
    let changed = 0;
    if (
      before.source.contentHash !== after.source.contentHash ||
      before.source.title !== after.source.title ||
      before.source.outlet !== after.source.outlet ||
      before.source.published !== after.source.published
    ) {
      const source = await notebook.getSource(after.source.id).catch(() => null);
      if (source) this.post({ type: 'sources', sources: [toSearchSource(source)] });
      changed++;
    }
    const kept = new Set(after.annotations.map((a) => a.id));
    const old = new Map(before.annotations.map((a) => [a.id, a]));
    const put = after.annotations.filter((a) => old.get(a.id) !== a).map(toSearchAnnotation);
    const remove = before.annotations.filter((a) => !kept.has(a.id)).map((a) => a.id);
    this.post({ type: 'annotations', put, remove });
    this.countChanges(changed + put.length + remove.length);
  }

  private countChanges(n: number): void {
    for (let i = 0; i < this.unsaved.length; i++) this.unsaved[i] += n;
  }

  /** Answers a query once the index is built; changes made before the call are included. */
  async search(query: string, options: SearchOptionsIn = {}): Promise<SearchResults> {
    if (this.closed || !this.notebook) throw new DossierError('NO_NOTEBOOK', 'The notebook was closed.');
    await this.chain;
    const results = await this.request({ type: 'search', query, options });
    if (results) return results;
    // A worker failed mid-query: the parts now run here and have been loaded again.
    await this.chain;
    return (await this.request({ type: 'search', query, options }))!;
  }

  /** Waits for every change made so far to reach the index, and for a save under way (for tests and benchmarks). */
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
    // The index is saved now if enough changed since its saved copy, so the next open loads it.
    await this.chain.catch(() => undefined);
    await this.saving.catch(() => undefined);
    if (this.notebook) await this.saveChanged().catch((e: unknown) => console.error('[dossier] could not save the search index:', e));
    this.closed = true;
    await Promise.all(this.peers.map((p) => p.close()));
    this.peers = [];
  }
}
