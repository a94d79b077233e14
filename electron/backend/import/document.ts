/** What an importer extracts from a file, before the user reviews it. */
import type { ImportMethod, MailInfo, TableInfo } from '../../../shared/domain/source';
import type { Format } from './detect';

/** What a message says of itself; its attachments come beside it. */
export type ExtractedMail = Omit<MailInfo, 'attachments' | 'mailboxIndex'>;

/** A file attached to a message: read as an imported file would be, or the reason it could not be. */
export interface ExtractedAttachment {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  doc: ExtractedDocument | null;
  problem: string | null;
  /** How the part came (a message's attachment unless said: a workbook's sheet). */
  method?: ImportMethod;
}

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
  /** Of an e-mail message: who wrote to whom, when. */
  mail?: ExtractedMail;
  /** Of an e-mail message: its attached files, in order (of a workbook: its sheets). */
  attachments?: ExtractedAttachment[];
  /** Of a table (a sheet, a CSV file): where its text sits in the sheet. */
  table?: TableInfo;
}
