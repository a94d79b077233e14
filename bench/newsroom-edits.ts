/**
 * Real articles edited the way outlets edit them, and their annotations re-anchored: the procedure
 * of `npm run bench:anchor`, shared with the test that pins its quality figures (which share of
 * passages is found exactly, moved, approximately or not at all, and that none lands on other
 * words), since those depend on no machine.
 */
import { performance } from 'node:perf_hooks';
import { anchor, describe, type Selectors } from '../shared/domain/anchoring';
import type { RealArticle } from './real-text';

/** Re-anchors like the service: find, then describe the new place. */
export function reanchorOne(text: string, target: Required<Selectors>): { state: string; start?: number; end?: number } {
  const found = anchor(text, target);
  if (found.start !== undefined && found.end !== undefined) describe(text, found.start, found.end);
  return found;
}

/** Sentences of a paragraph (a full stop, question or exclamation mark followed by a space and a capital). */
function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?\p{Lu})/u).filter((s) => s.trim() !== '');
}

/** 200 annotations on an article's text: a sentence or two, part of a sentence, or a short figure. */
export function annotate(text: string, random: () => number): Required<Selectors>[] {
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
export function newsroomEdit(paragraphs: string[], others: RealArticle[], vocabulary: string[], random: () => number): string {
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
export function landsRight(text: string, quote: string, found: { state: string; start?: number; end?: number }): boolean {
  if (found.start === undefined || found.end === undefined) return true;
  const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const have = words(text.slice(found.start, found.end));
  const want = words(quote);
  if (found.state !== 'fuzzy') return have.join(' ') === want.join(' ');
  const shared = want.filter((w) => have.includes(w)).length;
  return shared >= want.length * 0.6;
}

/** The five longest articles, the benchmark's. */
export function fiveLongest(articles: readonly RealArticle[]): RealArticle[] {
  return [...articles].sort((a, b) => b.paragraphs.join('\n\n').length - a.paragraphs.join('\n\n').length).slice(0, 5);
}

/**
 * 200 annotations on each article, then `versions` newsroom edits of it, every annotation
 * re-anchored on each: how many ended in each state, how many exact or moved passages landed on
 * other words (never allowed), how many fuzzy ones share under 60% of their words with the quote,
 * and the times (all 200 of a version; one annotation).
 */
export function reanchorRounds(longest: readonly RealArticle[], articles: RealArticle[], random: () => number, versions: number) {
  const all: number[] = [];
  const one: number[] = [];
  const states: Record<string, number> = {};
  let wrong = 0;
  let fuzzyOther = 0;
  for (const article of longest) {
    const text = article.paragraphs.join('\n\n');
    const vocabulary = text.match(/\p{L}{4,}/gu) ?? ['report'];
    const annotations = annotate(text, random);
    for (let v = 0; v < versions; v++) {
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
  return { states, wrong, fuzzyOther, all, one };
}
