/**
 * The saved search index: a notebook opened again loads its index instead of building it, and
 * takes in what changed while the index was closed; a damaged saved index is rebuilt.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import type { Notebook } from '../store/notebook';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { SearchIndex } from './service';
import type { SearchAnnotation } from '../../../shared/search/engine';

let nb: Notebook;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, join(dir, 'sample'));
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

const ids = async (index: SearchIndex, query: string) => {
  const r = await index.search(query, { limit: 20 });
  return { sources: r.sources.map((s) => s.title.text), annotations: r.annotations.map((a) => a.id) };
};

it('loads the saved index when the notebook opens again, with the changes made meanwhile', async () => {
  const first = new SearchIndex(nb);
  await first.ready;
  expect(first.restored.every((r) => r === false)).toBe(true);
  await first.settled();
  await first.close();
  expect((await readdir(join(nb.paths.dir, 'cache'))).filter((n) => n.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);

  // While no index is open: a new source, an edited note, a deleted annotation.
  await nb.addSource({ title: 'Quarry raid', outlet: 'Mathrubhumi', published: '2023-03-01', text: 'Raids near the zyxwvut quarry.', provenance: { method: 'paste', fileName: null, url: null } });
  const [edited, deleted] = nb.listAnnotations('000_7baca0de28e0a4fd');
  await nb.putAnnotation({ ...edited, note: 'Ask the stonemason', updatedAt: new Date().toISOString() });
  await nb.removeAnnotation(deleted.id);

  const again = new SearchIndex(nb);
  await again.ready;
  expect(again.restored.every((r) => r === true)).toBe(true);
  expect((await ids(again, 'zyxwvut')).sources).toEqual(['Quarry raid']);
  expect((await ids(again, 'stonemason')).annotations).toEqual([edited.id]);
  expect((await ids(again, deleted.target.quote.exact)).annotations).not.toContain(deleted.id);
  // What was there before is found as before.
  expect((await ids(again, 'abrahm')).sources).toHaveLength(4);
  await again.close();
});

it('rebuilds from the notebook when the saved index is damaged', async () => {
  const first = new SearchIndex(nb);
  await first.settled();
  await first.close();
  for (const name of await readdir(join(nb.paths.dir, 'cache'))) await writeFile(join(nb.paths.dir, 'cache', name), '{"format":"dossier-search-1","truncated');
  const again = new SearchIndex(nb);
  await again.ready;
  expect(again.restored.every((r) => r === false)).toBe(true);
  expect((await ids(again, 'abrahm')).sources).toHaveLength(4);
  await again.close();
});

it('loads its saved parts while the notebook is still opening, and answers as the index it saved', async () => {
  const first = new SearchIndex(nb);
  await first.settled();
  const before = { abrahm: await ids(first, 'abrahm'), raids: await ids(first, 'raids telegram') };
  await first.close();
  const dir = nb.paths.dir;
  await nb.close();
  // As the app opens a notebook: the index's parts start loading first, the notebook opens meanwhile.
  const prepared = SearchIndex.prepare(dir);
  const unattached = SearchIndex.prepare(dir);
  await expect(unattached.search('abrahm')).rejects.toThrow(/closed/);
  await unattached.close();
  const { Notebook } = await import('../store/notebook');
  nb = await Notebook.open(dir);
  prepared.attach(nb);
  await prepared.ready;
  expect(prepared.restored.every((r) => r === true)).toBe(true);
  expect({ abrahm: await ids(prepared, 'abrahm'), raids: await ids(prepared, 'raids telegram') }).toEqual(before);
  expect(before.abrahm.sources).toHaveLength(4);
  await prepared.close();
});

it('keeps every annotation of a saved part as it was, whatever its note holds', async () => {
  const { SearchEngine } = await import('../../../shared/search/engine');
  const { readSnapshot, writeSnapshot } = await import('./persist');
  const annotation = (id: string, note: string, extra: Partial<SearchAnnotation> = {}) => ({
    id,
    sourceId: 's1',
    kind: 'quote' as const,
    quote: '“We have arrested 11 persons”',
    note,
    tags: [],
    entityIds: [],
    start: 10,
    end: 39,
    version: `v-${id}`,
    ...extra,
  });
  const path = join(nb.paths.dir, 'cache', 'part.bin');
  const roundTrip = (annotations: ReturnType<typeof annotation>[]) => {
    const engine = new SearchEngine('annotations');
    engine.putAnnotations(annotations);
    writeSnapshot(path, engine.snapshot());
    const read = readSnapshot(path);
    expect(read).not.toBeNull();
    return read!.annotations;
  };
  // One annotation with an empty note: no bytes at all in its column.
  expect(roundTrip([annotation('a1', '')])).toEqual([annotation('a1', '')]);
  const many = [
    annotation('a1', 'NUL \u0000 inside a note', { tags: ['figure', 'കേരളം'], entityIds: ['e1', 'e2'] }),
    annotation('a2', '', { kind: 'figure' as never, start: 0, end: 4 }),
    annotation('a3', 'Ask **Prakash**\nabout 268 vs 269', { tags: ['check'] }),
  ];
  expect(roundTrip([])).toEqual([]);
  expect(roundTrip(many)).toEqual(many);
  // A damaged column is not read as other annotations: the file is not used at all.
  const good = await readFile(path);
  const at = good.indexOf('[["figure"');
  expect(at).toBeGreaterThan(0);
  await writeFile(path, Buffer.concat([good.subarray(0, at), Buffer.from('{'), good.subarray(at + 1)]));
  expect(readSnapshot(path)).toBeNull();
});

it('leaves no temporary file behind when a part cannot be put in place', async () => {
  const { SearchEngine } = await import('../../../shared/search/engine');
  const { writeSnapshot } = await import('./persist');
  const { mkdir } = await import('node:fs/promises');
  const cache = join(nb.paths.dir, 'cache');
  // A folder where the file should go: the rename fails, as it would on a full or read-only disk.
  const target = join(cache, 'search-annotations-1of1.bin');
  await mkdir(join(target, 'in-the-way'), { recursive: true });
  const engine = new SearchEngine('annotations');
  expect(() => writeSnapshot(target, engine.snapshot())).toThrow();
  expect((await readdir(cache)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});
