/**
 * The backup archive: a notebook exported and restored into an empty folder is the same notebook
 * (every record, text and original, deep-equal); a damaged or foreign archive is refused with the
 * reason and leaves nothing behind.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { resolveConflict, saveSummary } from '../factsheet/service';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { backupNotebook, restoreBackup } from './backup';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
let nb: Notebook;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, join(dir, 'sample'));
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

/** Everything a notebook holds, as the app reads it. */
async function contents(n: Notebook) {
  const sources = n.listSources();
  return {
    info: { ...n.info, path: null },
    sources,
    annotations: [...n.allAnnotations()].map(({ annotation }) => annotation),
    entities: n.entities,
    factsheet: n.factsheet,
    texts: await Promise.all(sources.map((s) => n.getText(s.contentHash))),
    originals: await Promise.all(sources.map((s) => n.readOriginal(s.id))),
  };
}

async function filesUnder(root: string, at = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, at), { withFileTypes: true })) {
    const rel = at ? `${at}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe('the backup archive', () => {
  it('restores into an empty folder as the same notebook: records, texts, originals, resolutions and summaries', async () => {
    // Something of every kind: an imported file with its original, a resolution, a summary, a version.
    await nb.addSource({ title: 'Raids in Kochi', outlet: 'The Hindu', published: '2021-03', text: 'Police raided 12 places in Kochi. മലയാളം വാർത്ത.', provenance: { method: 'text-file', fileName: 'kochi.txt', url: 'https://example.org/kochi' }, originalBytes: strToU8('Police raided 12 places in Kochi. മലയാളം വാർത്ത.') });
    const round = nb.entities.entities.find((e) => e.name === 'P-Hunt 20.2')!;
    await resolveConflict(nb, { entityId: round.id, metric: 'cases registered', value: 269, note: 'FIR register' });
    await saveSummary(nb, { entityId: null, summary: 'The story so far.' });
    await mkdir(join(nb.paths.dir, 'cache'), { recursive: true });
    await writeFile(join(nb.paths.dir, 'cache', 'search-sources-1of1.json'), '{"rebuildable": true}');

    const { bytes, files } = await backupNotebook(nb);
    const listed = JSON.parse(new TextDecoder().decode(unzipSync(bytes)['dossier-backup.json']));
    expect(listed.files.map((f: { path: string }) => f.path)).not.toContain('cache/search-sources-1of1.json');
    expect(files).toBe(listed.files.length);

    const target = join(dir, 'restored');
    expect(await restoreBackup(bytes, target)).toEqual({ files, name: 'Operation P-Hunt (sample)' });
    const restored = await Notebook.open(target);
    try {
      expect(await contents(restored)).toEqual(await contents(nb));
      expect(restored.problems).toEqual([]);
      // Byte for byte, but for the search cache and the lock.
      const original = (await filesUnder(nb.paths.dir)).filter((f) => !f.startsWith('cache/') && !f.startsWith('.dossier.lock'));
      expect((await filesUnder(target)).filter((f) => !f.startsWith('.dossier.lock'))).toEqual(original);
      for (const f of original) expect(await readFile(join(target, f)), f).toEqual(await readFile(join(nb.paths.dir, f)));
    } finally {
      await restored.close();
    }
  });

  it('refuses a damaged, foreign or unsafe archive, or a folder that is not empty, and leaves nothing behind', async () => {
    const { bytes } = await backupNotebook(nb);
    const target = join(dir, 'restored');
    const nothingLeft = async () => expect((await readdir(dir)).sort()).toEqual(['sample']);

    await expect(restoreBackup(strToU8('not a zip at all'), target)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not a zip archive/) });
    await expect(restoreBackup(zipSync({ 'notes.txt': strToU8('hello') }), target)).rejects.toThrow(/has no dossier-backup\.json/);

    // One text altered inside the archive: its checksum no longer matches.
    const entries = unzipSync(bytes);
    const body = Object.keys(entries).find((p) => /^(bodies|packs)\//.test(p))!;
    expect(body).toBeDefined();
    const damaged = zipSync({ ...entries, [body]: strToU8('altered text') });
    await expect(restoreBackup(damaged, target)).rejects.toThrow(new RegExp(`copy of ${body.replace('.', '\\.')} is damaged`));
    await nothingLeft();

    const list = JSON.parse(new TextDecoder().decode(entries['dossier-backup.json']));
    const escaping = zipSync({ ...entries, 'dossier-backup.json': strToU8(JSON.stringify({ ...list, files: [...list.files, { path: '../outside.txt', bytes: 1, sha256: '0'.repeat(64) }] })) });
    await expect(restoreBackup(escaping, target)).rejects.toThrow(/outside its notebook/);
    const { [body]: _dropped, ...withoutBody } = entries;
    await expect(restoreBackup(zipSync(withoutBody), target)).rejects.toThrow(new RegExp(`missing ${body.replace('.', '\\.')}`));
    await nothingLeft();

    await mkdir(target);
    await writeFile(join(target, 'mine.txt'), 'the reporter’s file');
    await expect(restoreBackup(bytes, target)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readdir(target)).toEqual(['mine.txt']);
  });
});
