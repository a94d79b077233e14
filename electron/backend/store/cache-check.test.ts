/**
 * A copied notebook folder (new file times, same files): it opens from its open cache, every shard
 * is checked against its file afterwards, and what the files say wins — an edit made elsewhere at
 * the same size, a damaged file — without losing an edit made before the check reached it.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NotebookChange } from './notebook';
import { annotationOn, tempDir } from '../testing/fixtures';
import { Notebook } from './notebook';
import { TRUSTED_COPY_MIN } from './scan';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const article = (i: number) => ({
  title: `Report ${i}`,
  outlet: 'The Hindu',
  published: '2020-10-04',
  text: `Police registered ${100 + i} cases in round ${i}.`,
  provenance: { method: 'paste' as const, fileName: null, url: null },
});

/** A notebook with more sources than a few edits would touch, two of them annotated; closed, so its open cache is written. */
async function copiedNotebook(): Promise<{ copy: string; edited: string; damaged: string; noteId: string }> {
  const original = join(dir, 'original');
  const nb = await Notebook.create(original, { name: 'Copied' });
  const added = await nb.addSources(Array.from({ length: TRUSTED_COPY_MIN + 20 }, (_, i) => article(i)));
  const [edited, damaged] = added.map((s) => {
    if (s instanceof Error) throw s;
    return s;
  });
  const note = { ...annotationOn(edited, (await nb.getSource(edited.id)).text, 0, 14), note: '268 cases' };
  await nb.putAnnotation(note);
  await nb.putAnnotation(annotationOn(damaged, (await nb.getSource(damaged.id)).text, 0, 14));
  await nb.close();
  // As `cp -r` copies: the same bytes, new modification times.
  const copy = join(dir, 'copy');
  await cp(original, copy, { recursive: true, preserveTimestamps: false });
  return { copy, edited: edited.id, damaged: damaged.id, noteId: note.id };
}

it('opens a copied folder from its cache and then takes what each file says', async () => {
  const { copy, edited, damaged, noteId } = await copiedNotebook();
  // Edited elsewhere at the same size, and damaged at the same size.
  const editedFile = join(copy, 'sources', `${edited}.json`);
  await writeFile(editedFile, (await readFile(editedFile, 'utf8')).replace('268 cases', '269 cases'));
  const damagedFile = join(copy, 'sources', `${damaged}.json`);
  const size = (await readFile(damagedFile)).length;
  await writeFile(damagedFile, `{"source": ${' '.repeat(size - 11)}`);
  expect((await readFile(damagedFile)).length).toBe(size);

  const nb = await Notebook.open(copy);
  const changes: NotebookChange[] = [];
  nb.onChange((c) => changes.push(c));
  // An edit made before the check reaches its shard builds on the file, not on the cache's copy.
  const text = (await nb.getSource(edited)).text;
  const added = annotationOn(
    nb.listSources().find((s) => s.id === edited)!,
    text,
    15,
    10,
  );
  await nb.putAnnotation(added);
  await nb.checked;

  expect(nb.listAnnotations(edited).map((a) => [a.id, a.note])).toEqual([
    [noteId, '269 cases'],
    [added.id, added.note],
  ]);
  expect(changes.some((c) => c.kind === 'shard' && c.sourceId === edited && c.after.annotations.some((a) => a.note === '269 cases'))).toBe(true);
  // The damaged file is set aside and the source written again as it was at the last close.
  expect(nb.listAnnotations(damaged)).toHaveLength(1);
  expect(nb.problems).toEqual([
    expect.objectContaining({
      file: join('sources', `${damaged}.json`),
      message: expect.stringMatching(
        /^Could not read the file of “[^”]+” \(it is not valid JSON.*\)\. It was restored as it was on \d{4}-\d\d-\d\d \d\d:\d\d UTC, from the notebook's open cache; changes made to it after that .*recovered from the damaged file/,
      ),
    }),
  ]);
  expect((await readdir(join(copy, 'quarantine'))).some((n) => n.startsWith(`${damaged}.json`))).toBe(true);
  expect(JSON.parse(await readFile(damagedFile, 'utf8')).annotations).toHaveLength(1);
  const seen = nb.listSources().map((s) => ({ source: s, annotations: nb.listAnnotations(s.id) }));
  expect(seen).toHaveLength(TRUSTED_COPY_MIN + 20);
  await nb.close();

  // Reopened: the same notebook, from the cache its close wrote, with no problem left.
  const again = await Notebook.open(copy);
  await again.checked;
  expect(again.listSources().map((s) => ({ source: s, annotations: again.listAnnotations(s.id) }))).toEqual(seen);
  expect(again.problems).toEqual([]);
  await again.close();

  // And without any cache (hundreds of files read at once, in disk order): the same notebook again.
  await rm(join(copy, 'cache'), { recursive: true });
  const fromFiles = await Notebook.open(copy);
  expect(fromFiles.listSources().map((s) => ({ source: s, annotations: fromFiles.listAnnotations(s.id) }))).toEqual(seen);
  expect(fromFiles.problems).toEqual([]);
  await fromFiles.close();
});

it('never vouches in its new cache for a shard it had no time to check', async () => {
  const { copy, edited } = await copiedNotebook();
  const editedFile = join(copy, 'sources', `${edited}.json`);
  await writeFile(editedFile, (await readFile(editedFile, 'utf8')).replace('268 cases', '269 cases'));
  // Closed at once, as a command-line read is: most shards are still unchecked.
  const nb = await Notebook.open(copy);
  await nb.close();
  const again = await Notebook.open(copy);
  await again.checked;
  expect(again.listAnnotations(edited).map((a) => a.note)).toEqual(['269 cases']);
  await again.close();
});
