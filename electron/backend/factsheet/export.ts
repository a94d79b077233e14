/**
 * Writing an export where the reporter asked: the folder must exist, an existing file is
 * replaced only when the reporter said so, and the file appears whole or not at all (written to
 * a temporary file beside it, synced, renamed), so a failure never leaves half a file.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import type { FactSheet } from '../../../shared/factsheet/build';
import { factSheetHtml } from '../../../shared/factsheet/html';
import { factSheetMarkdown } from '../../../shared/factsheet/markdown';
import { FACTSHEET_JSON_FORMAT } from '../../../shared/factsheet/schema';
import { writeFileDurably } from '../store/durable-file';
import { factSheetDocx } from './docx';
import type { PdfPrinter } from './pdf';

export const FACTSHEET_FORMATS = ['md', 'html', 'pdf', 'docx', 'json'] as const;
export type FactSheetFormat = (typeof FACTSHEET_FORMATS)[number];

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
      return factSheetDocx(sheet);
    case 'pdf':
      return printPdf(factSheetHtml(sheet));
  }
}

/**
 * Checks that `path` can be written: absolute, in an existing folder, not a folder itself, and
 * not an existing file unless `overwrite`. Throws a DossierError naming the problem.
 */
export async function checkExportPath(path: string, overwrite: boolean): Promise<void> {
  if (!isAbsolute(path)) throw new DossierError('INVALID_INPUT', `Give the full path of the file to write (${path} is relative).`);
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder) throw new DossierError('NOT_FOUND', `The folder ${dirname(path)} does not exist; choose another place to save ${basename(path)}.`);
  if (!folder.isDirectory()) throw new DossierError('INVALID_INPUT', `${dirname(path)} is not a folder.`);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new DossierError('INVALID_INPUT', `${path} is a folder; give a file name.`);
  if (existing && !overwrite) throw new DossierError('ALREADY_EXISTS', `${path} already exists. Replace it?`);
}

/** Writes an export (see the module comment); answers where and how many bytes. */
export async function writeExport(path: string, data: Uint8Array, overwrite: boolean): Promise<{ path: string; bytes: number }> {
  await checkExportPath(path, overwrite);
  try {
    await writeFileDurably(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'the folder is not writable' : code === 'EROFS' ? 'the disk is read-only' : code === 'ENOSPC' ? 'the disk is full' : ((e as Error)?.message ?? String(e));
    throw new DossierError('IO_ERROR', `Could not save ${path}: ${why}. Nothing was written.`);
  }
  return { path, bytes: data.byteLength };
}
