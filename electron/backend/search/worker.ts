/**
 * A search worker: holds one part of the open notebook's index (its role: source texts, or a
 * shard of the annotations, with the entities) off the thread that serves the API. Messages are applied in order; a
 * search is answered with { id, results } or { id, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchEngine, type EngineRole, type Shard } from '../../../shared/search/engine';
import type { SearchMessage } from './protocol';

const plan = (workerData ?? {}) as { role?: EngineRole; shard?: Shard };
const engine = new SearchEngine(plan.role ?? 'all', plan.shard);

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
      case 'search':
        parentPort?.postMessage({ id: m.id, results: engine.search(m.query, m.options) });
        break;
    }
  } catch (e) {
    if ('id' in m) parentPort?.postMessage({ id: m.id, error: (e as Error)?.message ?? String(e) });
    else console.error('[dossier] search index update failed:', e);
  }
});
