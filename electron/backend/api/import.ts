/** Handlers of the `import:` namespace. */
import type { DossierApp } from '../app';
import { fetchForImport } from '../import/fetch-url';
import { ImportError } from '../import/errors';
import { importPaths } from '../import/pipeline';
import { DossierError } from '../../../shared/api/result';
import type { Handlers } from './dispatch';

/** Files read and stored together: reading queues in the pool, writing overlaps fsyncs. */
const IMPORT_BATCH = 16;

/** Builds the `import:` handlers over a running app. */
export function importHandlers(
  app: DossierApp,
): Pick<Handlers, 'import:paths' | 'import:start' | 'import:status' | 'import:cancel' | 'import:commit' | 'import:url' | 'import:paste' | 'import:upload'> {
  return {
    'import:paths': async ({ paths }) => {
      const pool = await app.extractor();
      return importPaths(app.requireWritable(), paths, { extract: (name, bytes) => pool.extract(name, bytes), concurrency: IMPORT_BATCH });
    },
    'import:start': async ({ paths }) => ({ jobId: (await app.importJobs()).start(app.requireWritable(), paths) }),
    'import:status': async ({ jobId }) => (await app.importJobs()).status(jobId, app.requireNotebook()),
    'import:cancel': async ({ jobId }) => (await app.importJobs()).cancel(jobId, app.requireNotebook()),
    'import:commit': async ({ jobId, decisions }) => ({ outcomes: await (await app.importJobs()).commit(jobId, app.requireNotebook(), decisions) }),
    'import:url': async ({ url }) => {
      const nb = app.requireWritable();
      let page;
      try {
        page = await fetchForImport(url);
      } catch (e) {
        throw e instanceof ImportError ? new DossierError('IO_ERROR', e.message) : e;
      }
      return { jobId: (await app.importJobs()).startItems(nb, [{ name: page.name, bytes: page.bytes, origin: { method: 'url', fileName: null, url: page.url } }]) };
    },
    'import:paste': async ({ text }) => ({
      jobId: (await app.importJobs()).startItems(app.requireWritable(), [{ name: 'pasted.txt', bytes: new TextEncoder().encode(text), origin: { method: 'paste', fileName: null } }]),
    }),
    'import:upload': async ({ files }) => ({
      jobId: (await app.importJobs()).startItems(
        app.requireWritable(),
        files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })),
      ),
    }),
  };
}
