/**
 * Bytes to text. A byte-order mark decides (UTF-8, UTF-16 LE or BE); otherwise valid UTF-8 is
 * UTF-8; otherwise a file with no UTF-8 sequences at all is in a legacy 8-bit encoding (detected
 * by chardet, Windows-1252 by default), while a file that mixes valid UTF-8 with broken bytes is
 * damaged UTF-8 and refused. Binary files are refused. Legacy encodings are decoded by iconv-lite:
 * Node 20's TextDecoder reads "windows-1252" as Latin-1 and loses curly quotes and dashes.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportError } from './errors';

const SNIFF = 8192;

/** Whether the bytes look binary: NUL bytes, or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control / n > 0.02;
}

/** Where the first invalid UTF-8 sequence is, and whether any valid multi-byte one exists. */
function utf8Scan(bytes: Uint8Array): { firstInvalid: number; multibyte: boolean } {
  let multibyte = false;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (len === 0 || i + len > bytes.length) return { firstInvalid: i, multibyte };
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return { firstInvalid: i, multibyte };
    multibyte = true;
    i += len;
  }
  return { firstInvalid: -1, multibyte };
}

const LEGACY = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-2', 'iso-8859-15', 'windows-1250', 'windows-1251', 'koi8-r', 'iso-8859-5', 'iso-8859-7', 'windows-1253', 'iso-8859-9', 'windows-1254']);

/** Decodes a text file's bytes (see the module comment); `declared` is a charset the file names. */
export function decodeText(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new ImportError('is not a text file (it holds binary data)');
  const { firstInvalid, multibyte } = utf8Scan(bytes);
  if (firstInvalid < 0) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const label = declared?.toLowerCase().trim();
  if (label && label !== 'utf-8' && label !== 'utf8' && iconv.encodingExists(label)) {
    const encoding = label === 'iso-8859-1' || label === 'latin1' || label === 'us-ascii' ? 'windows-1252' : label;
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
  }
  if (multibyte) throw new ImportError(`is not valid UTF-8: the bytes at position ${firstInvalid} are broken. Save it again as UTF-8 text`);
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  // As browsers do (WHATWG Encoding): "ISO-8859-1" text is read as Windows-1252, whose curly
  // quotes and dashes sit where Latin-1 has unused control codes. Node's decoder does not.
  const encoding = guess === 'iso-8859-1' || !LEGACY.has(guess) ? 'windows-1252' : guess;
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
}
