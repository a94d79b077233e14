/** What an importer extracts from a file, before the user reviews it. */
import type { Format } from './detect';

export interface ExtractedDocument {
  format: Format;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  /** A partial date (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  published: string | null;
  lang: string | null;
  url: string | null;
  /** The normalised text, paragraphs separated by blank lines. */
  text: string;
  /** What the user should know (an encoding guessed, a date not understood). */
  warnings: string[];
  /** The paragraphs that are headings, by their text, in order (web pages and Word documents). */
  headings?: string[];
}
