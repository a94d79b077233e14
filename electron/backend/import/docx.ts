/** Word documents (.docx) by mammoth: the text, a paragraph per paragraph. */
import mammoth from 'mammoth';
import { normalizeText } from '../../../shared/domain/text';
import type { ExtractedDocument } from './document';
import { ImportError } from './errors';

/** Extracts the text of a .docx file. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new ImportError(`is not a readable Word document (it may be damaged): ${(e as Error).message}`);
  }
  const text = normalizeText(raw.replace(/\n{2,}/g, '\n\n'));
  if (text === '') throw new ImportError('is a Word document with no text');
  const first = text.split('\n', 1)[0].trim();
  return {
    format: 'docx',
    title: first.length <= 150 ? first : null,
    byline: null,
    outlet: null,
    published: null,
    lang: null,
    url: null,
    text,
    warnings: [],
  };
}
