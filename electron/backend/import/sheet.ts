/**
 * Spreadsheets as table sources. CSV and TSV are read by papaparse, every cell kept as written
 * ("007", "1,200.50"); an .xlsx workbook by SheetJS (the @e965/xlsx publication of its 0.20.3
 * release, which has the fixes of its known vulnerabilities), every cell as the workbook shows it
 * ("12%", "£1,200", "31/03/2024"), never the bare number underneath. A sheet's text is its rows,
 * one per line, cells separated by tabs (shared/domain/table.ts): searchable, highlightable, and
 * each passage names its cell. A workbook of several sheets is a source that lists them, with each
 * sheet a source of its own linked to it.
 */
import type { ImportMethod } from '../../../shared/domain/source';
import { tableText, type TablePlace } from '../../../shared/domain/table';
import { decodeText } from './decode';
import type { ExtractedAttachment, ExtractedDocument } from './document';
import { ImportError } from './errors';

/** A sheet larger than this many cells is refused by name (a source holds at most 5,000,000 characters anyway). */
const MAX_CELLS = 2_000_000;
/** Rows read of a sheet at most: a workbook that unpacks to millions of rows is refused before it is held. */
const MAX_ROWS = 200_000;

function sheetDocument(format: 'csv' | 'xlsx', title: string, rows: string[][], place: Omit<TablePlace, 'sheet'>, sheet: string | null): ExtractedDocument {
  const table = tableText(rows, place.firstRow, place.firstColumn);
  return {
    format,
    title,
    byline: null,
    outlet: null,
    published: null,
    lang: null,
    url: null,
    text: table.text,
    warnings: [],
    table: { sheet, ...table.place },
  };
}

/** A CSV or TSV file: one table source. */
export async function extractCsv(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const Papa = (await import('papaparse')).default;
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: /\.tsv$/i.test(fileName) ? '\t' : '', skipEmptyLines: false });
  const rows = parsed.data.filter((r): r is string[] => Array.isArray(r));
  if (rows.reduce((n, r) => n + r.length, 0) > MAX_CELLS) throw new ImportError(`has more than ${MAX_CELLS.toLocaleString('en')} cells; split it into smaller files`);
  const doc = sheetDocument('csv', fileName.replace(/\.[^.]+$/, ''), rows, { firstRow: 1, firstColumn: 0 }, null);
  // Quotes left open and rows of another length are said, with the first row each is met on.
  const problems = new Map<string, number>();
  for (const e of parsed.errors) if (!problems.has(e.code)) problems.set(e.code, (e.row ?? 0) + 1);
  for (const [code, row] of problems) {
    if (code === 'UndetectableDelimiter') continue;
    doc.warnings.push(code === 'MissingQuotes' ? `A quoted cell is not closed (from row ${row}); the rest of the file was read into it.` : `Row ${row} does not have as many cells as the others.`);
  }
  if (!['utf-8', 'utf-16le', 'utf-16be'].includes(encoding)) doc.warnings.push(`It was read as ${encoding}.`);
  return doc;
}

/** An .xlsx workbook: one table source, or a source listing its sheets with each sheet beside it. */
export async function extractXlsx(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const XLSX = await import('@e965/xlsx');
  let book: ReturnType<typeof XLSX.read>;
  try {
    // Formulas, styles and links are not read: only what each cell shows.
    book = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, cellText: true, dense: true, WTF: false, sheetRows: MAX_ROWS + 1 });
  } catch (e) {
    const message = (e as Error).message;
    if (/password-protected/i.test(message)) throw new ImportError('is a password-protected workbook; save an unprotected copy and import that');
    throw new ImportError(`is not a readable Excel workbook (it may be damaged): ${message}`);
  }
  const name = fileName.replace(/\.[^.]+$/, '');
  const sheets: { sheet: string; doc: ExtractedDocument }[] = [];
  const empty: string[] = [];
  for (const sheet of book.SheetNames) {
    const ws = book.Sheets[sheet];
    const ref = ws?.['!ref'];
    if (!ws || !ref) {
      empty.push(sheet);
      continue;
    }
    const full = XLSX.utils.decode_range(ws['!fullref'] ?? ref);
    if (full.e.r - full.s.r + 1 > MAX_ROWS) throw new ImportError(`has a sheet (“${sheet}”) of more than ${MAX_ROWS.toLocaleString('en')} rows; save it in parts`);
    const range = XLSX.utils.decode_range(ref);
    if ((range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1) > MAX_CELLS) throw new ImportError(`has a sheet (“${sheet}”) of more than ${MAX_CELLS.toLocaleString('en')} cells; save it in parts`);
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true });
    const doc = sheetDocument('xlsx', book.SheetNames.length === 1 ? name : `${name} — ${sheet}`, rows, { firstRow: range.s.r + 1, firstColumn: range.s.c }, sheet);
    if (doc.text.trim() === '') empty.push(sheet);
    else sheets.push({ sheet, doc });
  }
  if (sheets.length === 0) throw new ImportError('is a workbook with no cells filled in');
  const emptyWords = empty.length > 0 ? ` ${empty.length === 1 ? 'Its sheet' : 'Its sheets'} ${empty.map((s) => `“${s}”`).join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty.` : '';
  if (sheets.length === 1) {
    const only = sheets[0].doc;
    if (emptyWords) only.warnings.push(emptyWords.trim());
    return only;
  }
  // Several sheets: the workbook is listed, each sheet is a source of its own linked to it.
  const method: ImportMethod = 'xlsx-file';
  const parts: ExtractedAttachment[] = sheets.map(({ sheet, doc }) => ({ fileName: sheet, contentType: 'sheet', bytes, doc, problem: null, method }));
  const lines = sheets.map(({ sheet, doc }) => {
    const rows = doc.text.split('\n').length;
    return `${sheet}: ${rows.toLocaleString('en')} row${rows === 1 ? '' : 's'}`;
  });
  return {
    format: 'xlsx',
    title: name,
    byline: null,
    outlet: null,
    published: null,
    lang: null,
    url: null,
    text: `Workbook “${fileName}”, ${sheets.length} sheets:\n\n${lines.join('\n')}`,
    warnings: emptyWords ? [emptyWords.trim()] : [],
    attachments: parts,
  };
}
