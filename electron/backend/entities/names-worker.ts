/**
 * The names worker: reads the names in source texts (candidates.ts) off the thread that answers
 * the app. Receives { id, texts } and answers { id, ok: true, found } with one list per text, or
 * { id, ok: false, message }.
 */
import { parentPort } from 'node:worker_threads';
import nlp from 'compromise';
import { candidatesIn } from './candidates';

parentPort?.on('message', (task: { id: number; texts: string[] }) => {
  try {
    parentPort?.postMessage({ id: task.id, ok: true, found: task.texts.map((text) => candidatesIn(text, nlp)) });
  } catch (e) {
    parentPort?.postMessage({ id: task.id, ok: false, message: (e as Error)?.message ?? String(e) });
  }
});
