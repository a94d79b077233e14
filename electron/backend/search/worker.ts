/**
 * The search worker: holds the index of the open notebook off the thread that serves the API.
 * Messages are applied in order; a search is answered with { id, results } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { SearchEngine } from '../../../shared/search/engine';
import type { SearchMessage } from './protocol';

const engine = new SearchEngine();

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
