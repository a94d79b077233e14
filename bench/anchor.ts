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
import { anchor, describe, type Selectors } from '../shared/domain/anchoring';
import { NO_FACTS } from '../shared/domain/annotation';
import { addVersion } from '../electron/backend/annotations/service';
import { Notebook } from '../electron/backend/store/notebook';
import { loadAverage, spread } from './built';
import { prng } from './generate';
import { realArticles, recombinedSources, type RealArticle } from './real-text';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VERSIONS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Re-anchors like the service: find, then describe the new place. */
function reanchorOne(text: string, target: Required<Selectors>): { state: string; start?: number; end?: number } {
  const found = anchor(text, target);
  if (found.start !== undefined && found.end !== undefined) describe(text, found.start, found.end);
  return found;
}

/** Sentences of a paragraph (a full stop, question or exclamation mark followed by a space and a capital). */
function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?\p{Lu})/u).filter((s) => s.trim() !== '');
}

/** 200 annotations on an article's text: a sentence or two, part of a sentence, or a short figure. */
function annotate(text: string, random: () => number): Required<Selectors>[] {
  const bounds: [number, number][] = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]["”’]?/gu)) bounds.push([m.index + (m[0].length - m[0].trimStart().length), m.index + m[0].length]);
  const figures = [...text.matchAll(/\b\d[\d,.]*[ \t]+\p{L}+/gu)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  return Array.from({ length: 200 }, () => {
    const pick = random();
    let [start, end] = bounds[Math.floor(random() * bounds.length)];
    if (pick < 0.25 && bounds.length > 1) {
      const i = Math.floor(random() * (bounds.length - 1));
      [start, end] = [bounds[i][0], bounds[i + 1][1]];
    } else if (pick < 0.5) {
      end = Math.min(end, start + 30 + Math.floor(random() * 60));
    } else if (pick < 0.6 && figures.length > 0) {
      [start, end] = figures[Math.floor(random() * figures.length)];
    }
    return describe(text, start, end);
  });
}

/** A new version of an article's paragraphs, edited as a newsroom edits (see the module comment). */
function newsroomEdit(paragraphs: string[], others: RealArticle[], vocabulary: string[], random: () => number): string {
  const out = paragraphs.map((p) => sentences(p));
  const any = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  // Reword a few sentences: words swapped for other words of the article, a clause dropped or added.
  for (let k = 0; k < 4; k++) {
    const p = out[Math.floor(random() * out.length)];
    if (p.length === 0) continue;
    const i = Math.floor(random() * p.length);
    const words = p[i].split(' ');
    const how = random();
    if (how < 0.5) for (let n = 0; n < 2; n++) words[Math.floor(random() * words.length)] = any(vocabulary);
    else if (how < 0.75 && words.length > 8) words.splice(Math.floor(words.length / 2), 3);
    else words.splice(Math.floor(random() * words.length), 0, 'according to officials,');
    p[i] = words.join(' ');
  }
  // A figure corrected: one number in the article changed by one.
  for (let tries = 0; tries < 20; tries++) {
    const p = out[Math.floor(random() * out.length)];
    const i = Math.floor(random() * Math.max(1, p.length));
    const m = p[i] ? /\b(\d+)\b/.exec(p[i]) : null;
    if (!m) continue;
    p[i] = p[i].slice(0, m.index) + String(Number(m[1]) + 1) + p[i].slice(m.index + m[1].length);
    break;
  }
  // Small fixes: a letter and a comma.
  for (let k = 0; k < 2; k++) {
    const p = out[Math.floor(random() * out.length)];
    if (p.length === 0) continue;
    const i = Math.floor(random() * p.length);
    const at = Math.floor(random() * p[i].length);
    p[i] = k === 0 ? p[i].slice(0, at) + p[i].slice(at + 1) : `${p[i].slice(0, at)},${p[i].slice(at)}`;
  }
  const text = out.map((p) => p.join(' '));
  // A paragraph of other reporting inserted, and one removed.
  text.splice(Math.floor(random() * text.length), 0, any(any(others).paragraphs));
  text.splice(Math.floor(random() * text.length), 1);
  return text.join('\n\n');
}

/**
 * Whether a found range holds the quote's words: all of them, in order (exact, moved: must always
 * hold), or at least 60% of them (fuzzy: the reader sees a fuzzy passage marked approximate, with
 * the words it had, to check).
 */
function landsRight(text: string, quote: string, found: { state: string; start?: number; end?: number }): boolean {
  if (found.start === undefined || found.end === undefined) return true;
  const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const have = words(text.slice(found.start, found.end));
  const want = words(quote);
  if (found.state !== 'fuzzy') return have.join(' ') === want.join(' ');
  const shared = want.filter((w) => have.includes(w)).length;
  return shared >= want.length * 0.6;
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
  const longest = [...articles].sort((a, b) => b.paragraphs.join('\n\n').length - a.paragraphs.join('\n\n').length).slice(0, 5);
  const random = prng(seed);
  const all: number[] = [];
  const one: number[] = [];
  const states: Record<string, number> = {};
  let wrong = 0;
  let fuzzyOther = 0;
  for (const article of longest) {
    const text = article.paragraphs.join('\n\n');
    const vocabulary = text.match(/\p{L}{4,}/gu) ?? ['report'];
    const annotations = annotate(text, random);
    for (let v = 0; v < VERSIONS; v++) {
      const edited = newsroomEdit(article.paragraphs, articles, vocabulary, random);
      const t0 = performance.now();
      for (const a of annotations) {
        const t = performance.now();
        const found = reanchorOne(edited, a);
        one.push(performance.now() - t);
        states[found.state] = (states[found.state] ?? 0) + 1;
        if (!landsRight(edited, a.quote.exact, found)) {
          if (found.state === 'fuzzy') fuzzyOther++;
          else wrong++;
          if (process.env.BENCH_SHOW) console.log(JSON.stringify({ state: found.state, quote: a.quote.exact, found: edited.slice(found.start, found.end) }));
        }
      }
      all.push(performance.now() - t0);
    }
  }

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
const lengths = [...realArticles()]
  .map((a) => a.paragraphs.join('\n\n').length)
  .sort((a, b) => b - a)
  .slice(0, 5);
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
