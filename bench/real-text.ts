/**
 * Real text for the benchmarks: the articles Mozilla Readability extracts from the 65 real web
 * pages in ../shared/testdata/readability-pages (their expected article and metadata), and the
 * five seed articles. For notebooks of thousands of sources the real paragraphs are recombined:
 * each source is one real article's run of paragraphs with a few paragraphs of other articles, so
 * the words, their frequencies and their neighbours are those of real copy, never invented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { blocks } from '../electron/backend/import/html';
import { parseDatedText, splitParagraphs } from '../shared/domain/text';
import { prng } from './generate';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The real web pages (outside the project; see its README). */
export const PAGES_DIR = `${ROOT}../shared/testdata/readability-pages`;

export interface RealArticle {
  /** The page's folder name, or the seed's file name. */
  name: string;
  title: string;
  byline: string | null;
  outlet: string | null;
  published: string | null;
  paragraphs: string[];
}

/** Stops the benchmark with one clear line when the real pages are not there. */
export function requirePages(): void {
  if (!existsSync(PAGES_DIR)) {
    console.error(`The benchmarks measure real text and need ${PAGES_DIR} (the shared test data); it is not there.`);
    process.exit(1);
  }
}

/** The folders of the real pages that have a saved page (source.html). */
export function pageFolders(): string[] {
  requirePages();
  return readdirSync(PAGES_DIR)
    .filter((d) => existsSync(`${PAGES_DIR}/${d}/source.html`))
    .sort();
}

let cached: RealArticle[] | null = null;

/** Every real article: the 65 pages' extracted articles (those with some text) and the five seeds. */
export function realArticles(): RealArticle[] {
  if (cached) return cached;
  const articles: RealArticle[] = [];
  for (const name of pageFolders()) {
    const expected = `${PAGES_DIR}/${name}/expected.html`;
    if (!existsSync(expected)) continue;
    const { document } = parseHTML(`<!doctype html><html><body>${readFileSync(expected, 'utf8')}</body></html>`);
    const paragraphs = blocks(document.body as unknown as Parameters<typeof blocks>[0]).paragraphs.filter((p) => p.length >= 40);
    if (paragraphs.length === 0) continue;
    const meta = JSON.parse(readFileSync(`${PAGES_DIR}/${name}/expected-metadata.json`, 'utf8')) as { title?: string; byline?: string; siteName?: string; publishedTime?: string };
    articles.push({ name, title: meta.title?.trim() || name, byline: meta.byline ?? null, outlet: meta.siteName ?? null, published: meta.publishedTime?.slice(0, 10) ?? null, paragraphs });
  }
  const seeds = `${ROOT}seeds`;
  for (const file of readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const { published, body: text } = parseDatedText(readFileSync(`${seeds}/${file}`, 'utf8'));
    const paragraphs = splitParagraphs(text).map((p) => p.text);
    articles.push({ name: file, title: paragraphs[0].slice(0, 120), byline: null, outlet: null, published, paragraphs: paragraphs.slice(1) });
  }
  cached = articles;
  return articles;
}

export interface RecombinedSource {
  title: string;
  outlet: string | null;
  published: string | null;
  text: string;
}

const OUTLETS = ['The Hindu', 'Hindustan Times', 'The Indian Express', 'Times of India', 'Deccan Herald', 'Mathrubhumi', 'The New Indian Express', 'Scroll.in', null];

/**
 * `count` sources of real paragraphs: a run of 8–16 paragraphs of one real article and 1–3 of
 * others, under that article's title (numbered, so titles stay distinct), with an outlet and a
 * date spread over 2015–2024. The same `seed` gives the same sources.
 */
export function recombinedSources(count: number, seed = 1): RecombinedSource[] {
  const articles = realArticles();
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const sources: RecombinedSource[] = [];
  for (let i = 0; i < count; i++) {
    const base = articles[i % articles.length];
    const run = Math.min(base.paragraphs.length, 8 + Math.floor(random() * 9));
    const from = Math.floor(random() * (base.paragraphs.length - run + 1));
    const paragraphs = base.paragraphs.slice(from, from + run);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const other = pick(articles);
      paragraphs.splice(Math.floor(random() * (paragraphs.length + 1)), 0, pick(other.paragraphs));
    }
    const year = 2015 + Math.floor(random() * 10);
    const undated = random() < 0.1;
    sources.push({
      title: `${base.title} (${Math.floor(i / articles.length) + 1})`,
      outlet: pick(OUTLETS),
      published: undated ? null : `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      text: paragraphs.join('\n\n'),
    });
  }
  return sources;
}

/** The most frequent runs of two capitalised words of the real articles ("Ammar Askar", "New York"): real names. */
export function realNames(count: number): string[] {
  const counts = new Map<string, number>();
  for (const a of realArticles()) for (const p of a.paragraphs) for (const m of p.matchAll(/(?<![\p{L}.] )\b(\p{Lu}\p{Ll}{2,}) (\p{Lu}\p{Ll}{2,})\b/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([name]) => name);
}
