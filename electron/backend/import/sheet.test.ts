/**
 * Spreadsheets as table sources. The workbooks are written here with SheetJS as a newsroom's
 * would be (number formats for money, percentages and dates, a table that does not start at A1, an
 * empty sheet), so that what each cell shows is known; the CSV files are written as exports from
 * other programs write them (quoted commas, leading zeros, Windows-1252). A figure in a cell is
 * cited to its sheet and cell in the fact sheet.
 */
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellAt, cellsOf, columnName, tableText } from '../../../shared/domain/table';
import { factSheetMarkdown } from '../../../shared/factsheet/markdown';
import { createAnnotation } from '../annotations/service';
import { createEntity } from '../entities/service';
import { factSheetOf, withCells } from '../factsheet/service';
import { Notebook } from '../store/notebook';
import { tempDir } from '../testing/fixtures';
import { extractDocument } from './extract';
import { importPaths } from './pipeline';

/** A workbook of council spending: a formatted table from B3, a notes sheet, an empty sheet. */
function workbook(): Uint8Array {
  const book = XLSX.utils.book_new();
  const spending = XLSX.utils.aoa_to_sheet([[], [], [null, 'Service', 'Budget 2023', 'Change', 'Agreed']]);
  XLSX.utils.sheet_add_aoa(
    spending,
    [
      ['Adult social care', 1200.5, 0.125, new Date(Date.UTC(2023, 2, 31))],
      ['Libraries', 87, -0.3, new Date(Date.UTC(2023, 1, 14))],
    ],
    { origin: 'B4', cellDates: true },
  );
  for (const ref of ['C4', 'C5']) spending[ref].z = '"£"#,##0.00';
  for (const ref of ['D4', 'D5']) spending[ref].z = '0.0%';
  for (const ref of ['E4', 'E5']) spending[ref].z = 'dd/mm/yyyy';
  XLSX.utils.book_append_sheet(book, spending, 'Spending');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Source: council budget book, p. 14'], ['Figures in £ thousands']]), 'Notes');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Empty');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', cellDates: true }) as ArrayBuffer);
}

describe('a table’s text and its cells', () => {
  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('keeps rows and cells, cleans tabs and line breaks inside cells, and counts leading empty rows', () => {
    const t = tableText([[], ['', ''], ['', 'Name', 'Note'], ['', 'Ann\tLee', 'two\nlines', '', ''], [], ['', 'last']], 1, 1);
    expect(t.text).toBe('Name\tNote\nAnn Lee\ttwo lines\n\nlast');
    expect(t.place).toEqual({ firstRow: 3, firstColumn: 2 });
    const place = { sheet: 'S', ...t.place };
    expect(cellAt(t.text, place, t.text.indexOf('Lee'))).toBe('C4');
    expect(cellAt(t.text, place, t.text.indexOf('lines'))).toBe('D4');
    expect(cellAt(t.text, place, t.text.indexOf('last'))).toBe('C6');
    expect(cellsOf(t.text, place, t.text.indexOf('Ann'), t.text.indexOf('lines') + 5)).toBe('C4:D4');
  });
});

