/**
 * One entry point for every importer: the file's name and bytes in, an extracted document or an
 * ImportError (naming the problem) out. Pure apart from the libraries it calls, so it can run in
 * a worker thread.
 */
import { decodeText } from './decode';
import { detectFormat } from './detect';
import type { ExtractedDocument } from './document';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { extractPdf } from './pdf';
import { extractText } from './text';
import { ImportError } from './errors';

/** Extracts a document from a file's bytes; every failure is an ImportError saying what is wrong. */
export async function extractDocument(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  try {
    return await extract(fileName, bytes);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`could not be read: ${(e as Error)?.message ?? String(e)}`);
  }
}

async function extract(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new ImportError('is empty');
  const format = detectFormat(fileName, bytes);
  let doc: ExtractedDocument;
  if (format === 'pdf') doc = await extractPdf(bytes);
  else if (format === 'docx') doc = await extractDocx(bytes);
  else if (format === 'html') doc = extractHtml(bytes);
  else {
    const { text, encoding } = decodeText(bytes);
    doc = extractText(text, format === 'markdown');
    if (!['utf-8', 'utf-16le', 'utf-16be'].includes(encoding)) doc.warnings.push(`It was read as ${encoding}.`);
  }
  if (doc.text.trim() === '') throw new ImportError('has no text');
  return doc;
}
