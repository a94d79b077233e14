/** A fact sheet rendered in each export format (written by files.ts's writeExport). */
import type { FactSheet } from '../../../shared/factsheet/build';
import { factSheetHtml } from '../../../shared/factsheet/html';
import { factSheetMarkdown } from '../../../shared/factsheet/markdown';
import { FACTSHEET_JSON_FORMAT } from '../../../shared/factsheet/schema';
import type { PdfPrinter } from './pdf';

import type { FactSheetFormat } from '../../../shared/api/contract-factsheet';

/** A fact sheet in one format, as the bytes of its file. */
export async function renderFactSheet(sheet: FactSheet, format: FactSheetFormat, printPdf: PdfPrinter): Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return new TextEncoder().encode(factSheetMarkdown(sheet));
    case 'html':
      return new TextEncoder().encode(factSheetHtml(sheet));
    case 'json':
      return new TextEncoder().encode(`${JSON.stringify({ format: FACTSHEET_JSON_FORMAT, ...sheet }, null, 2)}\n`);
    case 'docx':
      // The Word writer is loaded for a Word export only.
      return (await import('./docx')).factSheetDocx(sheet);
    case 'pdf':
      return printPdf(factSheetHtml(sheet));
  }
}
