/** Handlers of the `import:` namespace. */
import type { DossierApp } from '../app';
import { importPaths } from '../import/pipeline';
import type { Handlers } from './dispatch';

/** Builds the `import:` handlers over a running app. */
export function importHandlers(app: DossierApp): Pick<Handlers, 'import:paths'> {
  return {
    'import:paths': ({ paths }) => {
      const pool = app.extractor;
      return importPaths(app.requireNotebook(), paths, { extract: (name, bytes) => pool.extract(name, bytes), concurrency: pool.size });
    },
  };
}
