/**
 * PDF by the browser engine. The desktop app prints with Electron's printToPDF (electron/main);
 * the browser-mode host and the CLI print with the machine's Chromium in headless mode: the page
 * is written to a private temporary folder and printed from there, with networking features off
 * (the page is self-contained and its policy loads nothing anyway).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DossierError } from '../../../shared/api/result';

/** Prints a self-contained HTML page to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The Chromium to print with: DOSSIER_CHROMIUM, or the usual places; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DOSSIER_CHROMIUM) return existsSync(env.DOSSIER_CHROMIUM) ? env.DOSSIER_CHROMIUM : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** A printer using headless Chromium at `executable` (found when not given). */
export function chromiumPrinter(executable: string | null = findChromium()): PdfPrinter {
  return async (html) => {
    if (!executable)
      throw new DossierError(
        'UNSUPPORTED',
        'Making a PDF here needs Chromium or Google Chrome, and none was found. Install one, or set DOSSIER_CHROMIUM to its path; or export HTML and print it from a browser.',
      );
    const dir = await mkdtemp(join(tmpdir(), 'dossier-pdf-'));
    try {
      const page = join(dir, 'factsheet.html');
      const out = join(dir, 'factsheet.pdf');
      await writeFile(page, html, 'utf8');
      // Chromium's sandbox cannot start as root (containers, CI); elsewhere it stays on.
      const args = [
        '--headless',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${out}`,
        pathToFileURL(page).href,
      ];
      await new Promise<void>((resolve, reject) => {
        execFile(executable, args, { timeout: 60_000 }, (error, _stdout, stderr) =>
          error
            ? reject(new DossierError('IO_ERROR', `Chromium could not print the fact sheet: ${error.killed ? 'it took over a minute' : (stderr.trim().split('\n').at(-1) ?? error.message)}.`))
            : resolve(),
        );
      });
      const bytes = await readFile(out).catch(() => null);
      if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DossierError('IO_ERROR', 'Chromium did not produce a PDF of the fact sheet.');
      return new Uint8Array(bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
