/**
 * The security check that runs in `npm test` fails where it should: a window with Node in the
 * page and web security off is reported, named, and makes it exit 1 (the clean code passes: that
 * is `npm run check:security` itself).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('fails on a HIGH finding nobody reviewed, naming the check and the file', () => {
  const fixture = fileURLToPath(new URL('./fixtures/insecure-window', import.meta.url));
  const run = spawnSync(process.execPath, ['scripts/check-security.mjs', '--also', fixture], { encoding: 'utf8', timeout: 300_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/NOT REVIEWED: CONTEXT_ISOLATION_JS_CHECK HIGH\/\w+ at also\/window\.js:3/);
  expect(run.stderr).toMatch(/NOT REVIEWED: WEB_SECURITY_JS_CHECK MEDIUM/);
  expect(run.stdout).toMatch(/electronegativity 1\.10\.3 \(Electron \d+\.\d+\.\d+/);
}, 300_000);
