import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { contentHash } from './bodies';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

/** A notebook as the first schema version wrote it: everything in one db.json. */
const v1 = {
  schemaVersion: 1,
  name: 'P-Hunt (version 1)',
  createdAt: '2024-01-02T03:04:05.000Z',
  sources: [
    {
      id: 'ht-2020',
      title: 'Kerala cyber wing arrests 41',
      outlet: 'Hindustan Times',
      published: '2020-10-05',
      addedAt: '2024-01-02T03:05:00.000Z',
      text: 'arrested 41 people\r\nand registered 268 cases',
    },
    { id: 'undated', title: 'Third round', outlet: null, published: null, addedAt: '2024-01-02T03:06:00.000Z', text: 'raids at 596 locations' },
  ],
  annotations: [
    {
      id: 'a1',
      sourceId: 'ht-2020',
      kind: 'figure',
      target: { quote: { exact: '268 cases', prefix: 'and registered ', suffix: '' }, position: { start: 34, end: 43 } },
      note: 'cases registered',
      tags: ['figure'],
      createdAt: '2024-01-02T03:07:00.000Z',
      updatedAt: '2024-01-02T03:07:00.000Z',
    },
  ],
};

describe('migration from schema version 1', () => {
  it('moves every source, text and annotation into the sharded layout and keeps the old file', async () => {
    await writeFile(join(dir, 'db.json'), JSON.stringify(v1));
    const nb = await Notebook.open(dir);
    try {
      expect(nb.info).toMatchObject({ name: 'P-Hunt (version 1)', schemaVersion: 2, sourceCount: 2, migratedFrom: 1, problems: [] });
      const ht = await nb.getSource('ht-2020');
      expect(ht).toMatchObject({ title: 'Kerala cyber wing arrests 41', outlet: 'Hindustan Times', published: '2020-10-05', wordCount: 7 });
      expect(ht.text).toBe('arrested 41 people\nand registered 268 cases');
      expect(ht.provenance).toEqual({ method: 'migration', importedAt: '2024-01-02T03:05:00.000Z', fileName: null, url: null, original: null });
      const [annotation] = nb.listAnnotations('ht-2020');
      expect(annotation.target.contentHash).toBe(contentHash(ht.text));
      expect(ht.text.slice(annotation.target.position.start, annotation.target.position.end)).toBe('268 cases');
      expect((await nb.getSource('undated')).published).toBeNull();
    } finally {
      await nb.close();
    }
    expect(JSON.parse(await readFile(join(dir, 'db.v1-before-migration.json'), 'utf8'))).toEqual(v1);
    const again = await Notebook.open(dir);
    expect(again.info.migratedFrom).toBeNull();
    await again.close();
  });

  it('finishes a migration that a crash interrupted before the manifest was written', async () => {
    await writeFile(join(dir, 'db.json'), JSON.stringify(v1));
    // The crash left some new files but no manifest: db.json is still the truth.
    await mkdir(join(dir, 'sources'));
    await writeFile(join(dir, 'sources', 'ht-2020.json'), '{"source": {"id": "ht-20');
    const nb = await Notebook.open(dir);
    try {
      expect(nb.info.sourceCount).toBe(2);
      expect(nb.problems).toEqual([]);
    } finally {
      await nb.close();
    }
  });

  it('refuses a damaged version-1 file by name and changes nothing', async () => {
    await writeFile(join(dir, 'db.json'), '{"schemaVersion": 1, "name": ');
    await expect(Notebook.open(dir)).rejects.toMatchObject({ code: 'NOTEBOOK_CORRUPT', message: expect.stringContaining('db.json') });
    expect(await readdir(dir)).toEqual(['db.json']);
  });
});
