/**
 * Pure text handling for sources: the normal form every stored body is in (offsets of
 * annotations count UTF-16 code units over this form), word counts and paragraphs.
 */
import { partialDatePrecision } from './dates';

/** The longest text Dossier takes for one source, in UTF-16 characters (a long report is ~500,000). */
export const MAX_SOURCE_TEXT = 5_000_000;

/**
 * The normal form of a source's text: Unicode NFC, no byte-order mark, LF line endings, no
 * trailing spaces at line ends and no blank lines at the start or end. Inner whitespace is kept as
 * received because the text is the source as received. The content hash of a source is the sha256
 * of this string in UTF-8.
 */
export function normalizeText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[ \t\u00A0]+$/gm, '')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Counts words as an editor's word processor does: runs of non-space characters that contain a
 * letter or digit ("code-named" and "P-Hunt_20.3" are one word each; a lone dash is none). Scripts
 * written without spaces (Chinese, Japanese, Thai, ...) are segmented by Intl's word rules.
 */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) {
    if (UNSPACED_SCRIPT.test(token)) {
      for (const segment of wordSegmenter.segment(token)) if (segment.isWordLike) n++;
    } else if (HAS_LETTER_OR_DIGIT.test(token)) {
      n++;
    }
  }
  return n;
}

/** A paragraph of a source's text, with its UTF-16 offsets into the normalised text. */
export interface Paragraph {
  start: number;
  end: number;
  text: string;
}

/**
 * Splits normalised text into paragraphs at blank lines. Offsets point into the same string, so
 * a later highlight can be placed inside a paragraph without re-searching the text.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const re = /\n[ \t]*\n+/g;
  let start = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const end = m ? m.index : text.length;
    const chunk = text.slice(start, end);
    if (chunk.trim() !== '') paragraphs.push({ start, end, text: chunk });
    if (!m) break;
    start = m.index + m[0].length;
  }
  return paragraphs;
}

/** What {@link parseDatedText} found. */
export interface DatedText {
  /** The date of the leading `date YYYY-MM-DD` line, or null when there is none. */
  published: string | null;
  /** The text after the date marker, normalised. Everything else is kept as received. */
  body: string;
  /** Set when a `date` marker was present but not a real date; the marker is then kept in the body. */
  warning: string | null;
}

const DATE_MARKER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|\n+|$)/i;

/**
 * Reads the seed-style publication date: a leading `date YYYY-MM-DD` marker, followed on the same
 * line or the next by the text. Only the marker is removed; a caption or a "First Published" line
 * stays in the body because it is part of the source as received. A text without the marker is
 * undated (never dated today).
 */
export function parseDatedText(raw: string): DatedText {
  const text = normalizeText(raw.replace(/^\uFEFF/, '').replace(/^[ \t]+/, ''));
  const m = DATE_MARKER.exec(text);
  if (!m) return { published: null, body: text, warning: null };
  const date = m[1];
  if (partialDatePrecision(date) !== 'day') {
    return { published: null, body: text, warning: `The leading date "${date}" is not a real date; the source is kept undated.` };
  }
  return { published: date, body: normalizeText(text.slice(m[0].length)), warning: null };
}

/**
 * Where the given heading paragraphs start in a text: each heading is matched, in order, to the
 * next paragraph with exactly its text. Headings not found are left out.
 */
export function headingOffsets(text: string, headings: readonly string[]): number[] {
  const paragraphs = splitParagraphs(text);
  const out: number[] = [];
  let from = 0;
  for (const heading of headings) {
    const i = paragraphs.findIndex((p, k) => k >= from && p.text === heading);
    if (i < 0) continue;
    out.push(paragraphs[i].start);
    from = i + 1;
  }
  return out;
}
