/**
 * One open of a notebook as the app makes it, in a process of its own (bench/scale.ts runs it so
 * that every open, like the app's after a restart, starts with no code compiled and nothing
 * loaded): the page cache dropped where the benchmark may, the index's workers loading their
 * saved parts while the notebook opens, then the first search. Prints one line of JSON:
 * { open, search, checked } in milliseconds from the start of the open.
 */
import { writeFileSync } from 'node:fs';
import { SearchIndex } from '../electron/backend/search/service';
import { Notebook } from '../electron/backend/store/notebook';
import { useBuiltWorkers } from './built';

const folder = process.argv[2];
await useBuiltWorkers();
try {
  writeFileSync('/proc/sys/vm/drop_caches', '3');
} catch {
  // Not root: the table says the page cache was not dropped.
}
const t0 = performance.now();
const index = SearchIndex.prepare(folder);
const nb = await Notebook.open(folder);
const open = performance.now() - t0;
index.attach(nb);
await index.search('police', { limit: 20 });
const search = performance.now() - t0;
await nb.checked;
const checked = performance.now() - t0;
await index.close();
await nb.close();
console.log(JSON.stringify({ open, search, checked }));
