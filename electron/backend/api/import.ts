/** Handlers of the `import:` namespace. */
import type { DossierApp } from '../app';
import { importPaths } from '../import/pipeline';
import type { Handlers } from './dispatch';

/** Files read and stored together: reading queues in the pool, writing overlaps fsyncs. */
const IMPORT_BATCH = 16;

/** Builds the `import:` handlers over a running app. */
export function importHandlers(app: DossierApp): Pick<Handlers, 'import:paths' | 'import:start' | 'import:status' | 'import:cancel' | 'import:commit'> {
  return {
    'import:paths': ({ paths }) => {
      const pool = app.extractor;
      return importPaths(app.requireNotebook(), paths, { extract: (name, bytes) => pool.extract(name, bytes), concurrency: IMPORT_BATCH });
    },
    'import:start': ({ paths }) => ({ jobId: app.importJobs.start(app.requireNotebook(), paths) }),
    'import:status': ({ jobId }) => app.importJobs.status(jobId, app.requireNotebook()),
    'import:cancel': ({ jobId }) => app.importJobs.cancel(jobId, app.requireNotebook()),
    'import:commit': async ({ jobId, decisions }) => ({ outcomes: await app.importJobs.commit(jobId, app.requireNotebook(), decisions) }),
  };
}
