import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/api/channels';
import type { Output } from '../../../shared/api/contract';
import { SEEDS_DIR } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
let dir: string;
let call: TestApp['call'];
let refusal: TestApp['refusal'];

beforeEach(async () => {
  t = await startTestApp();
  ({ dir, call, refusal } = t);
  await mkdir(join(dir, 'in'));
  await writeFile(join(dir, 'in', 'a.md'), '---\ntitle: Raids at 596 locations\ndate: 2020-12-20\n---\nForty-one people were arrested in the third round.\n\nA second paragraph.');
  await writeFile(join(dir, 'in', 'b.txt'), ' date 2023-02-27 Twelve arrests were made on Sunday.');
  await writeFile(join(dir, 'in', 'c.txt'), '');
  await writeFile(join(dir, 'in', 'd.txt'), await import('node:fs/promises').then((fs) => fs.readFile(join(SEEDS_DIR, '004_5f1f928ad2ca457a.txt'))));
});
afterEach(() => t.close());

async function readToEnd(jobId: string): Promise<Output<'import:status'>> {
  for (;;) {
    const s = await call('import:status', { jobId });
    expect(s.done).toBeLessThanOrEqual(s.total);
    if (s.state !== 'reading') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('import jobs: read, review, save', () => {
  it('reads in the background, shows what it found, and saves nothing before the commit', async () => {
    const before = (await call('sources:list', {})).length;
    const { jobId } = await call('import:start', { paths: [join(dir, 'in')] });
    const status = await readToEnd(jobId);
    expect(status).toMatchObject({ state: 'ready', total: 4, done: 4 });
    expect(status.previews.map((p) => [p.file.split('/').pop(), p.status])).toEqual([
      ['a.md', 'ready'],
      ['b.txt', 'ready'],
      ['c.txt', 'failed'],
      ['d.txt', 'duplicate'],
    ]);
    expect(status.previews[0]).toMatchObject({
      title: 'Raids at 596 locations',
      published: '2020-12-20',
      format: 'markdown',
      excerpt: 'Forty-one people were arrested in the third round.\n\nA second paragraph.',
    });
    expect(status.previews[2].reason).toBe('is empty');
    expect(status.previews[3]).toMatchObject({ reason: expect.stringMatching(/is the same text as “‘P-HUNT 23.1’.*” in the notebook/), existing: { id: '004_5f1f928ad2ca457a' } });
    expect((await call('sources:list', {})).length).toBe(before);
  });

  it('saves the accepted files with the reporter’s edits', async () => {
    const { jobId } = await call('import:start', { paths: [join(dir, 'in', 'a.md'), join(dir, 'in', 'b.txt')] });
    await readToEnd(jobId);
    const { outcomes } = await call('import:commit', {
      jobId,
      decisions: [
        { index: 0, accept: true, title: 'Third round: raids at 596 locations', outlet: 'The Hindu', byline: 'Staff Reporter' },
        { index: 1, accept: false },
      ],
    });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'failed']);
    const saved = (await call('sources:list', {})).find((s) => s.title === 'Third round: raids at 596 locations')!;
    expect(saved).toMatchObject({ outlet: 'The Hindu', byline: 'Staff Reporter', published: '2020-12-20', provenance: { method: 'markdown-file', fileName: 'a.md' } });
    expect((await call('sources:list', {})).some((s) => s.title.startsWith('Twelve arrests'))).toBe(false);
    // A finished job is gone.
    expect((await refusal('import:status', { jobId })).code).toBe('NOT_FOUND');
  });

  it('accepts all that is ready in one action', async () => {
    const { jobId } = await call('import:start', { paths: [join(dir, 'in')] });
    await readToEnd(jobId);
    const { outcomes } = await call('import:commit', { jobId, decisions: 'all' });
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(2);
    // Each keeps its original file, byte for byte (a batch's originals share one pack file).
    const sources = await call('sources:list', {});
    for (const name of ['a.md', 'b.txt']) {
      const source = sources.find((s) => s.provenance.fileName === name)!;
      expect(source.provenance.original).toMatchObject({
        sha256: createHash('sha256')
          .update(await readFile(join(dir, 'in', name)))
          .digest('hex'),
      });
      expect(Buffer.from((await t.app.requireNotebook().readOriginal(source.id))!)).toEqual(await readFile(join(dir, 'in', name)));
    }
    expect(sources.find((s) => s.provenance.fileName === 'a.md')!.provenance.original!.packed!.file).toBe(sources.find((s) => s.provenance.fileName === 'b.txt')!.provenance.original!.packed!.file);
  });

  it('cancels an import, and refuses to save a cancelled one', async () => {
    const { jobId } = await call('import:start', { paths: [join(dir, 'in')] });
    const cancelled = await call('import:cancel', { jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(await refusal('import:commit', { jobId, decisions: 'all' })).toMatchObject({ code: 'INVALID_INPUT', message: /cancelled/ });
  });

  it('imports pasted text and dropped files through the same review', async () => {
    const pasted = await call('import:paste', { text: 'Kerala Police statement: 16 arrested in P-Hunt 21.1.\n\nDevices were seized.' });
    const status = await readToEnd(pasted.jobId);
    expect(status.previews[0]).toMatchObject({ status: 'ready', format: 'text', excerpt: expect.stringMatching(/^Kerala Police statement: 16 arrested/) });
    const { outcomes } = await call('import:commit', { jobId: pasted.jobId, decisions: [{ index: 0, accept: true, title: 'Police statement on P-Hunt 21.1' }] });
    expect(outcomes[0].status).toBe('imported');
    const source = (await call('sources:list', {})).find((s) => s.title === 'Police statement on P-Hunt 21.1')!;
    expect(source.provenance).toMatchObject({ method: 'paste', fileName: null });

    const dropped = await call('import:upload', { files: [{ name: 'note.md', data: Buffer.from('---\ntitle: Dropped note\n---\nBody of the note.').toString('base64') }] });
    await readToEnd(dropped.jobId);
    await call('import:commit', { jobId: dropped.jobId, decisions: 'all' });
    expect((await call('sources:list', {})).find((s) => s.title === 'Dropped note')!.provenance).toMatchObject({ method: 'markdown-file', fileName: 'note.md' });
  });

  it('adds a changed text of a known URL as that source’s new version, re-anchoring its annotations', async () => {
    await writeFile(join(dir, 'in', 'v1.md'), '---\ntitle: Round 20.2\nurl: https://example.org/p-hunt\n---\nPolice registered 268 cases in round 20.2.');
    const first = await call('import:start', { paths: [join(dir, 'in', 'v1.md')] });
    await readToEnd(first.jobId);
    await call('import:commit', { jobId: first.jobId, decisions: 'all' });
    const source = (await call('sources:list', {})).find((s) => s.title === 'Round 20.2')!;
    const { text } = await call('sources:get', { id: source.id });
    const at = text.indexOf('268 cases');
    await call('annotations:create', { sourceId: source.id, start: at, end: at + 9, kind: 'figure' });

    await writeFile(join(dir, 'in', 'v2.md'), '---\ntitle: Round 20.2, updated\nurl: https://example.org/p-hunt\n---\nPolice registered 269 cases in round 20.2.');
    const second = await call('import:start', { paths: [join(dir, 'in', 'v2.md')] });
    const status = await readToEnd(second.jobId);
    expect(status.previews[0]).toMatchObject({ status: 'new-version', existing: { id: source.id } });
    const { outcomes } = await call('import:commit', { jobId: second.jobId, decisions: [{ index: 0, accept: true, asNewVersion: true }] });
    expect(outcomes[0]).toMatchObject({ status: 'imported', sourceId: source.id, warnings: ['1 annotation now needs review.'] });
    const after = await call('sources:get', { id: source.id });
    expect(after.text).toContain('269 cases');
    expect(after.versions).toHaveLength(1);
    expect((await call('sources:list', {})).filter((s) => s.provenance.url === 'https://example.org/p-hunt')).toHaveLength(1);
  });

  it('names the reason when a web address cannot be fetched, and changes nothing', async () => {
    const before = (await call('sources:list', {})).length;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await refusal('import:url', { url: `http://127.0.0.1:${port}/article` });
    expect(error).toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/refused the connection/) });
    expect((await refusal('import:url', { url: 'ftp://example.org/x' })).code).toBe('INVALID_INPUT');
    expect((await call('sources:list', {})).length).toBe(before);
  });

  it.each([
    ['no paths', 'import:start', { paths: [] }, /at least one/],
    ['an unknown job', 'import:status', { jobId: 'nope' }, /no import nope/],
    ['a bad date in an edit', 'import:commit', { jobId: 'x', decisions: [{ index: 0, accept: true, published: '2020-13-40' }] }, /published/],
  ])('refuses %s', async (_label, channel, input, message) => {
    expect((await refusal(channel as Channel, input)).message).toMatch(message);
  });
});
