/**
 * For tests of the API: an app on a fresh data folder (with the sample notebook), and typed calls
 * through the same dispatcher the hosts use.
 */
import { expect } from 'vitest';
import type { Channel } from '../../../shared/api/channels';
import type { Input, Output } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import { createHandlers, dispatch } from '../api';
import { DossierApp, type AppOptions } from '../app';
import { SEEDS_DIR, tempDir } from './fixtures';

export interface TestApp {
  app: DossierApp;
  /** The temporary folder; the app's data folder is `${dir}/data`. */
  dir: string;
  dataDir: string;
  /** Calls an operation and returns its value, failing the test on an error Result. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Calls an operation that must fail, and returns its error. */
  refusal(channel: Channel, input: unknown): Promise<ApiError>;
  /** Closes the app and starts it again on the same data folder (as a reporter quitting and reopening). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts an app for one test (the browser-mode host unless `options` say otherwise). */
export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const { dir, cleanup } = await tempDir();
  const dataDir = `${dir}/data`;
  const start = () => DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir, ...options });
  let app = await start();
  let handlers = createHandlers(app);
  return {
    get app() {
      return app;
    },
    dir,
    dataDir,
    async call(channel, input) {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as Output<typeof channel>;
    },
    async refusal(channel, input) {
      const result = await dispatch(handlers, channel, input);
      expect(result.ok).toBe(false);
      return (result as { error: ApiError }).error;
    },
    async restart() {
      await app.close();
      app = await start();
      handlers = createHandlers(app);
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
