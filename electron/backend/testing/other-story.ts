/**
 * A second story for the tests, that is not the sample: real English news and feature articles
 * from ../shared/testdata/readability-pages (a Seattle Times piece on Amazon and Whole Foods, the
 * New York Times on the city's pipes, the BBC on US gun laws, a WebMD piece on superbugs, …),
 * as Dossier's HTML importer reads them: their paragraphs, title, outlet and date. Money in
 * dollars and euros, percentages, counts of anything, people named in full and by surname, and no
 * operation at its centre. Null (after one line) when the shared test data is absent outside CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { blocks } from '../import/html';
import { Notebook } from '../store/notebook';
import { testdata } from './testdata';

export interface StoryArticle {
  /** The page's folder in readability-pages. */
  name: string;
  title: string;
  outlet: string | null;
  published: string | null;
  /** The article's text as imported: paragraphs joined by a blank line. */
  text: string;
}

/** The pages of the story: English articles with enough text to read as news. */
export const OTHER_STORY_PAGES = [
  'seattletimes-1',
  'nytimes-3',
  'nytimes-1',
  'bbc-1',
  'webmd-2',
  'wikipedia',
  'gitlab-blog',
  'msn',
  'medium-3',
  'keep-images',
  'theverge',
  'wordpress',
  'salon-1',
  'medium-1',
  'links-in-tables',
  'google-sre-book-1',
  'wapo-2',
  'buzzfeed-1',
  'ars-1',
];

let cached: StoryArticle[] | null | undefined;

/** The articles of the second story, or null when the shared test data is absent (outside CI). */
export function otherStory(what: string): StoryArticle[] | null {
  if (cached !== undefined) return cached;
  const dir = testdata('readability-pages', what);
  if (dir === null) return (cached = null);
  cached = OTHER_STORY_PAGES.filter((name) => existsSync(join(dir, name, 'expected.html'))).map((name) => {
    const { document } = parseHTML(`<!doctype html><html><body>${readFileSync(join(dir, name, 'expected.html'), 'utf8')}</body></html>`);
    const meta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { title?: string; siteName?: string; publishedTime?: string };
    const text = blocks(document.body as unknown as Parameters<typeof blocks>[0]).paragraphs.join('\n\n');
    return { name, title: meta.title?.trim() || name, outlet: meta.siteName ?? null, published: meta.publishedTime?.slice(0, 10) ?? null, text };
  });
  return cached;
}

/** A new notebook at `dir` holding the story's articles as imported pages. */
export async function otherStoryNotebook(dir: string, story: readonly StoryArticle[]): Promise<Notebook> {
  const nb = await Notebook.create(dir, { name: 'Another story' });
  await nb.addSources(
    story.map((a) => ({
      title: a.title,
      outlet: a.outlet,
      published: a.published,
      byline: null,
      lang: 'en',
      headings: [],
      text: a.text,
      provenance: { method: 'html-file', fileName: `${a.name}.html`, url: null },
    })),
  );
  return nb;
}
