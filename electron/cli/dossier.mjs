#!/usr/bin/env node
// The `dossier` command. It runs the TypeScript CLI through tsx so that it works straight after
// `npm install` in a fresh clone, with no build step.
import { register } from 'tsx/esm/api';

register();
// When the reader of our output goes away (`dossier sources … | head`), stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
