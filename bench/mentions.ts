/**
 * `npm run bench:mentions`: findMentions over the 5,000-source benchmark notebook (about 500 words
 * each) with 500 entities of 3 aliases each, built from the same vocabulary as the articles so
 * that names really occur. Reports the index build, per-source p50/p95 and the whole notebook.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { findMentions, indexNames, type NamedEntity } from '../shared/domain/names';
import { generateSources, prng } from './generate';

const WORDS = 'police cyber wing state district raids devices phones telegram whatsapp officer court unit counter kerala kochi interpol network'.split(' ');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const random = prng(3);
const pick = () => WORDS[Math.floor(random() * WORDS.length)];
const entities: NamedEntity[] = Array.from({ length: 500 }, (_, i) => {
  const [a, b, c] = [pick(), pick(), pick()];
  return { id: `e${i}`, name: `${a} ${b} ${c} ${i}`, aliases: [`${a}-${b} ${i}`, `${a.toUpperCase()}_${c} ${i % 40}`, `${b} ${c}`] };
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
console.log('5,000 sources (about 500 words each), 500 entities × 3 aliases and a name each\n');
console.log('| measure | value |\n|---|---|');
console.log(`| build the name index (ms) | ${buildMs.toFixed(2)} |`);
console.log(`| one source, p50 / p95 (ms) | ${percentile(per, 50).toFixed(3)} / ${percentile(per, 95).toFixed(3)} |`);
console.log(`| whole notebook (s) | ${(total / 1000).toFixed(3)} |`);
console.log(`| mentions found | ${found.toLocaleString('en')} |`);
console.log(`\n${total < 2000 ? 'MET ' : 'MISSED'}  the whole notebook in under 2 s`);
console.log(`${percentile(per, 95) < 5 ? 'MET ' : 'MISSED'}  a single source well under 5 ms (p95)`);
