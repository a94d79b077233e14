// Development bootstrap of the names worker: registers tsx in this worker thread, then loads the
// TypeScript worker. A bundled host uses the built names-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./names-worker.ts');
