/** A child process that opens a notebook, says "open", and keeps it open until killed. */
import { Notebook } from '../store/notebook';

await Notebook.open(process.argv[2]);
process.stdout.write('open\n');
setInterval(() => undefined, 1000);
