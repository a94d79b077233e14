import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { annotationOn, tempDir } from '../testing/fixtures';
import { contentHash } from './bodies';
import { Notebook } from './notebook';

let dir: string;
let cleanup: () => Promise<void>;
const open: Notebook[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((n) => n.close()));
  await cleanup();
});

async function track(p: Promise<Notebook>): Promise<Notebook> {
  const notebook = await p;
  open.push(notebook);
  return notebook;
}

async function errorOf(p: Promise<unknown>): Promise<DossierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  return e as DossierError;
}

const article = { title: 'Raids at 596 locations', outlet: null, published: null, provenance: { method: 'paste' as const, fileName: null, url: null } };

describe('a notebook on disk', () => {
  it('keeps sources, text and annotations across close and reopen', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'P-Hunt' }));
    const source = await nb.addSource({ ...article, text: 'registered 268 cases\r\n\r\nsaid Abraham ' });
    const annotation = annotationOn(source, 'registered 268 cases\n\nsaid Abraham', 0, 10);
    await nb.putAnnotation(annotation);
    await nb.close();

    const again = await track(Notebook.open(join(dir, 'nb')));
    expect(again.info).toMatchObject({ name: 'P-Hunt', sourceCount: 1, problems: [], migratedFrom: null });
    const loaded = await again.getSource(source.id);
    expect(loaded.text).toBe('registered 268 cases\n\nsaid Abraham');
    expect(loaded.contentHash).toBe(contentHash(loaded.text));
    expect(loaded.wordCount).toBe(5);
    expect(again.listAnnotations(source.id)).toEqual([annotation]);
  });

  it('stores one copy of a text however many sources share it, and writes only the changed shard on save', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    const a = await nb.addSource({ ...article, text: 'same text' });
    const b = await nb.addSource({ ...article, text: 'same text' });
    expect(await readdir(join(dir, 'nb', 'bodies'))).toHaveLength(1);
    const before = await readFile(join(dir, 'nb', 'sources', `${b.id}.json`), 'utf8');
    await nb.putAnnotation(annotationOn(a, 'same text', 0, 4));
    expect(await readFile(join(dir, 'nb', 'sources', `${b.id}.json`), 'utf8')).toBe(before);
  });

  it('lists sources by publication date with undated ones last', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    await nb.addSource({ ...article, title: 'undated', text: 'x' });
    await nb.addSource({ ...article, title: '2023', published: '2023-02-27', text: 'y' });
    await nb.addSource({ ...article, title: '2019', published: '2019-10-13', text: 'z' });
    expect(nb.listSources().map((s) => s.title)).toEqual(['2019', '2023', 'undated']);
  });

  it('refuses to create a notebook in a folder that holds files', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const e = await errorOf(Notebook.create(dir, { name: 'n' }));
    expect(e.code).toBe('ALREADY_EXISTS');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('refuses a folder that is not a notebook, and one of another program', async () => {
    expect((await errorOf(Notebook.open(dir))).code).toBe('NOT_A_NOTEBOOK');
    expect((await errorOf(Notebook.open(join(dir, 'missing')))).code).toBe('NOT_FOUND');
    await writeFile(join(dir, 'notebook.json'), '{"format":"jupyter"}');
    const e = await errorOf(Notebook.open(dir));
    expect(e.code).toBe('NOT_A_NOTEBOOK');
    expect(await readFile(join(dir, 'notebook.json'), 'utf8')).toBe('{"format":"jupyter"}');
  });

  it('refuses a notebook written by a newer Dossier and leaves it alone', async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    await nb.close();
    const manifest = join(dir, 'nb', 'notebook.json');
    const newer = (await readFile(manifest, 'utf8')).replace('"schemaVersion":2', '"schemaVersion":99');
    await writeFile(manifest, newer);
    const e = await errorOf(Notebook.open(join(dir, 'nb')));
    expect(e.code).toBe('SCHEMA_TOO_NEW');
    expect(e.message).toMatch(/newer Dossier/);
    expect(await readFile(manifest, 'utf8')).toBe(newer);
  });

  it('rejects an empty text and a duplicate id without writing anything', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    expect((await errorOf(nb.addSource({ ...article, text: ' \n\t ' }))).code).toBe('INVALID_INPUT');
    await nb.addSource({ ...article, id: 'fixed', text: 'one' });
    expect((await errorOf(nb.addSource({ ...article, id: 'fixed', text: 'two' }))).code).toBe('ALREADY_EXISTS');
    expect(await readdir(join(dir, 'nb', 'sources'))).toEqual(['fixed.json']);
    expect(await readdir(join(dir, 'nb', 'bodies'))).toHaveLength(1);
  });

  it('renames durably and keeps the previous manifest as a backup', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'Old name' }));
    await nb.rename('  New name ');
    expect(nb.info.name).toBe('New name');
    await nb.close();
    const again = await track(Notebook.open(join(dir, 'nb')));
    expect(again.info.name).toBe('New name');
    expect(JSON.parse(await readFile(join(dir, 'nb', 'notebook.json.bak'), 'utf8')).name).toBe('Old name');
  });
});

describe('the lock', () => {
  it('refuses a second opener in the same process with a clear message', async () => {
    await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    const e = await errorOf(Notebook.open(join(dir, 'nb')));
    expect(e.code).toBe('NOTEBOOK_LOCKED');
    expect(e.message).toMatch(/open in another Dossier window or process/);
  });

  it('refuses a second process, and takes over at once when that process has died', async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    await nb.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/backend/testing/hold-lock.ts', join(dir, 'nb')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('open') && resolve());
        child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      expect((await errorOf(Notebook.open(join(dir, 'nb')))).code).toBe('NOTEBOOK_LOCKED');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // The holder died without releasing; its lock is still fresh, but its process is gone.
    const reopened = await track(Notebook.open(join(dir, 'nb')));
    expect(reopened.info.name).toBe('n');
  });
});

describe('a writer killed mid-write', () => {
  it('leaves every acknowledged annotation readable', async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    const source = await nb.addSource({ ...article, text: 'In a statewide crackdown, the cyber wing arrested 41 people and registered 268 cases.' });
    await nb.close();

    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'electron/backend/testing/crash-writer.ts', join(dir, 'nb'), source.id], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acked: string[] = [];
      const killAfter = 15 + round * 10;
      await new Promise<void>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          acked.push(line.replace(/^ack /, ''));
          if (acked.length === killAfter) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);

      const after = await Notebook.open(join(dir, 'nb'));
      try {
        expect(after.problems).toEqual([]);
        const ids = new Set(after.listAnnotations(source.id).map((a) => a.id));
        for (const id of acked) expect(ids.has(id)).toBe(true);
      } finally {
        await after.close();
      }
      // No temporary file of the interrupted write is left behind.
      expect((await readdir(join(dir, 'nb', 'sources'))).filter((n) => !n.endsWith('.json'))).toEqual([]);
    }
  });
});
