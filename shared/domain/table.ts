/**
 * A table source (a sheet of a spreadsheet, a CSV file): its text is its rows, one per line, its
 * cells separated by tabs, so that search, highlights and citations work on it as on any text, and
 * any offset in it names a cell ("B7"), counted from where the sheet's first line and column are.
 */

/** Where a table's text sits in its sheet: the row number of its first line, the index of its first column (0 = A). */
export interface TablePlace {
  sheet: string | null;
  firstRow: number;
  firstColumn: number;
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The cell an offset of a table's text falls in, as a spreadsheet names it. */
export function cellAt(text: string, place: TablePlace, offset: number): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let row = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) row++;
  let column = 0;
  for (let i = text.indexOf('\t', lineStart); i >= 0 && i < at; i = text.indexOf('\t', i + 1)) column++;
  return `${columnName(place.firstColumn + column)}${place.firstRow + row}`;
}

/** The cells a passage spans: "B7", or "B7:D7" when it runs over several. */
export function cellsOf(text: string, place: TablePlace, start: number, end: number): string {
  const first = cellAt(text, place, start);
  const last = cellAt(text, place, Math.max(start, end - 1));
  return first === last ? first : `${first}:${last}`;
}

/** One line of a table's text per row, its cells with their offsets. */
export function tableRows(text: string): { start: number; cells: { start: number; end: number }[] }[] {
  const rows: { start: number; cells: { start: number; end: number }[] }[] = [];
  let lineStart = 0;
  for (;;) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const cells: { start: number; end: number }[] = [];
    let cellStart = lineStart;
    for (;;) {
      const tab = text.indexOf('\t', cellStart);
      if (tab < 0 || tab >= end) {
        cells.push({ start: cellStart, end });
        break;
      }
      cells.push({ start: cellStart, end: tab });
      cellStart = tab + 1;
    }
    rows.push({ start: lineStart, cells });
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return rows;
}

/**
 * A table's text from its rows of cell texts: a cell's tabs and line breaks become spaces (they
 * would be read as the table's own), trailing empty cells and rows dropped, leading empty rows and
 * columns counted into `firstRow` and `firstColumn`.
 */
export function tableText(rows: readonly (readonly string[])[], firstRow = 1, firstColumn = 0): { text: string; place: Omit<TablePlace, 'sheet'>; rows: number; columns: number } {
  const clean = rows.map((row) => {
    const cells = row.map((c) => c.replace(/[\t\r\n\u2028\u2029]+/g, ' ').trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  let skip = 0;
  while (skip < clean.length && clean[skip].length === 0) skip++;
  let last = clean.length;
  while (last > skip && clean[last - 1].length === 0) last--;
  // Empty columns before the table, as many as every row has, are counted into `firstColumn`.
  const filled = clean.slice(skip, last).filter((cells) => cells.length > 0);
  const lead = filled.length === 0 ? 0 : Math.min(...filled.map((cells) => cells.findIndex((c) => c !== '')));
  const kept = clean.slice(skip, last).map((cells) => cells.slice(lead));
  return {
    text: kept.map((cells) => cells.join('\t')).join('\n'),
    place: { firstRow: firstRow + skip, firstColumn: firstColumn + lead },
    rows: kept.length,
    columns: Math.max(0, ...kept.map((r) => r.length)),
  };
}
