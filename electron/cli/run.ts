/**
 * The entry of the built `dossier` command (out/node/cli.js). `--version` answers before anything
 * else is loaded; every other command loads the CLI, and the backend only when it opens a notebook.
 */
import { VERSION } from '../backend/version';

// When the reader of our output goes away (`dossier sources … | head`), stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  console.log(VERSION);
} else {
  const { main } = await import('./main');
  const { installLastResort } = await import('../backend/last-resort');
  let failed = false;
  installLastResort(process, console.error, () => (failed = true));
  const code = await main(argv);
  process.exitCode = failed && code === 0 ? 1 : code;
}
