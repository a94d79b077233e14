import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('adds a batch as one commit: originals, texts and shards all on disk, a bad item refused alone', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    const original = new TextEncoder().encode('date 2021-03-01\nRaids at 596 locations.');
    const results = await nb.addSources([
      { ...article, text: 'Raids at 596 locations.', originalBytes: original },
      { ...article, text: '   ' },
      { ...article, id: 'same', text: 'Second text.' },
      { ...article, id: 'same', text: 'Third text.' },
    ]);
    expect(results.map((r) => (r instanceof DossierError ? r.code : 'ok'))).toEqual(['ok', 'INVALID_INPUT', 'ok', 'ALREADY_EXISTS']);
    const first = results[0] as Exclude<(typeof results)[number], DossierError>;
    expect(first.provenance.original).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: original.length });
    await nb.close();
    const again = await track(Notebook.open(join(dir, 'nb')));
    expect(again.listSources()).toHaveLength(2);
    expect((await again.getSource(first.id)).text).toBe('Raids at 596 locations.');
    expect(await again.readOriginal(first.id)).toEqual(original);
    // No temporary file of the commit is left anywhere.
    for (const folder of ['sources', 'bodies', 'packs']) expect((await readdir(join(dir, 'nb', folder))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the texts and originals of a bulk import in one pack, each read back exactly and checked', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    const files = ['first file', 'second file, a little longer', 'third'].map((t) => new TextEncoder().encode(t));
    const results = await nb.addSources([
      ...files.map((bytes, i) => ({ ...article, text: `Text ${i}: ‘ഓപ്പറേഷൻ’ 268.`, originalBytes: bytes })),
      // The same file again (with another text) and the same text again are not stored twice.
      { ...article, text: 'Text 3.', originalBytes: files[0] },
      { ...article, text: 'Text 3.' },
    ]);
    const sources = results.map((r) => r as Exclude<(typeof results)[number], DossierError>);
    expect(await readdir(join(dir, 'nb', 'packs'))).toEqual([expect.stringMatching(/^pack-[0-9a-f]{16}\.bin$/)]);
    expect(await readdir(join(dir, 'nb', 'bodies'))).toEqual([]);
    expect(sources[3].provenance.original).toEqual(sources[0].provenance.original);
    expect(sources[4].packed).toEqual(sources[3].packed);
    await nb.close();
    const again = await track(Notebook.open(join(dir, 'nb')));
    for (let i = 0; i < 3; i++) {
      expect(await again.readOriginal(sources[i].id)).toEqual(files[i]);
      expect((await again.getSource(sources[i].id)).text).toBe(`Text ${i}: ‘ഓപ്പറേഷൻ’ 268.`);
    }
    expect(await again.readOriginal(sources[3].id)).toEqual(files[0]);
    const pasted = await again.addSource({ ...article, text: 'Pasted, no file.' });
    expect(await again.readOriginal(pasted.id)).toBeNull();
    expect(await readdir(join(dir, 'nb', 'bodies'))).toHaveLength(1);
    // A packed text replaced by a new version stays readable as the earlier version.
    await again.replaceText(sources[1].id, 'A corrected text.', (a) => a);
    expect(await again.getText(sources[1].contentHash)).toBe('Text 1: ‘ഓപ്പറേഷൻ’ 268.');
    // A damaged pack is reported, never handed out as the text or original.
    const pack = join(dir, 'nb', 'packs', sources[0].packed!.file);
    const bytes = await readFile(pack);
    bytes[2] ^= 0xff;
    await writeFile(pack, bytes);
    expect((await errorOf(again.getSource(sources[0].id))).code).toBe('NOTEBOOK_CORRUPT');
    expect(await again.readOriginal(sources[1].id)).toEqual(files[1]);
  });

  it('finds every text by its hash after texts were read and sources were added and replaced since', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    const first = await nb.addSource({ ...article, text: 'registered 268 cases' });
    expect(await nb.getText(first.contentHash)).toBe('registered 268 cases');
    // A batch keeps its texts in a pack: where they are must be known for texts read after it.
    const batch = (await nb.addSources([
      { ...article, text: 'registered 269 cases' },
      { ...article, text: 'arrested 41 people' },
    ])) as { contentHash: string; packed?: unknown }[];
    expect(batch[0].packed).toBeDefined();
    expect(await nb.getText(batch[0].contentHash)).toBe('registered 269 cases');
    expect(await nb.getText(batch[1].contentHash)).toBe('arrested 41 people');
    const corrected = await nb.replaceText(first.id, 'registered 268 cases in all', (a) => a);
    expect(await nb.getText(corrected.contentHash)).toBe('registered 268 cases in all');
    expect(await nb.getText(first.contentHash)).toBe('registered 268 cases');
  });

  it('takes in a colleague’s new source with its annotations in one write, leaving out one it has under another source', async () => {
    // Asha's notebook: the source and two annotations she shares.
    const asha = await track(Notebook.create(join(dir, 'asha'), { name: 'a' }));
    const theirs = await asha.addSource({ ...article, text: 'registered 268 cases under POCSO' });
    const first = annotationOn(theirs, 'registered 268 cases under POCSO', 0, 10);
    const second = annotationOn(theirs, 'registered 268 cases under POCSO', 1, 10);
    // Ben's notebook already has an annotation with the id of one that comes, under a source of his own.
    const nb = await track(Notebook.create(join(dir, 'ben'), { name: 'b' }));
    const mine = await nb.addSource({ ...article, text: 'arrested 41 people' });
    const clash = { ...annotationOn(mine, 'arrested 41 people', 0, 8), id: 'clashing-annotation-1' };
    await nb.putAnnotation(clash);
    const { packed: _packed, ...shared } = asha.sourceSummary(theirs.id);
    const changes: string[] = [];
    nb.onChange((c) => changes.push(c.kind));
    const outcome = await nb.putSharedSources(
      [shared],
      { texts: new Map([[shared.contentHash, new TextEncoder().encode(await asha.getText(shared.contentHash))]]), originals: new Map() },
      new Map([[theirs.id, [first, second, { ...clash, sourceId: theirs.id }, { ...first, id: 'another-source-1', sourceId: mine.id }]]]),
    );
    expect(outcome.get(theirs.id)).toBeNull();
    expect(nb.listAnnotations(theirs.id)).toEqual([first, second]);
    expect(nb.getAnnotation(clash.id).sourceId).toBe(mine.id);
    expect(changes).toEqual(['sources-added']);
    // The same annotations again change nothing and write nothing; a changed one is written.
    await nb.applyAnnotations(nb.listAnnotations(theirs.id), []);
    expect(changes).toEqual(['sources-added']);
    await nb.applyAnnotations([{ ...second, note: 'FIR copy seen' }], []);
    expect(changes).toEqual(['sources-added', 'shard']);
    await nb.close();
    const again = await track(Notebook.open(join(dir, 'ben')));
    expect(again.listAnnotations(theirs.id).map((a) => a.note)).toEqual([first.note, 'FIR copy seen']);
    expect((await again.getSource(theirs.id)).text).toBe('registered 268 cases under POCSO');
  });

  it('reports the one source of a batch that could not be saved, keeps the others, and leaves no temporary files', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'n' }));
    // A folder where a shard should go makes that one rename fail after the texts were written.
    await mkdir(join(dir, 'nb', 'sources', 'blocked.json', 'x'), { recursive: true });
    const results = await nb.addSources([
      { ...article, id: 'fine', text: 'One.' },
      { ...article, id: 'blocked', text: 'Two.' },
    ]);
    expect(results[0]).not.toBeInstanceOf(DossierError);
    expect((results[1] as DossierError).code).toBe('IO_ERROR');
    expect((results[1] as DossierError).message).toContain('could not be saved');
    expect(nb.listSources().map((s) => s.id)).toEqual(['fine']);
    expect((await readdir(join(dir, 'nb', 'sources'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await nb.close();
    await rm(join(dir, 'nb', 'sources', 'blocked.json'), { recursive: true });
    const again = await track(Notebook.open(join(dir, 'nb')));
    expect(again.listSources().map((s) => s.id)).toEqual(['fine']);
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

describe('changes that fail', () => {
  it('a failed write changes nothing, in memory or on disk, and never undoes a change that succeeded meanwhile', async () => {
    const nb = await track(Notebook.create(join(dir, 'nb'), { name: 'Writes' }));
    const s = await nb.addSource({ ...article, text: 'Police raided 596 locations and registered 268 cases.' });
    const { text } = await nb.getSource(s.id);
    const first = annotationOn(s, text, 0, 6);
    const second = annotationOn(s, text, 20, 9);
    // The first shard write fails (a full disk); the second, asked at the same time, succeeds.
    const { DurableJsonFile } = await import('./durable-file');
    const write = DurableJsonFile.prototype.write;
    let calls = 0;
    const spy = vi.spyOn(DurableJsonFile.prototype, 'write').mockImplementation(function (this: InstanceType<typeof DurableJsonFile>, data) {
      if (calls++ === 0) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      return write.call(this, data);
    });
    const results = await Promise.allSettled([nb.putAnnotation(first), nb.putAnnotation(second)]);
    spy.mockRestore();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    // What the reporter was told is what the notebook holds: the second, not the first.
    expect(nb.listAnnotations(s.id).map((a) => a.id)).toEqual([second.id]);
    expect(nb.hasAnnotation(first.id)).toBe(false);
    const onDisk = JSON.parse(await readFile(join(dir, 'nb', 'sources', `${s.id}.json`), 'utf8'));
    expect(onDisk.annotations.map((a: { id: string }) => a.id)).toEqual([second.id]);
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
    const child = spawn(process.execPath, ['out/node/testing/hold-lock.js', join(dir, 'nb')], { stdio: ['ignore', 'pipe', 'inherit'] });
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

describe('a holder that died between taking the lock and naming itself', () => {
  it('is taken over at once, not after the stale time', async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    const lockPath = join(dir, 'nb', '.dossier.lock');
    // The lock as a holder killed right after taking it leaves it: fresh, with no owner file.
    await nb.close();
    await mkdir(lockPath);
    const reopened = await track(Notebook.open(join(dir, 'nb')));
    expect(reopened.info.name).toBe('n');
  });
});

describe('the lock under a race', () => {
  /** Starts `n` processes that all try to open the notebook at the same moment; how many got it. */
  async function race(nbDir: string, n: number): Promise<{ open: number; locked: number; holders: ReturnType<typeof spawn>[] }> {
    const startAt = Date.now() + 2_500;
    const children = Array.from({ length: n }, () => spawn(process.execPath, ['out/node/testing/hold-lock.js', nbDir, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const said = await Promise.all(
      children.map(
        (child) =>
          new Promise<string>((resolve) => {
            let out = '';
            child.stdout!.on('data', (d: Buffer) => {
              out += d.toString();
              if (/open|locked/.test(out)) resolve(out.trim());
            });
            child.on('exit', () => resolve(out.trim() || 'exited'));
          }),
      ),
    );
    return { open: said.filter((x) => x === 'open').length, locked: said.filter((x) => x === 'locked').length, holders: children };
  }

  it("lets exactly one of many processes take over a dead owner's lock, round after round", async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    await nb.close();
    let holders: ReturnType<typeof spawn>[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        // The lock's holder (after the first round, the round's winner) dies without letting go.
        if (round === 0) {
          const first = await race(join(dir, 'nb'), 1);
          expect(first.open).toBe(1);
          holders = first.holders;
        }
        for (const h of holders) h.kill('SIGKILL');
        await Promise.all(holders.map((h) => (h.exitCode !== null || h.signalCode !== null ? null : new Promise((r) => h.once('exit', r)))));
        const result = await race(join(dir, 'nb'), 8);
        holders = result.holders;
        expect({ open: result.open, locked: result.locked }).toEqual({ open: 1, locked: 7 });
      }
    } finally {
      for (const h of holders) h.kill('SIGKILL');
    }
  }, 120_000);
});

describe('a writer killed mid-write', () => {
  it('leaves every acknowledged annotation readable', async () => {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'n' });
    const source = await nb.addSource({ ...article, text: 'In a statewide crackdown, the cyber wing arrested 41 people and registered 268 cases.' });
    await nb.close();

    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['out/node/testing/crash-writer.js', join(dir, 'nb'), source.id], {
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
