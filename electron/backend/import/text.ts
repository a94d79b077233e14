/**
 * Plain text and Markdown. A leading `date YYYY-MM-DD` line (the seed style) or YAML front matter
 * (title, date, author, outlet or source or publication, url, lang) is read as metadata; the rest
 * is the text. The title is the front matter's, else a Markdown heading at the top, else a short
 * first line.
 */
import { parse as parseYaml } from 'yaml';
import { normalizeText, parseDatedText } from '../../../shared/domain/text';
import { toPartialDate } from './dates';
import type { ExtractedDocument } from './document';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** Extracts a text or Markdown file's text and metadata. */
export function extractText(decoded: string, markdown: boolean): ExtractedDocument {
  const warnings: string[] = [];
  let text = normalizeText(decoded);
  let meta: Record<string, unknown> = {};
  const fm = markdown || text.startsWith('---\n') ? FRONT_MATTER.exec(text) : null;
  if (fm) {
    try {
      const parsed = parseYaml(fm[1]) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
      text = normalizeText(text.slice(fm[0].length));
    } catch {
      warnings.push('Its front matter is not valid YAML; it was kept as part of the text.');
    }
  }
  const dated = parseDatedText(text);
  if (dated.warning) warnings.push(dated.warning);
  text = dated.body;
  let title = str(meta.title);
  if (!title && markdown) {
    const heading = /^#\s+(.+)\n*/.exec(text);
    if (heading) {
      title = heading[1].trim();
      text = normalizeText(text.slice(heading[0].length));
    }
  }
  if (!title) {
    const first = text.split('\n', 1)[0].trim();
    // A headline may ask or exclaim ("Is the NHS ready?", "Blair: 'No more tax rises'") when it is
    // a paragraph of its own; a first line that runs on into the text must not end a sentence.
    const alone = /^[^\n]*\n[ \t]*\n\S/.test(text);
    if (first.length > 0 && first.length <= 120 && (alone ? !/[.:,;…]$/.test(first) : !/[.!?:”"…,;]$/.test(first))) {
      title = first.replace(/\s+/g, ' ');
      // A first line that is its own paragraph is the title, not the text's first paragraph: the
      // reader would show it twice. (The file itself is kept as it was.)
      const rest = /^[^\n]*\n[ \t]*\n([\s\S]*\S[\s\S]*)$/.exec(text);
      if (rest) text = normalizeText(rest[1]);
    }
  }
  const metaDate = meta.date ?? meta.published ?? meta.publishedTime;
  const published = dated.published ?? toPartialDate(metaDate);
  if (metaDate !== undefined && !dated.published && !published) warnings.push(`Its date “${String(metaDate)}” is not a date Dossier understands; it is left undated.`);
  return {
    format: markdown ? 'markdown' : 'text',
    title,
    byline: str(meta.author) ?? str(meta.byline),
    outlet: str(meta.outlet) ?? str(meta.source) ?? str(meta.publication) ?? str(meta.site),
    published,
    lang: str(meta.lang) ?? str(meta.language),
    url: str(meta.url) ?? str(meta.link),
    text,
    warnings,
  };
}
