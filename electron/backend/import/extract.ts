/**
 * One entry point for every importer: the file's name and bytes in, an extracted document or an
 * ImportError (naming the problem) out. Pure apart from the libraries it calls, so it can run in
 * a worker thread.
 */
import { decodeText } from './decode';
import { detectFormat } from './detect';
import type { ExtractedDocument } from './document';
import { extractText } from './text';
import { ImportError } from './errors';
import { tidyByline, tidyTitle } from './tidy';
import { detectLanguage } from '../../../shared/domain/language';
import { webUrlOrNull } from '../../../shared/domain/web-url';
import { MAX_SOURCE_TEXT } from '../../../shared/domain/text';

/** The refusal of a text longer than a source may be, with its size in words a reader can check. */
function tooLong(chars: number, bytes: number): ImportError {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  return new ImportError(
    `is ${chars.toLocaleString('en')} characters of text (a ${megabytes} MB file); a source holds at most ${MAX_SOURCE_TEXT.toLocaleString('en')}. Split it into parts and import those`,
  );
}

/** Extracts a document from a file's bytes; every failure is an ImportError saying what is wrong. */
export async function extractDocument(fileName: string, bytes: Uint8Array, depth = 0): Promise<ExtractedDocument> {
  try {
    return await extract(fileName, bytes, depth);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`could not be read: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** `depth`: how many messages the file is attached to (0 for a file of its own). */
async function extract(fileName: string, bytes: Uint8Array, depth: number): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new ImportError('is empty');
  const format = detectFormat(fileName, bytes);
  let doc: ExtractedDocument;
  // Each reader (pdf.js, mammoth, linkedom and Readability) is loaded when a file of its kind first
  // comes: a worker that reads only web pages starts without the others.
  if (format === 'pdf') doc = await (await import('./pdf')).extractPdf(bytes);
  else if (format === 'docx') doc = await (await import('./docx')).extractDocx(bytes);
  else if (format === 'html') doc = (await import('./html')).extractHtml(bytes);
  else if (format === 'email') doc = await (await import('./email')).extractEml(bytes, extractDocument, depth);
  else if (format === 'msg') doc = await (await import('./email')).extractMsg(bytes, extractDocument, depth);
  else if (format === 'csv') doc = await (await import('./sheet')).extractCsv(fileName, bytes);
  else if (format === 'xlsx') doc = await (await import('./sheet')).extractXlsx(fileName, bytes);
  else {
    const { text, encoding } = decodeText(bytes);
    // Checked before the text is worked on: a 40 MB text would otherwise take minutes and a gigabyte.
    if (text.length > MAX_SOURCE_TEXT) throw tooLong(text.length, bytes.length);
    doc = extractText(text, format === 'markdown');
    if (!['utf-8', 'utf-16le', 'utf-16be'].includes(encoding)) doc.warnings.push(`It was read as ${encoding}.`);
  }
  if (doc.text.trim() === '') throw new ImportError(doc.mail ? 'is a message with nothing in it (no headers Dossier reads, no body, no attachment)' : 'has no text');
  if (doc.text.length > MAX_SOURCE_TEXT) throw tooLong(doc.text.length, bytes.length);
  // Whatever the file says (a Markdown front matter can say anything), only a web address is kept.
  const url = webUrlOrNull(doc.url);
  if (doc.url && !url) doc.warnings.push(`Its address “${doc.url.slice(0, 80)}” is not a web address (http or https); it was left out.`);
  const byline = tidyByline(doc.byline);
  // A file that does not say its language (a text, a PDF, a page without lang) gets the one its text shows, when that is clear.
  // A message has had its body looked at already (its header block says nothing of its language).
  const lang = doc.lang ?? (doc.mail || doc.table || doc.attachments ? null : (detectLanguage(doc.text)?.lang ?? null));
  return { ...doc, url, byline, lang, title: tidyTitle(doc.title, { siteName: doc.outlet, byline, url }) };
}
