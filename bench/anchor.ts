/**
 * `npm run bench:anchor`: re-anchoring on real articles edited the way outlets edit them.
 *
 * 1. The five longest real articles of ../shared/testdata/readability-pages (Readability's
 *    extraction of real pages), each with 200 annotations: passages of one or two sentences,
 *    sentence parts, and short figures, placed at random. Each run makes 20 new versions of every
 *    article, each edited as newsrooms do: a few sentences reworded (words swapped for other words
 *    of the same article, a clause dropped or added), a paragraph inserted from another real
 *    article and one removed, a figure corrected (a number changed by one), and a couple of small
 *    fixes (a letter, a comma). Every annotation is re-anchored as the service does (anchor, then
 *    describe the new place), timed per version (all 200) and per annotation. Each found passage is
 *    checked: it must cover words that equal the quote (exact, moved) or come close to it (fuzzy).
 *    The whole `addVersion` path (durable write included) runs on a real notebook too.
 * 2. The 5,000-source real-text notebook (50,000 annotations) after every body was touched (a
 *    correction line added at the top, one word replaced): every annotation re-anchored.
 *
 * Three runs; min / median / max with the load average.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe } from '../shared/domain/anchoring';
import { NO_FACTS } from '../shared/domain/annotation';
import { addVersion } from '../electron/backend/annotations/service';
import { Notebook } from '../electron/backend/store/notebook';
import { loadAverage, spread } from './built';
import { prng } from './generate';
import { annotate, fiveLongest, newsroomEdit, reanchorOne, reanchorRounds } from './newsroom-edits';
import { realArticles, recombinedSources } from './real-text';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VERSIONS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface RunResult {
  load: string;
  allP95: number;
  allP50: number;
  oneP95: number;
  states: Record<string, number>;
  /** Exact or moved passages on other words (never allowed). */
  wrong: number;
  /** Fuzzy passages sharing under 60% of their words with the quote. */
  fuzzyOther: number;
  endToEndP95: number;
}

async function run(seed: number): Promise<RunResult> {
  const load = loadAverage();
  const articles = realArticles();
  const longest = fiveLongest(articles);
  const random = prng(seed);
  const { states, wrong, fuzzyOther, all, one } = reanchorRounds(longest, articles, random, VERSIONS);

  // The same through the service on a real notebook: read, re-anchor, one durable shard write.
  const article = longest[0];
  const dir = await mkdtemp(join(tmpdir(), 'dossier-bench-anchor-'));
  const ends: number[] = [];
  try {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'bench' });
    const text = article.paragraphs.join('\n\n');
    const source = await nb.addSource({ title: article.title, outlet: article.outlet, published: null, text, provenance: { method: 'paste', fileName: null, url: null } });
    const now = new Date().toISOString();
    for (const [i, a] of annotate(text, random).entries()) {
      await nb.putAnnotation({
        id: `a${i}`,
        sourceId: source.id,
        kind: 'passage',
        target: { contentHash: source.contentHash, ...a },
        anchor: { state: 'exact' },
        note: '',
        tags: [],
        entityIds: [],
        ...NO_FACTS,
        createdAt: now,
        updatedAt: now,
        createdBy: null,
        updatedBy: null,
      });
    }
    const vocabulary = text.match(/\p{L}{4,}/gu) ?? ['report'];
    for (let v = 0; v < 10; v++) {
      const edited = newsroomEdit(article.paragraphs, articles, vocabulary, random);
      const t0 = performance.now();
      await addVersion(nb, { id: source.id, text: edited });
      ends.push(performance.now() - t0);
    }
    await nb.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { load, allP95: percentile(all, 95), allP50: percentile(all, 50), oneP95: percentile(one, 95), states, wrong, fuzzyOther, endToEndP95: percentile(ends, 95) };
}

function wholeNotebook(): { seconds: number; p95: number; states: Record<string, number> } {
  const random = prng(5);
  const per: number[] = [];
  const states: Record<string, number> = {};
  const t0 = performance.now();
  for (const s of recombinedSources(5000, 11)) {
    const targets = Array.from({ length: 10 }, () => {
      const start = Math.floor(random() * Math.max(1, s.text.length - 120));
      return describe(s.text, start, Math.min(s.text.length, start + 20 + Math.floor(random() * 100)));
    });
    const words = s.text.split(' ');
    words[Math.floor(random() * words.length)] = 'changed';
    const touched = `A correction was appended to this article on a later date.\n\n${words.join(' ')}`;
    for (const a of targets) {
      const t = performance.now();
      const { state } = reanchorOne(touched, a);
      per.push(performance.now() - t);
      states[state] = (states[state] ?? 0) + 1;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, p95: percentile(per, 95), states };
}

const share = (states: Record<string, number>) => {
  const total = Object.values(states).reduce((a, b) => a + b, 0);
  return ['exact', 'moved', 'fuzzy', 'orphan'].map((k) => `${k} ${(((states[k] ?? 0) * 100) / total).toFixed(1)}%`).join(', ');
};

console.log(`Anchoring benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
const lengths = fiveLongest(realArticles()).map((a) => a.paragraphs.join('\n\n').length);
console.log(`1. The five longest real articles (${lengths.map((n) => n.toLocaleString('en')).join(', ')} characters), 200 annotations each, ${VERSIONS} newsroom edits each a run`);
console.log(
  '| run | load average | all 200, p50 (ms) | all 200, p95 (ms) | one annotation, p95 (ms) | addVersion end to end, p95 (ms) | states | exact or moved on other words | fuzzy on under 60% of its words |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
const results: RunResult[] = [];
for (let r = 1; r <= RUNS; r++) {
  const x = await run(100 + r);
  results.push(x);
  console.log(
    `| ${r} | ${x.load} | ${x.allP50.toFixed(1)} | ${x.allP95.toFixed(1)} | ${x.oneP95.toFixed(3)} | ${x.endToEndP95.toFixed(1)} | ${share(x.states)} | ${x.wrong} | ${x.fuzzyOther} of ${x.states.fuzzy ?? 0} |`,
  );
}
console.log(`\nmin / median / max of the p95 of all 200: ${spread(results.map((r) => r.allP95))} ms`);
console.log(`${Math.max(...results.map((r) => r.allP95)) < 50 ? 'MET ' : 'MISSED'}  200 annotations re-anchor in under 50 ms (p95, every run)`);
console.log(`${results.every((r) => r.wrong === 0) ? 'MET ' : 'MISSED'}  every passage found exactly or moved lands on its own words`);

const whole = wholeNotebook();
console.log('\n2. The 5,000-source real-text notebook (50,000 annotations) after every body was touched');
console.log(`| all 50,000 (s) | one annotation p95 (ms) | states |\n|---|---|---|\n| ${whole.seconds.toFixed(2)} | ${whole.p95.toFixed(3)} | ${share(whole.states)} |`);
