/**
 * Reads a file's document as extract.ts does, loading the readers (linkedom, Readability, pdf.js,
 * mammoth, the encoding detectors) on first use, so that a host starts without them and one that
 * reads in workers never loads them on the thread that serves the API.
 */
import type { ExtractedDocument } from './document';

export async function extractLazily(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const { extractDocument } = await import('./extract');
  return extractDocument(fileName, bytes);
}
