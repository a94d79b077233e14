/**
 * The last line of defence of every host (Electron main, browser mode, the CLI): a promise that
 * fails with nobody listening, or an exception nothing caught, is logged with its stack and the
 * host keeps running, so one bug in one import or one request never takes the reporter's open
 * notebook down with it. Every write that was acknowledged is already on disk (see the store);
 * what failed is named in the log. The CLI also ends with exit code 1 when it happened.
 */

/** Installs the handlers once on `target` (the process); `onFailure` runs after each is logged. */
export function installLastResort(target: NodeJS.EventEmitter = process, log: (line: string, error: unknown) => void = console.error, onFailure: () => void = () => undefined): void {
  const marker = Symbol.for('dossier.lastResort');
  const tagged = target as NodeJS.EventEmitter & { [marker]?: true };
  if (tagged[marker]) return;
  tagged[marker] = true;
  target.on('unhandledRejection', (reason: unknown) => {
    log('[dossier] a task failed and nothing handled it; Dossier keeps running:', reason);
    onFailure();
  });
  target.on('uncaughtException', (error: unknown) => {
    log('[dossier] an error reached the top without being handled; Dossier keeps running:', error);
    onFailure();
  });
}
