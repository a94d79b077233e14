/**
 * The import worker: runs extractDocument off the thread that serves the API. Receives
 * { id, fileName, bytes } and answers { id, ok: true, doc } or { id, ok: false, importError, message }.
 */
import { parentPort } from 'node:worker_threads';
import { ImportError } from './errors';
import { extractDocument } from './extract';

parentPort?.on('message', (task: { id: number; fileName: string; bytes: Uint8Array }) => {
  void extractDocument(task.fileName, task.bytes).then(
    (doc) => parentPort?.postMessage({ id: task.id, ok: true, doc }),
    (e: unknown) => parentPort?.postMessage({ id: task.id, ok: false, importError: e instanceof ImportError, message: (e as Error)?.message ?? String(e) }),
  );
});
