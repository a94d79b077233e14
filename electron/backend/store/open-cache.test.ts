/**
 * The open cache (cache/open.jsonl): a notebook reopened from it is the notebook on disk, whatever
 * happened to its files meanwhile.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationOn, tempDir } from '../testing/fixtures';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const article = (title: string, text: string) => ({ title, outlet: null, published: null, text, provenance: { method: 'paste' as const, fileName: null, url: null } });

/** A notebook of three sources, closed (so its open cache is written), with the id of the first. */
async function threeSources(): Promise<{ path: string; first: string; cache: string }> {
  const path = join(dir, 'nb');
  const nb = await Notebook.create(path, { name: 'n' });
  const first = await nb.addSource(article('Raids at 596 locations', 'Police raided 596 locations and seized 270 devices.'));
  await nb.addSource(article('Second', 'The cyber wing registered 268 cases.'));
  await nb.addSource(article('Third', 'Interpol shared the leads.'));
  const { text } = await nb.getSource(first.id);
  await nb.putAnnotation(annotationOn(first, text, 0));
  await nb.close();
  return { path, first: first.id, cache: join(path, 'cache', 'open.jsonl') };
}

const snapshot = (nb: Notebook) => nb.listSources().map((s) => ({ source: s, annotations: nb.listAnnotations(s.id) }));

describe('the open cache', () => {
  it('is written at close and opens to the same notebook as its files do', async () => {
    const { path, cache } = await threeSources();
    expect((await stat(cache)).size).toBeGreaterThan(0);
    const fromCache = await Notebook.open(path);
    const seen = snapshot(fromCache);
    await fromCache.close();
    await rm(cache);
    const fromFiles = await Notebook.open(path);
    expect(snapshot(fromFiles)).toEqual(seen);
    expect(seen).toHaveLength(3);
    await fromFiles.close();
  });

  it('never hides a shard changed outside Dossier since it was written', async () => {
    const { path, first } = await threeSources();
    const file = join(path, 'sources', `${first}.json`);
    const shard = JSON.parse(await readFile(file, 'utf8'));
    shard.source.title = 'Raids at 597 locations (corrected by hand)';
    await writeFile(file, JSON.stringify(shard));
    const nb = await Notebook.open(path);
    expect(nb.listSources().map((s) => s.title)).toContain('Raids at 597 locations (corrected by hand)');
    expect(nb.problems).toEqual([]);
    await nb.close();
  });

  it('sets aside a shard damaged since it was written, as without the cache', async () => {
    const { path, first } = await threeSources();
    await writeFile(join(path, 'sources', `${first}.json`), '{"source": {"id": "trunc');
    const nb = await Notebook.open(path);
    expect(nb.listSources().map((s) => s.title).sort()).toEqual(['Second', 'Third']);
    expect(nb.problems).toEqual([expect.objectContaining({ file: join('sources', `${first}.json`), message: expect.stringMatching(/^Could not read this source: it is not valid JSON/) })]);
    await nb.close();
  });

  it('leaves out a source whose shard was deleted since, and keeps one added since', async () => {
    const { path, first } = await threeSources();
    const second = await Notebook.open(path);
    const added = await second.addSource(article('Fourth', 'A new text.'));
    await second.close();
    // The cache now holds four sources; one of their shard files goes away outside Dossier.
    await rm(join(path, 'sources', `${first}.json`));
    const nb = await Notebook.open(path);
    expect(nb.listSources().map((s) => s.title).sort()).toEqual(['Fourth', 'Second', 'Third']);
    expect(nb.listSources().find((s) => s.title === 'Fourth')!.id).toBe(added.id);
    await nb.close();
  });

  it.each([
    ['garbage', 'not a cache at all'],
    ['a truncated copy', null],
    ['a flipped byte', 'flip'],
  ])('is not used when it is damaged (%s), and the notebook opens from its files', async (_label, damage) => {
    const { path, cache } = await threeSources();
    const good = await readFile(cache);
    const bad = damage === null ? good.subarray(0, good.length - 40) : damage === 'flip' ? Buffer.from(good.toString('utf8').replace('596', '597')) : Buffer.from(damage);
    await writeFile(cache, bad);
    const nb = await Notebook.open(path);
    expect(nb.listSources().map((s) => s.title)).toContain('Raids at 596 locations');
    expect(nb.problems).toEqual([]);
    await nb.close();
    // Closing wrote a sound cache again.
    expect((await readFile(cache)).equals(bad)).toBe(false);
  });
});
