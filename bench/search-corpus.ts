/**
 * The search benchmark's notebook and queries: the generated notebook's shape (ids, titles,
 * outlets, dates, 10 annotations a source) with news-like text, a unique name per source for typo
 * probes, 300 entities, and about 50 queries of every kind.
 */
import { createHash } from 'node:crypto';
import type { Annotation } from '../shared/domain/annotation';
import { countWords } from '../shared/domain/text';
import type { SearchAnnotation, SearchEntity, SearchSource } from '../shared/search/engine';
import { generateSources, prng, type GeneratedSource } from './generate';

const SYLLABLES = 'ka ra ma na va la pa ta sa ha ri ni vi li mi de ne re se te ko no ro so to ju nu ru su tu'.split(' ');

/** A made-up surname per source (unique, 3-4 syllables), so a typo probe has one right answer. */
export function surname(i: number): string {
  const a = SYLLABLES[i % 30];
  const b = SYLLABLES[Math.floor(i / 30) % 30];
  const c = SYLLABLES[Math.floor(i / 900) % 30];
  const d = SYLLABLES[(i * 7) % 30];
  const word = `${a}${b}${c}${d}`;
  return word[0].toUpperCase() + word.slice(1);
}

/** One or two letters off: a swap of two neighbours, a dropped letter, or a wrong letter. */
function typo(word: string, random: () => number): string {
  const w = word.toLowerCase();
  const i = 1 + Math.floor(random() * (w.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  if (kind === 1) return w.slice(0, i) + w.slice(i + 1);
  return w.slice(0, i) + (w[i] === 'x' ? 'q' : 'x') + w.slice(i + 1);
}

export interface Corpus {
  sources: SearchSource[];
  annotations: SearchAnnotation[];
  entities: SearchEntity[];
  /** The same, as a notebook to write (generate.ts's shape). */
  notebook: GeneratedSource[];
}

/**
 * News-like text: words drawn from a Zipf distribution (exponent 1.07, as in English news copy)
 * over a 20,000-word vocabulary, with function words at the top and the story's words at realistic
 * ranks: "police" and "arrested" are in nearly every article, "telegram" or "interpol" in some.
 */
const PLACED: Record<number, string> = {
  0: 'the', 1: 'of', 2: 'and', 3: 'police', 4: 'to', 5: 'in', 6: 'a', 7: 'said', 8: 'was', 9: 'on', 10: 'arrested', 12: 'cases', 14: 'cyber', 16: 'wing',
  25: 'raids', 40: 'devices', 60: 'evidence', 90: 'operation', 120: 'kochi', 150: 'minors', 200: 'memory', 201: 'cards', 300: 'telegram', 400: 'thiruvananthapuram', 600: 'encrypted', 800: 'interpol',
};
const VOCABULARY: string[] = (() => {
  const random = prng(99);
  const words: string[] = [];
  const used = new Set(Object.values(PLACED));
  for (let rank = 0; rank < 20_000; rank++) {
    if (PLACED[rank]) {
      words.push(PLACED[rank]);
      continue;
    }
    let w = '';
    do {
      w = Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('') + 'l';
    } while (used.has(w));
    used.add(w);
    words.push(w);
  }
  return words;
})();
const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(VOCABULARY.length);
  let total = 0;
  for (let r = 0; r < c.length; r++) c[r] = total += 1 / Math.pow(r + 1, 1.07);
  for (let r = 0; r < c.length; r++) c[r] /= total;
  return c;
})();

function zipfWord(random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}

function newsText(random: () => number, words = 500): string {
  const paragraphs: string[] = [];
  for (let left = words; left > 0; ) {
    const n = Math.min(left, 60 + Math.floor(random() * 40));
    paragraphs.push(`${Array.from({ length: n }, () => (random() < 0.04 ? String(10 + Math.floor(random() * 900)) : zipfWord(random))).join(' ')}.`);
    left -= n;
  }
  return paragraphs.join('\n\n');
}

