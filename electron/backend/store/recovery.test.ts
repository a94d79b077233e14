import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationOn, tempDir } from '../testing/fixtures';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
let nbDir: string;
let ids: string[];

const paste = { outlet: null, published: null, provenance: { method: 'paste' as const, fileName: null, url: null } };

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nbDir = join(dir, 'nb');
  const nb = await Notebook.create(nbDir, { name: 'Recovery' });
  ids = [];
  for (const title of ['first', 'second', 'third']) {
    const s = await nb.addSource({ ...paste, title, text: `The ${title} article registered 268 cases.` });
    await nb.putAnnotation(annotationOn(s, `The ${title} article registered 268 cases.`, 1, 5));
    ids.push(s.id);
  }
  await nb.close();
});
afterEach(() => cleanup());

describe('opening a notebook with a damaged file', () => {
  const damages = [
    ['truncated', (s: string) => s.slice(0, s.length / 2), /not valid JSON/],
    ['emptied', () => '', /the file is empty/],
    ['valid JSON of the wrong shape', () => '{"source": {"id": 7}}', /expected shape/],
  ] as const;

  it.each(damages)('sets a %s shard aside untouched, names it, and keeps every other source (no open cache)', async (_label, damage, reason) => {
    await rm(join(nbDir, 'cache'), { recursive: true, force: true });
    const shard = join(nbDir, 'sources', `${ids[1]}.json`);
    const damaged = damage(await readFile(shard, 'utf8'));
    await writeFile(shard, damaged);

    const nb = await Notebook.open(nbDir);
    try {
      expect(
        nb
          .listSources()
          .map((s) => s.title)
          .sort(),
      ).toEqual(['first', 'third']);
      expect(nb.listAnnotations(ids[0])).toHaveLength(1);
      expect(nb.problems).toHaveLength(1);
      const [problem] = nb.problems;
      expect(problem.file).toBe(join('sources', `${ids[1]}.json`));
      expect(problem.message).toMatch(reason);
      const kept = await readFile(join(nbDir, problem.keptAt!), 'utf8');
      expect(kept).toBe(damaged);
    } finally {
      await nb.close();
    }
    // The next open is clean: the damaged file stays in quarantine, not back in the notebook.
    const again = await Notebook.open(nbDir);
    expect(again.problems).toEqual([]);
    await again.close();
  });

  it.each(damages)('restores a %s shard from the open cache, says from when, and keeps the damaged file', async (_label, damage, reason) => {
    const shard = join(nbDir, 'sources', `${ids[1]}.json`);
    const damaged = damage(await readFile(shard, 'utf8'));
    await writeFile(shard, damaged);

    const nb = await Notebook.open(nbDir);
    try {
      expect(
        nb
          .listSources()
          .map((s) => s.title)
          .sort(),
      ).toEqual(['first', 'second', 'third']);
      expect(nb.listAnnotations(ids[1])).toHaveLength(1);
      const [problem] = nb.problems;
      expect(nb.problems).toHaveLength(1);
      expect(problem.file).toBe(join('sources', `${ids[1]}.json`));
      expect(problem.message).toMatch(reason);
      expect(problem.message).toMatch(/restored as it was on \d{4}-\d\d-\d\d \d\d:\d\d UTC, from the notebook's open cache; changes made to it after that/);
      expect(await readFile(join(nbDir, problem.keptAt!), 'utf8')).toBe(damaged);
    } finally {
      await nb.close();
    }
    // Written back whole: the next open reads it from its own file, with no problem.
    await rm(join(nbDir, 'cache'), { recursive: true, force: true });
    const again = await Notebook.open(nbDir);
    expect(again.problems).toEqual([]);
    expect(again.listAnnotations(ids[1])).toHaveLength(1);
    await again.close();
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd'])('opens a source recorded with the address %s (an older Dossier allowed it) without that address', async (url) => {
    await rm(join(nbDir, 'cache'), { recursive: true, force: true });
    const shard = join(nbDir, 'sources', `${ids[1]}.json`);
    const data = JSON.parse(await readFile(shard, 'utf8'));
    data.source.provenance.url = url;
    await writeFile(shard, JSON.stringify(data));
    const nb = await Notebook.open(nbDir);
    try {
      expect(nb.problems).toEqual([]);
      expect(nb.listSources().find((s) => s.id === ids[1])!.provenance.url).toBeNull();
      expect(nb.listAnnotations(ids[1])).toHaveLength(1);
    } finally {
      await nb.close();
    }
  });

  it('restores a damaged manifest from its backup and keeps the damaged one', async () => {
    const nb = await Notebook.open(nbDir);
    await nb.rename('Renamed');
    await nb.close();
    await writeFile(join(nbDir, 'notebook.json'), '{"format":"dossier-notebook","schemaVe');

    const recovered = await Notebook.open(nbDir);
    try {
      expect(recovered.info.name).toBe('Recovery');
      expect(recovered.info.sourceCount).toBe(3);
      expect(recovered.problems[0].message).toMatch(/manifest was damaged .* restored from its backup/);
      expect(await readdir(join(nbDir, 'quarantine'))).toEqual([expect.stringMatching(/^notebook\.json\./)]);
    } finally {
      await recovered.close();
    }
  });

  it('rebuilds a damaged manifest without a backup, keeping every source', async () => {
    await writeFile(join(nbDir, 'notebook.json'), '');
    const recovered = await Notebook.open(nbDir);
    try {
      expect(recovered.info).toMatchObject({ name: 'nb', sourceCount: 3 });
      expect(recovered.problems[0].message).toMatch(/rebuilt/);
    } finally {
      await recovered.close();
    }
  });

  it('reports a tampered text instead of showing it', async () => {
    const nb = await Notebook.open(nbDir);
    try {
      const source = nb.listSources()[0];
      await writeFile(join(nbDir, 'bodies', `${source.contentHash}.txt`), 'The first article registered 269 cases.');
      await expect(nb.getSource(source.id)).rejects.toMatchObject({ code: 'NOTEBOOK_CORRUPT', message: /no longer matches its sha256/ });
    } finally {
      await nb.close();
    }
  });
});
