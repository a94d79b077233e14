/**
 * The fact sheet over the API, on the sample notebook: built, resolved, exported in every format
 * and read back (the PDF's text by pdf.js, the Word file by mammoth), and every bad export path
 * refused with nothing written.
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactSheet, FACTSHEET_JSON_FORMAT } from '../../../shared/factsheet/schema';
import { findChromium } from '../factsheet/pdf';
import { extractPdf } from '../import/pdf';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
let out: string;
beforeEach(async () => {
  t = await startTestApp();
  out = join(t.dir, 'exports');
  await mkdir(out);
});
afterEach(() => t.close());

const operation = async () => (await t.call('entities:list', {})).find((e) => e.name === 'Operation P-Hunt')!;
const round = async () => (await t.call('entities:list', {})).find((e) => e.name === 'P-Hunt 20.2')!;

describe('the fact sheet over the API', () => {
  it('builds the P-Hunt sheet with the 268 / 269 conflict, and records a resolution', async () => {
    const sheet = await t.call('factsheet:build', { entityId: (await operation()).id });
    const cases = sheet.figures.rows.find((r) => r.metric === 'cases registered')!.cells[0]!;
    expect(cases.values.map((v) => v.value)).toEqual([268, 269]);
    expect(cases.status).toBe('conflict');
    const entityId = (await round()).id;
    expect(await t.refusal('factsheet:resolve', { entityId, metric: 'cases registered', value: 'many', note: 'x' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/value: must be a number/),
    });
    expect(await t.refusal('factsheet:resolve', { entityId, metric: 'cases registered', value: 269, note: '' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/note is required/),
    });
    await t.call('factsheet:resolve', { entityId, metric: 'cases registered', value: 269, note: 'Checked with the FIR register.' });
    const again = await t.call('factsheet:build', { entityId: (await operation()).id });
    expect(again.figures.rows.find((r) => r.metric === 'cases registered')!.cells[0]).toMatchObject({ status: 'resolved', resolution: { value: 269, note: 'Checked with the FIR register.' } });
    await t.call('factsheet:summary', { entityId: (await operation()).id, summary: 'What we know.' });
    expect((await t.call('factsheet:build', { entityId: (await operation()).id })).summary).toBe('What we know.');
  });

  it('says who decided a resolution, in the sheet and in every export', async () => {
    await t.call('app:updateSettings', { displayName: 'Devika (desk editor)' });
    const entityId = (await round()).id;
    expect(await t.call('factsheet:resolve', { entityId, metric: 'cases registered', value: 269, note: 'Checked with the FIR register.' })).toMatchObject({ resolvedBy: 'Devika (desk editor)' });
    const opId = (await operation()).id;
    const cell = (await t.call('factsheet:build', { entityId: opId })).figures.rows.find((r) => r.metric === 'cases registered')!.cells[0]!;
    expect(cell.resolution).toMatchObject({ value: 269, resolvedBy: 'Devika (desk editor)' });
    for (const format of ['md', 'html', 'json', 'docx'] as const) await t.call('factsheet:export', { entityId: opId, format, path: join(out, `p-hunt.${format}`) });
    expect(await readFile(join(out, 'p-hunt.md'), 'utf8')).toContain('stands — Checked with the FIR register. (decided by Devika (desk editor))');
    expect(await readFile(join(out, 'p-hunt.html'), 'utf8')).toContain('Checked with the FIR register. (decided by Devika (desk editor))</div>');
    const json = JSON.parse(await readFile(join(out, 'p-hunt.json'), 'utf8'));
    expect(FactSheet.safeParse(json).success).toBe(true);
    expect(JSON.stringify(json)).toContain('"resolvedBy":"Devika (desk editor)"');
    expect((await mammoth.extractRawText({ path: join(out, 'p-hunt.docx') })).value).toContain('Checked with the FIR register. (decided by Devika (desk editor))');
  });

  it('exports Markdown, HTML and JSON that say the same, with the conflict and its citations', async () => {
    const entityId = (await operation()).id;
    for (const format of ['md', 'html', 'json'] as const) {
      const written = await t.call('factsheet:export', { entityId, format, path: join(out, `p-hunt.${format}`) });
      expect(written.bytes).toBeGreaterThan(1000);
    }
    const md = await readFile(join(out, 'p-hunt.md'), 'utf8');
    expect(md).toContain('| cases registered | **Sources disagree:** 268 cases [2] vs 269 cases [3] | — | 142 cases [4] — single source |');
    expect(md).toContain('“registered 268 cases”');
    const html = await readFile(join(out, 'p-hunt.html'), 'utf8');
    expect(html).toContain('<span class="status">Sources disagree</span>');
    const json = JSON.parse(await readFile(join(out, 'p-hunt.json'), 'utf8'));
    expect(json.format).toBe(FACTSHEET_JSON_FORMAT);
    expect(FactSheet.safeParse(json).success).toBe(true);
    expect(json.sources.map((s: { id: string }) => s.id.slice(0, 3))).toEqual(['003', '000', '001', '004', '002']);
  });

  it('carries a summary written in Markdown into every format: as written in Markdown and JSON, rendered in HTML, Word and PDF, never as asterisks', async () => {
    const entityId = (await operation()).id;
    const summary = 'Police gave **268** cases, the *New Indian Express* 269.\n\n- checked with [the FIR list](https://example.org/fir)\n- asked the **Cyberdome** for the press note';
    await t.call('factsheet:summary', { entityId, summary });
    for (const format of ['md', 'html', 'json', 'docx'] as const) await t.call('factsheet:export', { entityId, format, path: join(out, `summary.${format}`) });
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain(`## Summary\n\n${summary}\n`);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).summary).toBe(summary);
    const html = await readFile(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('<p>Police gave <strong>268</strong> cases, the <em>New Indian Express</em> 269.</p>');
    expect(html).toContain('<li>asked the <strong>Cyberdome</strong> for the press note</li>');
    const word = (await mammoth.convertToHtml({ path: join(out, 'summary.docx') })).value;
    expect(word).toContain('Police gave <strong>268</strong> cases, the <em>New Indian Express</em> 269.');
    expect(word).toMatch(/<li>checked with <a href="https:\/\/example\.org\/fir">the FIR list<\/a><\/li>\s*<li>asked the <strong>Cyberdome<\/strong> for the press note<\/li>/);
    expect(word).not.toContain('**');
    if (findChromium()) {
      await t.call('factsheet:export', { entityId, format: 'pdf', path: join(out, 'summary.pdf') });
      const { text } = await extractPdf(new Uint8Array(await readFile(join(out, 'summary.pdf'))));
      expect(text).toContain('Police gave 268 cases, the New Indian Express 269.');
      expect(text).not.toContain('**');
    }
  });

  it('exports a Word document that reads back with the figures table, conflict and citations', async () => {
    await t.call('factsheet:export', { entityId: (await operation()).id, format: 'docx', path: join(out, 'p-hunt.docx') });
    const { value: text } = await mammoth.extractRawText({ buffer: await readFile(join(out, 'p-hunt.docx')) });
    expect(text).toContain('Fact sheet: Operation P-Hunt');
    expect(text).toContain('SOURCES DISAGREE');
    expect(text).toMatch(/268 cases\s+\[2\]/);
    expect(text).toContain('“recorded 269 cases under the Information Technology (IT) Act');
    expect(text).toContain('No URL');
  });

  it.skipIf(!findChromium())('exports a PDF printed by the browser engine, whose text says the same', async () => {
    await t.call('factsheet:export', { entityId: (await operation()).id, format: 'pdf', path: join(out, 'p-hunt.pdf') });
    const bytes = await readFile(join(out, 'p-hunt.pdf'));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await extractPdf(new Uint8Array(bytes));
    expect(text).toContain('Fact sheet: Operation P-Hunt');
    expect(text).toMatch(/Sources disagree/i);
    expect(text).toContain('registered 268 cases');
    expect(text).toContain('1 unresolved conflict between sources');
  });

  it('asks before replacing a file, and replaces it whole when told to', async () => {
    const path = join(out, 'sheet.md');
    await writeFile(path, 'the reporter’s own notes');
    expect(await t.refusal('factsheet:export', { entityId: null, format: 'md', path })).toEqual({ code: 'ALREADY_EXISTS', message: `${path} already exists.` });
    expect(await readFile(path, 'utf8')).toBe('the reporter’s own notes');
    await t.call('factsheet:export', { entityId: null, format: 'md', path, overwrite: true });
    expect(await readFile(path, 'utf8')).toMatch(/^# Fact sheet: Operation P-Hunt \(sample\)/);
    expect(await readdir(out)).toEqual(['sheet.md']);
  });

  it('refuses a missing folder, a folder as the file, a relative path, an unwritable folder and an unknown entity, leaving nothing behind', async () => {
    expect(await t.refusal('factsheet:export', { format: 'md', path: join(out, 'nope', 'x.md') })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/The folder .*nope does not exist/),
    });
    expect(await t.refusal('factsheet:export', { format: 'md', path: out })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is a folder/) });
    expect(await t.refusal('factsheet:export', { format: 'md', path: 'x.md' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/full path/) });
    expect(await t.refusal('factsheet:export', { entityId: 'nobody', format: 'md', path: join(out, 'x.md') })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.refusal('factsheet:export', { format: 'rtf', path: join(out, 'x.rtf') })).toMatchObject({ code: 'INVALID_INPUT' });
    // A folder this process cannot write to: one without write permission, or, as root (who
    // ignores permissions), the kernel's read-only /sys.
    const asRoot = process.getuid?.() === 0;
    if (asRoot && process.platform !== 'linux') return;
    const locked = asRoot ? '/sys' : join(out, 'locked');
    if (!asRoot) {
      await mkdir(locked);
      await chmod(locked, 0o500);
    }
    const before = await readdir(locked);
    try {
      expect(await t.refusal('factsheet:export', { format: 'md', path: join(locked, 'dossier-factsheet.md') })).toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/not writable\. Nothing was written/),
      });
      expect(await readdir(locked)).toEqual(before);
    } finally {
      if (!asRoot) await chmod(locked, 0o700);
    }
  });
});
