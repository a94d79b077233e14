/**
 * A search worker: holds one part of the open notebook's index (see host.ts) off the thread that
 * serves the API. Messages are applied in order; one with an id is answered with { id, results }
 * or { id, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineHost } from './host';
import type { HostPlan, SearchMessage } from './protocol';

const host = new EngineHost(workerData as HostPlan);
let warming = false;

/** Warm-up queries run one per turn of the event loop, so that a message arriving is handled first. */
function warm(): void {
  warming = true;
  setImmediate(() => {
    let more = false;
    try {
      more = host.warmStep();
    } catch (e) {
      console.error('[dossier] search warm-up failed:', e);
    }
    if (more) warm();
    else warming = false;
  });
}

parentPort?.on('message', (m: SearchMessage) => {
  try {
    const reply = host.handle(m);
    if (reply) parentPort?.postMessage(reply);
    if (m.type === 'warm' && !warming) warm();
  } catch (e) {
    if ('id' in m) parentPort?.postMessage({ id: m.id, error: (e as Error)?.message ?? String(e) });
    else console.error('[dossier] search index update failed:', e);
  }
});
