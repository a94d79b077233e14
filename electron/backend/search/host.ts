/**
 * One part of the search index at work: an engine of a role and shard, fed the notebook's changes,
 * answering searches, loading and saving its part of the saved index, reading the texts it shows
 * from the notebook's files. A search worker runs one (worker.ts); the CLI, or a machine where
 * workers cannot start, runs them on its own thread.
 */
import { SearchEngine } from '../../../shared/search/engine';
import { readSnapshot, writeSnapshot } from './persist';
import type { HostPlan, SearchMessage, SearchReply } from './protocol';
import { notebookTextReader } from './texts';

export class EngineHost {
  private engine: SearchEngine;
  private readonly reader: ReturnType<typeof notebookTextReader>;
  /** Warm-up queries not run yet: one at a time between messages (see {@link warmStep}). */
  private warming: ReturnType<SearchEngine['warmUpQueries']> = [];

  constructor(readonly plan: HostPlan) {
    this.reader = notebookTextReader(plan.notebookDir);
    this.engine = new SearchEngine(plan.role, plan.shard, this.reader);
  }

  /** Applies a message; answers those that carry an id. Throws what the engine throws. */
  handle(m: SearchMessage): SearchReply | null {
    switch (m.type) {
      case 'sources':
        this.engine.putSources(m.sources);
        return null;
      case 'annotations':
        for (const id of m.remove) this.engine.removeAnnotation(id);
        this.engine.putAnnotations(m.put);
        return null;
      case 'entities':
        this.engine.setEntities(m.entities);
        return null;
      case 'remove':
        for (const id of m.annotationIds) this.engine.removeAnnotation(id);
        for (const id of m.sourceIds) this.engine.removeSource(id);
        return null;
      case 'warm':
        // Queued, not run: a search arriving meanwhile must not wait for the whole warm-up.
        this.warming = this.engine.warmUpQueries();
        return null;
      case 'ping':
        return { id: m.id, results: null };
      case 'restore': {
        // A missing, damaged or foreign file is simply not used: the index is built from the notebook.
        const restored = SearchEngine.restore(readSnapshot(m.path), this.plan.role, this.plan.shard, this.reader);
        if (restored) this.engine = restored;
        return { id: m.id, results: null, versions: restored ? restored.versions() : null };
      }
      case 'save':
        writeSnapshot(m.path, this.engine.snapshot());
        return { id: m.id, results: null };
      case 'search':
        return { id: m.id, results: this.engine.search(m.query, m.options) };
    }
  }

  /**
   * Runs the next warm-up query; true while more remain. A worker calls it between messages, so a
   * search waits at most for one cheap query; a host on the calling thread never does (the CLI
   * asks one query, and the API thread is not to be held up).
   */
  warmStep(): boolean {
    const next = this.warming.shift();
    if (next) this.engine.search(next.query, next.options);
    return this.warming.length > 0;
  }
}