describe('reading spreadsheets', () => {
  it('a workbook of several sheets: a source listing them, each sheet a table of what its cells show', async () => {
    const doc = await extractDocument('council-budget.xlsx', workbook());
    expect(doc.format).toBe('xlsx');
    expect(doc.title).toBe('council-budget');
    expect(doc.text).toContain('2 sheets');
    expect(doc.warnings.join(' ')).toContain('Its sheet “Empty” is empty.');
    const [spending, notes] = doc.attachments!;
    expect(spending.fileName).toBe('Spending');
    expect(spending.method).toBe('xlsx-file');
    expect(spending.doc!.title).toBe('council-budget — Spending');
    // Money, percentages and dates as the workbook shows them, never the bare numbers.
    expect(spending.doc!.text.split('\n')).toEqual(['Service\tBudget 2023\tChange\tAgreed', 'Adult social care\t£1,200.50\t12.5%\t31/03/2023', 'Libraries\t£87.00\t-30.0%\t14/02/2023']);
    expect(spending.doc!.table).toEqual({ sheet: 'Spending', firstRow: 3, firstColumn: 1 });
    const text = spending.doc!.text;
    expect(cellAt(text, spending.doc!.table!, text.indexOf('£1,200.50'))).toBe('C4');
    expect(cellAt(text, spending.doc!.table!, text.indexOf('-30.0%'))).toBe('D5');
    expect(notes.doc!.text).toBe('Source: council budget book, p. 14\nFigures in £ thousands');
  });

  it('a CSV keeps every cell as written: quoted commas, leading zeros, another encoding', async () => {
    const csv = [
      'Ward,Code,Spend (£),Councillor',
      '"Brixton, North",007,"1,200",Renée Côté',
      'Clapham Café,012,87,Jürgen Müller',
      'Stockwell,013,"£2,300",Zoë Brontë',
      'Vauxhall,014,"£1,050",François Lefèvre',
      '',
    ].join('\n');
    const doc = await extractDocument('wards.csv', new Uint8Array(iconv.encode(csv, 'windows-1252')));
    expect(doc.format).toBe('csv');
    expect(doc.text.split('\n')).toEqual([
      'Ward\tCode\tSpend (£)\tCouncillor',
      'Brixton, North\t007\t1,200\tRenée Côté',
      'Clapham Café\t012\t87\tJürgen Müller',
      'Stockwell\t013\t£2,300\tZoë Brontë',
      'Vauxhall\t014\t£1,050\tFrançois Lefèvre',
    ]);
    expect(doc.table).toEqual({ sheet: null, firstRow: 1, firstColumn: 0 });
    const tsv = await extractDocument('wards.tsv', new TextEncoder().encode('Ward\tSpend\nBrixton\t1,200\n'));
    expect(tsv.text).toBe('Ward\tSpend\nBrixton\t1,200');
  });

  it('says what is wrong with a broken CSV and refuses what is not a workbook', async () => {
    const broken = await extractDocument('broken.csv', new TextEncoder().encode('a,b\n"open quote,2\n3,4\n'));
    expect(broken.warnings.join(' ')).toMatch(/quoted cell is not closed \(from row 2\)/);
    await expect(extractDocument('fake.xlsx', new TextEncoder().encode('not a zip'))).rejects.toThrow(/is named .xlsx but is not an Excel workbook/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(extractDocument('locked.xlsx', ole)).rejects.toThrow(/is password-protected \(it is encrypted\)/);
    await expect(extractDocument('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).rejects.toThrow(/old Excel file \(.xls\); save it as .xlsx or CSV/);
    const empty = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(empty, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
    // A sheet of 250,000 rows (a few hundred KB zipped) is refused by name, without being held.
    const tall = XLSX.utils.book_new();
    const rows = XLSX.utils.aoa_to_sheet([['n']]);
    rows['!ref'] = 'A1:A250000';
    for (let r = 2; r <= 250_000; r++) rows[`A${r}`] = { t: 'n', v: r };
    XLSX.utils.book_append_sheet(tall, rows, 'Rows');
    await expect(extractDocument('tall.xlsx', new Uint8Array(XLSX.write(tall, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer))).rejects.toThrow(
      /“Rows”\) of more than 200,000 rows/,
    );
    await expect(extractDocument('empty.xlsx', new Uint8Array(XLSX.write(empty, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer))).rejects.toThrow(/no cells filled in/);
  });
});

describe('spreadsheets in a notebook', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let nb: Notebook;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    nb = await Notebook.create(join(dir, 'nb'), { name: 'Council' });
  });
  afterEach(async () => {
    await nb.close();
    await cleanup();
  });

  it('each sheet is a source linked to its workbook, and a figure taken from a cell is cited to it', async () => {
    const file = join(dir, 'council-budget.xlsx');
    await writeFile(file, workbook());
    const { outcomes } = await importPaths(nb, [file]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    const sources = nb.listSources();
    const book = sources.find((s) => !s.table)!;
    const spending = sources.find((s) => s.table?.sheet === 'Spending')!;
    expect(spending.attachedTo).toEqual({ sourceId: book.id, fileName: 'Spending' });
    expect(spending.provenance).toMatchObject({ method: 'xlsx-file', fileName: 'council-budget.xlsx' });
    expect(book.provenance.method).toBe('xlsx-file');

    const council = await createEntity(nb, { type: 'organisation', name: 'Lambeth Council', aliases: [], description: '', start: null, end: null, parentId: null });
    const { text } = await nb.getSource(spending.id);
    const at = text.indexOf('£1,200.50');
    await createAnnotation(nb, {
      sourceId: spending.id,
      start: at,
      end: at + '£1,200.50'.length,
      kind: 'figure',
      note: '',
      tags: [],
      figure: { metric: 'adult social care budget', value: 1200.5, upper: null, unit: '£', qualifier: null, date: null, entityId: council.id },
    });
    const sheet = await withCells(nb, factSheetOf(nb, null));
    const md = factSheetMarkdown(sheet);
    const n = sheet.sources.findIndex((s) => s.id === spending.id) + 1;
    expect(md).toContain(`[${n}, cell C4]`);
    expect(md).toContain('council-budget — Spending');
  });
});
