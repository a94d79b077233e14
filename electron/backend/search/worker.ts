/**
 * A search worker: holds one part of the open notebook's index (its role: source texts, or a
 * shard of the annotations, with the entities) off the thread that serves the API. Messages are applied in order; a
 * search is answered with { id, results } or { id, error }.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchEngine, type EngineRole, type Shard } from '../../../shared/search/engine';
import type { SearchMessage } from './protocol';

const plan = (workerData ?? {}) as { role?: EngineRole; shard?: Shard };
let engine = new SearchEngine(plan.role ?? 'all', plan.shard);

/** Loads a saved index; a missing, damaged or foreign file is simply not used (the index is rebuilt). */
function restore(path: string): ReturnType<SearchEngine['versions']> | null {
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const restored = SearchEngine.restore(snapshot, plan.role ?? 'all', plan.shard);
  if (!restored) return null;
  engine = restored;
  return engine.versions();
}

function save(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(engine.snapshot()));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

parentPort?.on('message', (m: SearchMessage) => {
  try {
    switch (m.type) {
      case 'sources':
        engine.putSources(m.sources);
        break;
      case 'annotations':
        for (const id of m.remove) engine.removeAnnotation(id);
        engine.putAnnotations(m.put);
        break;
      case 'entities':
        engine.setEntities(m.entities);
        break;
      case 'ping':
        parentPort?.postMessage({ id: m.id, results: null });
        break;
      case 'restore':
        parentPort?.postMessage({ id: m.id, results: null, versions: restore(m.path) });
        break;
      case 'keep':
        engine.keepOnly(new Set(m.sourceIds), new Set(m.annotationIds));
        break;
      case 'warm':
        engine.warmUp();
        break;
      case 'save':
        save(m.path);
        parentPort?.postMessage({ id: m.id, results: null });
        break;
      case 'search':
        parentPort?.postMessage({ id: m.id, results: engine.search(m.query, m.options) });
        break;
    }
  } catch (e) {
    if ('id' in m) parentPort?.postMessage({ id: m.id, error: (e as Error)?.message ?? String(e) });
    else console.error('[dossier] search index update failed:', e);
  }
});
