/** Which importer a file needs: by its first bytes, then by its name. */
import { extname } from 'node:path';
import { ImportError } from './errors';

export type Format = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** The format of a file, or an ImportError for a kind Dossier does not import. */
export function detectFormat(fileName: string, bytes: Uint8Array): Format {
  const ext = extname(fileName).toLowerCase();
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    if (ext === '.docx') return 'docx';
    throw new ImportError(ext === '.doc' ? 'is an old Word file (.doc); save it as .docx or PDF first' : 'is a ZIP archive, not a document Dossier can read');
  }
  if (ext === '.pdf') throw new ImportError('is named .pdf but is not a PDF (it does not start with %PDF)');
  if (ext === '.docx') throw new ImportError('is named .docx but is not a Word document');
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  throw new ImportError(`has a kind of file Dossier does not import (${ext}); it takes .txt, .md, .html, .pdf and .docx`);
}
