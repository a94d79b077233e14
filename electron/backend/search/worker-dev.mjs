// Development bootstrap of the search worker: registers tsx in this worker thread, then loads the
// TypeScript worker. A bundled host uses the built search-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
