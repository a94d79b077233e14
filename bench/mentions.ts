/**
 * `npm run bench:mentions`: findMentions over the 5,000-source benchmark notebook of real text
 * with 500 entities: the corpus's most frequent real names (two capitalised words), each with
 * three aliases as outlets spell names (the surname, "P. Surname", upper case). Reports the
 * index build, per-source p50/p95 and the whole notebook.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { findMentions, indexNames, type NamedEntity } from '../shared/domain/names';
import { generateSources } from './generate';
import { realNames } from './real-text';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const entities: NamedEntity[] = realNames(500).map((name, i) => {
  const [first, last] = name.split(' ');
  return { id: `e${i}`, name, aliases: [last, `${first[0]}. ${last}`, name.toUpperCase()] };
});
const sources = generateSources(5000);

const t0 = performance.now();
const index = indexNames(entities);
const buildMs = performance.now() - t0;

const per: number[] = [];
let found = 0;
const t1 = performance.now();
for (const g of sources) {
  const t = performance.now();
  found += findMentions(g.text, index).length;
  per.push(performance.now() - t);
}
const total = performance.now() - t1;

console.log(`Mentions benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(`5,000 sources of real text, ${entities.length} real names × 3 aliases and a name each\n`);
console.log('| measure | value |\n|---|---|');
console.log(`| build the name index (ms) | ${buildMs.toFixed(2)} |`);
console.log(`| one source, p50 / p95 (ms) | ${percentile(per, 50).toFixed(3)} / ${percentile(per, 95).toFixed(3)} |`);
console.log(`| whole notebook (s) | ${(total / 1000).toFixed(3)} |`);
console.log(`| mentions found | ${found.toLocaleString('en')} |`);
console.log(`\n${total < 2000 ? 'MET ' : 'MISSED'}  the whole notebook in under 2 s`);
console.log(`${percentile(per, 95) < 5 ? 'MET ' : 'MISSED'}  a single source well under 5 ms (p95)`);
