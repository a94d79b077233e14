/**
 * A notebook on a real disk that is full or read-only (a small tmpfs; root only, elsewhere these
 * skip with one loud line). On a full disk every change is refused in words — "the disk is full" —
 * and leaves every file of the notebook byte-identical; once space is freed the same changes
 * work. On a read-only disk the notebook opens read-only: everything can be read, searched and
 * exported, every change is refused as READ_ONLY, and not one file is touched.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/api/channels';
import { createHandlers, dispatch } from '../api';
import { DossierApp } from '../app';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { mountSmallDisk, type SmallDisk } from '../testing/small-disk';
import { Notebook } from './notebook';

let disk: SmallDisk | null = null;
let app: DossierApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  disk?.writable();
  disk?.unmount();
  disk = null;
});

/** Every file under `dir` (but the rebuildable search cache) with its sha256. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const rel = relative(dir, path);
    if (rel.startsWith('cache/') || rel.startsWith('.dossier.lock')) continue;
    out[rel] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

/** Fills the disk to the last byte. */
async function fill(dir: string): Promise<void> {
  for (let chunk = 1024 * 1024, n = 0; chunk >= 1;) {
    try {
      await writeFile(join(dir, `filler-${n++}`), Buffer.alloc(chunk, 1));
    } catch {
      await rm(join(dir, `filler-${n - 1}`), { force: true });
      chunk = Math.floor(chunk / 4);
    }
  }
}

async function startApp(dataDir: string) {
  app = await DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir, snapshots: false });
  const handlers = createHandlers(app);
  return (channel: Channel, input: unknown) => dispatch(handlers, channel, input);
}

describe('a full disk', () => {
  it('refuses every change in words and leaves the notebook byte-identical; with space again, the same changes work', async () => {
    disk = mountSmallDisk(24, 'the full-disk test');
    if (!disk) return;
    const call = await startApp(join(disk.dir, 'data'));
    const nb = app!.requireNotebook();
    const source = nb.listSources()[0];
    const annotation = [...nb.allAnnotations()][0].annotation;
    const { text } = await nb.getSource(source.id);
    const outside = await tempDir();
    const clip = join(outside.dir, 'clip.txt');
    await writeFile(clip, 'Kerala Police arrested 12 people in P-HUNT 23.1, the cyber wing said. '.repeat(200));

    const changes: [string, Channel, unknown][] = [
      ['a highlight', 'annotations:create', { sourceId: source.id, start: 0, end: 20, kind: 'passage', note: 'n'.repeat(50_000), tags: [] }],
      ['a note', 'annotations:update', { id: annotation.id, note: 'x'.repeat(60_000) }],
      ['an entity', 'entities:create', { type: 'person', name: 'Asha Varghese', aliases: [], description: 'd'.repeat(4000), start: null, end: null, parentId: null }],
      ['an outlet for every source', 'sources:updateMeta', { ids: nb.listSources().map((s) => s.id), outlet: 'A much longer outlet name than before, '.repeat(4) }],
      ['a new version', 'sources:addVersion', { id: source.id, text: `${text}\n\n${'A later paragraph. '.repeat(3000)}` }],
      ['an import', 'import:paths', { paths: [clip] }],
      ['a snapshot', 'notebook:snapshot', {}],
      ['a backup on the full disk', 'notebook:backup', { path: join(disk.dir, 'backup.zip') }],
    ];
    await fill(disk.dir);
    const before = await tree(join(disk.dir, 'data'));
    for (const [what, channel, input] of changes) {
      const r = await call(channel, input);
      if (channel === 'import:paths' && r.ok) {
        // The import answers per file: the file is named as not imported, with the reason in words.
        expect((r.value as { outcomes: { status: string; reason: string | null }[] }).outcomes[0], what).toMatchObject({ status: 'failed', reason: expect.stringMatching(/disk is full/i) });
      } else {
        expect(r, what).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringMatching(/disk is full/i) } });
      }
      expect(await tree(join(disk.dir, 'data')), `files after ${what} on a full disk`).toEqual(before);
    }

    // Space again: the same changes go through, and the notebook reopens with them.
    for (const f of (await readdir(disk.dir)).filter((n) => n.startsWith('filler-'))) await rm(join(disk.dir, f));
    for (const [what, channel, input] of changes) expect((await call(channel, input)).ok, what).toBe(true);
    const dir = nb.paths.dir;
    await app!.close();
    app = null;
    const reopened = await Notebook.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.listSources()).toHaveLength(6);
    expect(reopened.getAnnotation(annotation.id).note).toBe('x'.repeat(60_000));
    await reopened.close();
    await outside.cleanup();
  }, 120_000);
});

describe('a read-only disk', () => {
  it('opens the notebook read-only: it reads, searches and exports, refuses every change, and touches no file', async () => {
    disk = mountSmallDisk(24, 'the read-only disk test');
    if (!disk) return;
    const dir = join(disk.dir, 'sample');
    await (await createSampleNotebook(SEEDS_DIR, dir)).close();
    const before = await tree(dir);
    disk.readOnly();

    const outside = await tempDir();
    const call = await startApp(join(outside.dir, 'data'));
    const opened = await call('notebook:open', { path: dir });
    expect(opened).toMatchObject({ ok: true, value: { sourceCount: 5, readOnly: 'it is on a read-only disk', problems: [] } });
    const nb = app!.requireNotebook();
    const source = nb.listSources()[0];
    expect((await call('sources:get', { id: source.id })).ok).toBe(true);
    expect(await call('search:query', { query: 'P-Hunt' })).toMatchObject({ ok: true });
    expect(await call('annotations:export', { format: 'csv', path: join(outside.dir, 'a.csv') })).toMatchObject({ ok: true });
    expect(await call('notebook:backup', { path: join(outside.dir, 'b.zip') })).toMatchObject({ ok: true });

    const clipping = join(outside.dir, 'clipping.txt');
    await writeFile(clipping, 'Police registered 12 more cases on Friday.\n');
    const refused: [Channel, unknown][] = [
      ['annotations:create', { sourceId: source.id, start: 0, end: 20, kind: 'passage', note: '', tags: [] }],
      ['annotations:delete', { id: [...nb.allAnnotations()][0].annotation.id }],
      ['entities:create', { type: 'person', name: 'Asha Varghese', aliases: [], description: '', start: null, end: null, parentId: null }],
      ['notebook:rename', { name: 'Renamed' }],
      ['notebook:snapshot', {}],
      ['sources:updateMeta', { ids: [source.id], outlet: 'The Hindu' }],
      // An import is refused as a whole, before any file is read, not file by file.
      ['import:paths', { paths: [clipping] }],
      ['import:start', { paths: [clipping] }],
      ['import:paste', { text: 'Police registered 12 more cases on Friday.' }],
    ];
    for (const [channel, input] of refused) {
      expect(await call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/read-only/) } });
    }
    await app!.close();
    app = null;
    expect(await tree(dir)).toEqual(before);
    await outside.cleanup();
  }, 120_000);
});
