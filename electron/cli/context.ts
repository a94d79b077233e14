/**
 * What every CLI command gets: the parsed options, a way to print for people or as JSON, and a
 * backend app opened on the --notebook folder when the command needs one.
 */
import { fileURLToPath } from 'node:url';
import type { Channel } from '../../shared/api/channels';
import type { Input, Output } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { DossierApp } from '../backend/app';
import type { Handlers } from '../backend/api/dispatch';
import { VERSION } from '../backend/version';
import { READER } from '../backend/store/notebook';

/** The folder of the sample's article files, beside this repository's code. */
export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

/** A usage mistake: the command line itself is wrong (exit code 2). */
export class UsageError extends Error {}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  json: boolean;
  out: (text: string) => void;
  /** Opens the --notebook folder and calls one API operation on it, as the app would. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Calls one API operation on an app with no notebook open yet (`dossier join` makes the notebook). */
  callWithoutNotebook<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
}

/** Makes the context of one command run; `close` releases the notebook's lock. */
export function makeContext(
  positionals: string[],
  values: Record<string, string | boolean | undefined>,
  out: (text: string) => void,
  warn: (text: string) => void = () => undefined,
  readsOnly = false,
): CommandContext & { close(): Promise<void> } {
  let app: DossierApp | null = null;
  const start = async (): Promise<DossierApp> => {
    // The backend is loaded when a command first needs it: `dossier --help` stays quick.
    const { DossierApp } = await import('../backend/app');
    app = await DossierApp.start({ host: 'cli', version: VERSION, seedsDir: SEEDS_DIR, dataDir: null, searchInThread: true });
    return app;
  };
  // Each namespace's handlers load when first called: `dossier sources` loads no fact-sheet or sharing code.
  const handlersOf = new WeakMap<DossierApp, Handlers>();
  const dispatchOn = async <C extends Channel>(on: DossierApp, channel: C, input: Input<C>): Promise<Output<C>> => {
    const [{ dispatch }, { createLazyHandlers }] = await Promise.all([import('../backend/api/dispatch'), import('../backend/api/lazy')]);
    let handlers = handlersOf.get(on);
    if (!handlers) handlersOf.set(on, (handlers = createLazyHandlers(on)));
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new DossierError(result.error.code, result.error.message);
    return result.value as Output<C>;
  };
  const open = async (): Promise<DossierApp> => {
    if (app) return app;
    const dir = values.notebook;
    if (typeof dir !== 'string' || dir === '') throw new UsageError('this command needs --notebook DIR');
    app = await start();
    let info;
    try {
      info = await app.openNotebook(dir);
    } catch (e) {
      // The app has it open: a command that only reads reads the files as they are on disk now.
      if (!readsOnly || !(e instanceof DossierError) || e.code !== 'NOTEBOOK_LOCKED') throw e;
      info = await app.openNotebook(dir, { asReader: true });
      warn('Note: Dossier has this notebook open; this reads its files as they are on disk now (a change the app is still saving may not be in it).');
    }
    // What the notebook opened without, and why it cannot be changed, go to stderr: the output stays the answer.
    for (const p of info.problems) warn(`Note: ${p.file}: ${p.message}`);
    if (info.readOnly && !info.readOnly.startsWith(READER)) warn(`Note: this notebook is open read-only: ${info.readOnly}. Nothing can be changed.`);
    return app;
  };
  return {
    positionals,
    values,
    json: values.json === true,
    out,
    async call(channel, input) {
      return dispatchOn(await open(), channel, input);
    },
    async callWithoutNotebook(channel, input) {
      return dispatchOn(app ?? (await start()), channel, input);
    },
    async close() {
      await app?.close();
    },
  };
}
