/**
 * A child process that opens a notebook, says "open", and keeps it open until killed; or says
 * "locked" and exits 3 when another process holds it. With a start time (ms since the epoch) as
 * its second argument it waits until then, so that many of them race for one notebook at once.
 */
import { Notebook } from '../store/notebook';

const [dir, startAt] = process.argv.slice(2);
if (startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  await Notebook.open(dir);
} catch (e) {
  if ((e as { code?: string }).code !== 'NOTEBOOK_LOCKED') throw e;
  process.stdout.write('locked\n');
  process.exit(3);
}
process.stdout.write('open\n');
setInterval(() => undefined, 1000);
