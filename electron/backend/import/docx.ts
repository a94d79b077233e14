/** Word documents (.docx) by mammoth: the text, a paragraph per paragraph, headings marked. */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { normalizeText } from '../../../shared/domain/text';
import type { ExtractedDocument } from './document';
import { ImportError } from './errors';
import { blocks } from './html';

/** Extracts the text of a .docx file. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new ImportError(`is not a readable Word document (it may be damaged): ${(e as Error).message}`);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const found = blocks(document.body as unknown as Parameters<typeof blocks>[0]);
  const text = normalizeText(found.paragraphs.join('\n\n'));
  if (text === '') throw new ImportError('is a Word document with no text');
  const first = found.headings[0] ?? text.split('\n', 1)[0].trim();
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
    headings: found.headings,
  };
}
