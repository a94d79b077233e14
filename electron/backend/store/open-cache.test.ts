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

  it('never takes its copy for a shard damaged since it was written: the damage is reported and the copy restored', async () => {
    const { path, first } = await threeSources();
    await writeFile(join(path, 'sources', `${first}.json`), '{"source": {"id": "trunc');
    const nb = await Notebook.open(path);
    expect(
      nb
        .listSources()
        .map((s) => s.title)
        .sort(),
    ).toEqual(['Raids at 596 locations', 'Second', 'Third']);
    expect(nb.problems).toEqual([
      expect.objectContaining({
        file: join('sources', `${first}.json`),
        message: expect.stringMatching(/^Could not read the file of “Raids at 596 locations” \(it is not valid JSON.*\)\. It was restored as it was on /),
      }),
    ]);
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
    expect(
      nb
        .listSources()
        .map((s) => s.title)
        .sort(),
    ).toEqual(['Fourth', 'Second', 'Third']);
    expect(nb.listSources().find((s) => s.title === 'Fourth')!.id).toBe(added.id);
    await nb.close();
  });

  it('is not rewritten for one edit in a notebook of hundreds of sources, and the edit is there at the next open', async () => {
    const path = join(dir, 'big');
    const nb = await Notebook.create(path, { name: 'n' });
    const added = await nb.addSources(Array.from({ length: 250 }, (_, i) => article(`Source ${i}`, `Text number ${i} about the raids.`)));
    await nb.close();
    const cache = join(path, 'cache', 'open.jsonl');
    const written = await readFile(cache);
    const again = await Notebook.open(path);
    const first = added[0] as { id: string; contentHash: string };
    await again.putAnnotation(annotationOn(first as Parameters<typeof annotationOn>[0], 'Text number 0 about the raids.', 0, 10));
    await again.close();
    // One shard of 250 changed: under 1% of the cache, which stays as it was.
    expect((await readFile(cache)).equals(written)).toBe(true);
    const third = await Notebook.open(path);
    expect(third.listAnnotations(first.id)).toHaveLength(1);
    // Three more: now over 1%, and the cache is written again at close.
    for (const s of added.slice(1, 4) as { id: string }[])
      await third.putAnnotation(
        annotationOn(
          third.listSources().find((x) => x.id === s.id)!,
          'Text number',
          0,
          4,
        ),
      );
    await third.close();
    expect((await readFile(cache)).equals(written)).toBe(false);
    const fourth = await Notebook.open(path);
    expect(added.slice(0, 4).map((s) => fourth.listAnnotations((s as { id: string }).id).length)).toEqual([1, 1, 1, 1]);
    await fourth.close();
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
