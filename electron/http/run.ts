/**
 * The entry of the built browser-mode server (out/node/server.js), run by `npm run serve`:
 * `npm run serve -- --notebook DIR` opens that notebook; `--no-open` prints the address only.
 */
import { parseArgs } from 'node:util';
import { serveUntilStopped } from './browser-mode';

let options: { notebook?: string; noOpen: boolean };
try {
  const { values } = parseArgs({ options: { notebook: { type: 'string' }, 'no-open': { type: 'boolean' } }, strict: true });
  options = { notebook: values.notebook, noOpen: values['no-open'] === true };
} catch (e) {
  console.error(`dossier: ${(e as Error).message}\nUsage: npm run serve -- [--notebook DIR] [--no-open]`);
  process.exit(2);
}
serveUntilStopped(options).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`dossier: ${(e as Error).message}`);
    process.exit(1);
  },
);
