/** The Chromium the journeys run in: CHROMIUM_PATH, else Debian's where it is installed (Playwright's own download fails offline). */
import { accessSync, constants, existsSync } from 'node:fs';

const DEBIAN = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return existsSync(DEBIAN) ? DEBIAN : undefined;
}

const runnable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Why the journeys cannot start a browser, in one sentence with the fix; null when one is there. */
export function browserProblem(env: NodeJS.ProcessEnv, playwrightsOwn: string, canRun: (path: string) => boolean = runnable): string | null {
  const path = chromiumPath(env) ?? playwrightsOwn;
  if (canRun(path)) return null;
  const found = env.CHROMIUM_PATH ? `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not a program this user can run` : `there is none at ${DEBIAN}`;
  return `The end-to-end tests need Chromium and ${found}: install Debian's (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable.`;
}
