/**
 * Saved web pages: the article is extracted by Mozilla's Readability over linkedom's DOM (no
 * browser, no script runs, nothing is fetched). Only text is kept, so scripts, event handlers,
 * iframes, forms and remote images never reach the app. Metadata: title, byline, site name,
 * published time, language, canonical URL.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeText } from '../../../shared/domain/text';
import { decodeText } from './decode';
import { toPartialDate } from './dates';
import type { ExtractedDocument } from './document';
import { ImportError } from './errors';

const BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'FIGCAPTION',
  'TR',
  'DT',
  'DD',
  'DIV',
  'SECTION',
  'ARTICLE',
  'TABLE',
  'UL',
  'OL',
  'FIGURE',
  'HEADER',
  'FOOTER',
  'ASIDE',
]);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SVG', 'TEMPLATE', 'FIGCAPTION']);
/** A photo's caption or credit is not the article's text: it would read as a paragraph of the story. */
const CAPTION_TOKEN = /^(?!(?:.*[-_])?no[-_]?caption)(?:[\w-]*[-_])?(?:caption|credit|photo-?credit|image-?credit)(?:[-_]text)?$/i;
const isCaption = (className: string | null | undefined): boolean => !!className && className.split(/\s+/).some((t) => CAPTION_TOKEN.test(t));

interface DomNode {
  nodeType: number;
  nodeName: string;
  getAttribute?(name: string): string | null;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The text of an element, a paragraph per block element, whitespace inside paragraphs folded. */
export function blocksToText(root: DomNode): string {
  return blocks(root).paragraphs.join('\n\n');
}

/** The paragraphs of an element, and which of them are headings. */
export function blocks(root: DomNode): { paragraphs: string[]; headings: string[] } {
  const paragraphs: string[] = [];
  const headings: string[] = [];
  let current = '';
  let inHeading = 0;
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) {
      paragraphs.push(p);
      if (inHeading > 0) headings.push(p);
    }
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 || DROPPED.has(node.nodeName)) return;
    if (isCaption(node.getAttribute?.('class'))) return;
    if (node.nodeName === 'BR') {
      current += ' ';
      return;
    }
    const block = BLOCKS.has(node.nodeName);
    const heading = HEADINGS.has(node.nodeName);
    if (block) flush();
    if (heading) inHeading++;
    // Sibling by sibling: linkedom builds a new array at every read of childNodes, which made a
    // page of thousands of paragraphs take seconds.
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
    if (heading) inHeading--;
  };
  walk(root);
  flush();
  return { paragraphs, headings };
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

/**
 * The page without what can never be article text: scripts (but JSON-LD, which Readability reads
 * for the byline and date), style sheets and comments. On real news pages that is about half the
 * bytes, and the DOM built from the rest costs half as much to build and to walk. Script and style
 * bodies are raw text in HTML: they end at the first closing tag, as these patterns do.
 */
export function withoutScripts(html: string): string {
  return html
    .replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

function meta(document: HtmlDocument, ...names: string[]): string | null {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

/** Extracts the article of a saved web page. */
export function extractHtml(bytes: Uint8Array): ExtractedDocument {
  const { text: decoded, encoding } = decodeText(bytes, declaredCharset(bytes));
  // A fragment (no <html>) gets a document around it, so that it has a head and a body.
  const html = /<html[\s>]/i.test(decoded) ? decoded : `<!doctype html><html><head></head><body>${decoded}</body></html>`;
  const { document } = parseHTML(withoutScripts(html));
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, 'og:url');
  const published = meta(document, 'article:published_time', 'datePublished', 'pubdate', 'date', 'DC.date.issued');
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  let article: ReturnType<Readability<DomNode>['parse']>;
  try {
    // The article comes back as its element, walked as it is: no HTML written out and parsed again.
    article = new Readability<DomNode>(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 200,
      keepClasses: true,
      serializer: (el) => el as unknown as DomNode,
    }).parse();
  } catch (e) {
    throw new ImportError(`could not be read as a web page: ${(e as Error).message}`);
  }
  if (!article || !article.content) throw new ImportError('has no article Dossier can find (it may be an index page, a login page or mostly scripts)');
  const found = blocks(article.content);
  const text = normalizeText(found.paragraphs.join('\n\n'));
  if (text.length < 100) throw new ImportError('has no article Dossier can find: the page holds only a few words of text');
  const url = canonical && /^https?:\/\//i.test(canonical) ? canonical : null;
  return {
    format: 'html',
    title: article.title?.trim() || null,
    byline: article.byline?.trim() || null,
    outlet: article.siteName?.trim() || null,
    published: toPartialDate(article.publishedTime) ?? toPartialDate(published),
    lang: article.lang?.trim() || lang,
    url,
    text,
    warnings: encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be' ? [] : [`It was read as ${encoding}.`],
    headings: found.headings,
  };
}

/**
 * The whole text of an HTML fragment or page, a paragraph per block, without scripts, styles,
 * forms or images: for an e-mail's HTML body, which is all message, with no page around it to cut.
 */
export function htmlBodyText(html: string): string {
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(withoutScripts(page));
  return normalizeText(blocksToText((document.body ?? document.documentElement) as unknown as DomNode));
}
