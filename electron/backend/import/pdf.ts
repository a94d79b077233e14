/**
 * PDF text by pdf.js (Mozilla's PDF engine), page by page. Scripts and fonts are not run or
 * loaded; an encrypted or damaged PDF gets a clear refusal.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { normalizeText } from '../../../shared/domain/text';
import { toPartialDate } from './dates';
import type { ExtractedDocument } from './document';
import { ImportError } from './errors';

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
}

/** One page's text: lines joined; a paragraph break where the vertical gap is larger than usual. */
function pageText(items: TextItem[]): string {
  let out = '';
  let lastY: number | null = null;
  let lastGap = 0;
  for (const item of items) {
    const y = item.transform?.[5] ?? null;
    if (lastY !== null && y !== null && y !== lastY) {
      const gap = Math.abs(lastY - y);
      out += lastGap > 0 && gap > lastGap * 1.6 ? '\n\n' : out.endsWith(' ') || out.endsWith('-') ? '' : ' ';
      lastGap = lastGap === 0 ? gap : Math.min(lastGap, gap);
    }
    out += item.str;
    if (y !== null) lastY = y;
    if (item.hasEOL && !out.endsWith(' ')) out += ' ';
  }
  return out.replace(/[ \t]+/g, ' ').trim();
}

/** Extracts the text and metadata of a PDF. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  let pdf: PDFDocumentProxy;
  try {
    pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: true, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new ImportError('is an encrypted PDF; Dossier cannot read it without the password. Save an unprotected copy and import that');
    throw new ImportError(`is not a readable PDF (it may be damaged or truncated): ${(e as Error).message}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as TextItem[]));
      page.cleanup();
    }
    const text = normalizeText(pages.filter(Boolean).join('\n\n'));
    if (text === '') throw new ImportError('has no text Dossier can read (it may be scanned images; run it through OCR first)');
    const { info } = (await pdf.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    const author = typeof info.Author === 'string' && info.Author.trim() ? info.Author.trim() : null;
    return { format: 'pdf', title, byline: author, outlet: null, published: toPartialDate(info.CreationDate), lang: null, url: null, text, warnings: [] };
  } catch (e) {
    // A PDF can open and still be damaged further in (a page, a font, a content stream).
    if (e instanceof ImportError) throw e;
    throw new ImportError(`is a damaged PDF: ${(e as Error).message}`);
  } finally {
    await pdf.destroy();
  }
}