export function corpus(size: number): Corpus {
  const random = prng(size + 1);
  const generated = generateSources(size, 7).map((g) => {
    // The generated notebook's shape (ids, titles, outlets, dates, 10 annotations a source) with news-like text.
    const text = newsText(random);
    const annotations = g.annotations.map((a, j) => {
      const start = Math.floor(random() * (text.length - 100));
      const end = start + 20 + Math.floor(random() * 60);
      return { ...a, target: { ...a.target, quote: { exact: text.slice(start, end), prefix: '', suffix: '' }, position: { start, end } }, note: j % 3 === 0 ? `Check with ${zipfWord(random)} ${zipfWord(random)} (${j}).` : a.note };
    });
    return { ...g, text, annotations };
  });
  const sources: SearchSource[] = [];
  const annotations: SearchAnnotation[] = [];
  const notebook: GeneratedSource[] = [];
  for (const [i, g] of generated.entries()) {
    // A unique name per source, so that a typo probe has one right answer.
    const officer = `Officer Anil ${surname(i)} said the raids were over.`;
    const text = `${officer}\n\n${g.text}`;
    sources.push({ id: g.source.id, title: g.source.title, outlet: g.source.outlet, published: g.source.published, text });
    const contentHash = createHash('sha256').update(text).digest('hex');
    const stored: Annotation[] = [];
    for (const a of g.annotations) {
      const start = a.target.position.start + officer.length + 2;
      const end = start + a.target.quote.exact.length;
      const kind = i % 4 === 0 ? 'figure' : 'passage';
      const entityIds = i % 10 === 0 ? ['e0'] : [];
      annotations.push({ id: a.id, sourceId: a.sourceId, kind, quote: a.target.quote.exact, note: a.note, tags: a.tags, entityIds, start, end });
      stored.push({ ...a, kind, entityIds, target: { contentHash, quote: { exact: a.target.quote.exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) }, position: { start, end } } });
    }
    notebook.push({ source: { ...g.source, contentHash, wordCount: countWords(text) }, text, annotations: stored });
  }
  const entities: SearchEntity[] = Array.from({ length: 300 }, (_, i) => ({ id: `e${i}`, type: i % 2 ? 'person' : 'organisation', name: i === 0 ? 'Operation P-Hunt' : `${surname(i * 13 + 5)} ${surname(i * 17 + 3)}`, aliases: i === 0 ? ['P Hunt', 'P-HUNT'] : [surname(i * 13 + 5)], parentId: null }));
  return { sources, annotations, entities, notebook };
}

export function queries(size: number): { all: string[]; probes: { query: string; target: string }[] } {
  const random = prng(size);
  const probes = Array.from({ length: 20 }, () => {
    const i = Math.floor(random() * size);
    return { query: typo(surname(i), random), target: `s${String(i).padStart(5, '0')}` };
  });
  // Single words across the vocabulary: two in nearly every article (the worst case), four common,
  // four rarer. Filters narrow words of every rank, as a reporter narrows a search.
  const words = ['police', 'arrested', 'kochi', 'minors', 'evidence', 'devices', 'telegram', 'interpol', 'encrypted', 'thiruvananthapuram'];
  const phrases = ['"cyber wing"', '"raids were over"', '"police arrested"', '"memory cards"', '"officer anil"'];
  const typos = ['polise', 'telegarm', 'arested', 'encripted', 'intrepol'];
  const aliases = ['p hunt', 'P-HUNT', 'p-hunt', surname(18), surname(31)];
  const filters = ['kind:figure telegram', 'tag:to-verify minors', 'after:2018 kochi', 'before:2015 devices', 'outlet:"Outlet 3" raids', 'entity:"P Hunt" evidence', 'arrested -telegram', 'source:"Article 12" police', 'kind:figure after:2020', 'interpol -"cyber wing"'];
  return { all: [...words, ...phrases, ...typos, ...aliases, ...filters, ...probes.slice(0, 15).map((p) => p.query)], probes };
}

