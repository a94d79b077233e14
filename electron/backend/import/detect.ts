/** Which importer a file needs: by its first bytes, then by its name. */
import { extname } from 'node:path';
import { ImportError } from './errors';

export type Format = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'email' | 'msg' | 'csv' | 'xlsx';

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const MAIL_EXTENSIONS = new Set(['.eml', '.mime']);
/** An OLE compound file: an Outlook .msg, an old Word .doc or Excel .xls. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The header fields a message starts with, one of which an .eml without its extension shows in its first line. */
const MAIL_HEADER = /^(return-path|received|from|to|subject|date|message-id|mime-version|delivered-to|x-[a-z0-9-]+|dkim-signature|authentication-results|reply-to|sender|content-type):[ \t]/i;

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Whether a text starts as a message does: header fields (three at least) up to a blank line or the end of what was looked at. */
function looksLikeMessage(head: string): boolean {
  if (!MAIL_HEADER.test(head)) return false;
  const lines = head.split(/\r?\n/);
  const end = lines.indexOf('');
  const fields = (end < 0 ? lines.slice(0, -1) : lines.slice(0, end)).filter((l) => !/^[ \t]/.test(l));
  return fields.length >= 3 && fields.every((l) => /^[\x21-\x39\x3b-\x7e]+:/.test(l));
}

/** Whether a file is a mailbox (mbox): by its name, or by its first line, a "From " line followed by a message. */
export function isMailbox(fileName: string, bytes: Uint8Array): boolean {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.mbox' || ext === '.mbx') return true;
  if (!startsWith(bytes, 'From ')) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const newline = head.indexOf('\n');
  return newline > 0 && looksLikeMessage(head.slice(newline + 1));
}

/** The kind of image a file's first bytes show, or null. */
export function imageKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, '\x89PNG')) return 'PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (startsWith(bytes, 'GIF8')) return 'GIF';
  if (startsWith(bytes, 'II*\u0000') || startsWith(bytes, 'MM\u0000*')) return 'TIFF';
  if (startsWith(bytes, 'RIFF') && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'WebP';
  if (startsWith(bytes, 'BM')) return 'BMP';
  return null;
}

/** The format of a file, or an ImportError for a kind Dossier does not import. */
export function detectFormat(fileName: string, bytes: Uint8Array): Format {
  const ext = extname(fileName).toLowerCase();
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    if (ext === '.docx') return 'docx';
    if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
    if (ext === '.ods') throw new ImportError('is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV first');
    throw new ImportError(ext === '.doc' ? 'is an old Word file (.doc); save it as .docx or PDF first' : 'is a ZIP archive, not a document Dossier can read');
  }
  const image = imageKind(bytes);
  if (image) throw new ImportError(`is an image (${image}); Dossier does not read the text of images yet`);
  if (OLE.every((b, i) => bytes[i] === b)) {
    if (ext === '.msg') return 'msg';
    if (ext === '.doc') throw new ImportError('is an old Word file (.doc); save it as .docx or PDF first');
    if (ext === '.xls') throw new ImportError('is an old Excel file (.xls); save it as .xlsx or CSV first');
    // Excel keeps a password-protected workbook in an encrypted container of this kind.
    if (ext === '.xlsx' || ext === '.docx') throw new ImportError('is password-protected (it is encrypted); save an unprotected copy and import that');
    throw new ImportError(`is an old Office file (${ext || 'no extension'}); Dossier reads Outlook .msg messages of this kind, and Word documents saved as .docx`);
  }
  if (ext === '.msg') throw new ImportError('is named .msg but is not an Outlook message');
  if (ext === '.pdf') throw new ImportError('is named .pdf but is not a PDF (it does not start with %PDF)');
  if (ext === '.docx') throw new ImportError('is named .docx but is not a Word document');
  if (ext === '.xlsx') throw new ImportError('is named .xlsx but is not an Excel workbook');
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  if (MAIL_EXTENSIONS.has(ext)) return 'email';
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  // A saved message without its extension: its first lines are header fields.
  if (ext === '' && looksLikeMessage(head)) return 'email';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  throw new ImportError(`has a kind of file Dossier does not import (${ext}); it takes .txt, .md, .html, .pdf, .docx, e-mail (.eml, .mbox, .msg) and spreadsheets (.csv, .tsv, .xlsx)`);
}
