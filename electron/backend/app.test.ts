import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderNameFor } from '../../shared/domain/notebook';
import { DossierApp } from './app';
import { SEEDS_DIR, tempDir } from './testing/fixtures';

let dataDir: string;
let cleanup: () => Promise<void>;
const apps: DossierApp[] = [];
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDir());
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await cleanup();
});

async function start(options: { warmSearch?: boolean } = {}): Promise<DossierApp> {
  const app = await DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir, ...options });
  apps.push(app);
  return app;
}
async function restart(app: DossierApp): Promise<DossierApp> {
  await app.close();
  return start();
}

describe('the app over its data folder', () => {
  it('creates and opens the sample notebook on first start', async () => {
    const app = await start();
    expect(app.notebook?.info).toMatchObject({ name: 'Operation P-Hunt (sample)', sourceCount: 5, isSample: true });
    const sources = app.notebook!.listSources();
    expect(sources.map((s) => [s.id.slice(0, 3), s.published])).toEqual([
      ['003', '2019-10-13'],
      ['000', '2020-10-05'],
      ['001', '2020-10-10'],
      ['004', '2023-02-27'],
      ['002', null],
    ]);
    expect(sources.find((s) => s.id.startsWith('000'))?.outlet).toBe('Hindustan Times');
  });

  it('reopens the last notebook and does not make the sample again', async () => {
    let app = await start();
    const created = await app.createNotebook('Election finance');
    app = await restart(app);
    expect(app.notebook?.info.path).toBe(created.path);
    expect(app.recent.map((r) => r.name)).toEqual(['Election finance', 'Operation P-Hunt (sample)']);
    await rm(join(dataDir, 'notebooks', 'operation-p-hunt-sample'), { recursive: true });
    await app.openNotebook(created.path);
    app = await restart(app);
    expect(await readdir(join(dataDir, 'notebooks'))).toEqual(['election-finance']);
  });

  it('keeps a renamed notebook’s name across restarts', async () => {
    let app = await start();
    await app.createNotebook('Draft');
    await app.renameNotebook('Kerala CSAM follow-up');
    app = await restart(app);
    expect(app.notebook?.info.name).toBe('Kerala CSAM follow-up');
  });

  it('starts with no notebook and says why when the last one is gone', async () => {
    let app = await start();
    const path = app.notebook!.paths.dir;
    await app.close();
    await rm(path, { recursive: true });
    app = await start();
    expect(app.notebook).toBeNull();
    expect(app.startupProblem).toMatch(/Could not reopen your last notebook: There is no folder at/);
  });

  it('keeps the current notebook open when opening another fails', async () => {
    const app = await start();
    const before = app.notebook!.info.path;
    await expect(app.openNotebook(join(dataDir, 'nowhere'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.notebook?.info.path).toBe(before);
    expect(app.notebook?.listSources()).toHaveLength(5);
  });

  it('recreates the sample after moving the old one, with its changes, to a backup', async () => {
    const app = await start();
    await app.renameNotebook('My edited sample');
    const info = await app.recreateSample();
    expect(info.name).toBe('Operation P-Hunt (sample)');
    const folders = await readdir(join(dataDir, 'notebooks'));
    const backup = folders.find((f) => f.startsWith('operation-p-hunt-sample.backup-'));
    expect(backup).toBeDefined();
    expect(JSON.parse(await readFile(join(dataDir, 'notebooks', backup!, 'notebook.json'), 'utf8')).name).toBe('My edited sample');
  });

  it('remembers “don’t ask again” for links that open the browser, and reads a state.json from before it existed', async () => {
    let app = await start();
    expect(app.externalLinksConfirmed).toBe(false);
    await app.confirmExternalLinks();
    app = await restart(app);
    expect(app.externalLinksConfirmed).toBe(true);
    await app.close();
    const old = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8'));
    delete old.externalLinksConfirmed;
    await writeFile(join(dataDir, 'state.json'), JSON.stringify(old));
    app = await start();
    expect(app.startupProblem).toBeNull();
    expect(app.externalLinksConfirmed).toBe(false);
    expect(app.notebook?.info.name).toBe('Operation P-Hunt (sample)');
    await app.close();
  });

  it('keeps its settings in the data folder: theme, reading size, where new notebooks go, the snapshot schedule', async () => {
    let app = await start();
    expect(app.settings).toEqual({
      theme: 'system',
      readingSize: 100,
      notebookFolder: null,
      snapshots: { everyMinutes: 60, hourly: 24, daily: 7 },
      panes: { library: 300, annotations: 340 },
      displayName: null,
    });
    const folder = join(dataDir, 'elsewhere');
    await mkdir(folder);
    await app.updateSettings({ theme: 'dark', readingSize: 130, notebookFolder: folder, snapshots: { everyMinutes: 0, hourly: 24, daily: 7 } });
    const info = await app.createNotebook('Election finance');
    expect(info.path).toBe(join(folder, 'election-finance'));
    app = await restart(app);
    expect(app.settings).toMatchObject({ theme: 'dark', readingSize: 130, notebookFolder: folder, snapshots: { everyMinutes: 0 } });
    // A folder that is not there is refused, and the settings stay as they were, on disk too.
    const before = await readFile(join(dataDir, 'settings.json'), 'utf8');
    await expect(app.updateSettings({ notebookFolder: join(dataDir, 'no-such-folder') })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no folder at .*no-such-folder/) });
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect(app.settings.notebookFolder).toBe(folder);
  });

  it('starts with the default settings, and says so, when settings.json is damaged', async () => {
    let app = await start();
    await app.close();
    await writeFile(join(dataDir, 'settings.json'), '{"theme": "dark", ');
    app = await start();
    expect(app.settings.theme).toBe('system');
    expect(app.startupProblem).toMatch(/settings were damaged and are back to their defaults/);
    expect(app.notebook?.info.name).toBe('Operation P-Hunt (sample)');
  });

  it('resets a damaged state.json without touching any notebook', async () => {
    let app = await start();
    await app.close();
    await writeFile(join(dataDir, 'state.json'), '{"lastNotebook": ');
    app = await start();
    expect(app.notebook).toBeNull();
    expect(app.startupProblem).toMatch(/damaged and has been reset/);
    expect(await readdir(join(dataDir, 'notebooks'))).toEqual(['operation-p-hunt-sample']);
    expect(await readdir(join(dataDir, 'quarantine'))).toHaveLength(1);
  });

  it.each([false, true])('saves the search index of the notebook it leaves when another is opened, with nothing logged (warm search %s)', async (warmSearch) => {
    const app = await start({ warmSearch });
    const sample = app.notebook!.paths.dir;
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      // The index is built (a first search), then the user opens another notebook.
      expect((await (await app.search()).search('abrahm', { limit: 5 })).sources.length).toBeGreaterThan(0);
      await (await app.search()).settled();
      await app.createNotebook('Election finance');
      expect((await readdir(join(sample, 'cache'))).filter((n) => n.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);
      // Back to the sample: the index is loaded from what was saved, not built again.
      await app.openNotebook(sample);
      await (
        await app.search()
      ).ready;
      expect((await app.search()).restored.every((r) => r === true)).toBe(true);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
  });

  it('gives new notebooks distinct folder names', async () => {
    const app = await start();
    const a = await app.createNotebook('Same name');
    const b = await app.createNotebook('Same name');
    expect([a.path, b.path].map((p) => p.split('/').pop())).toEqual(['same-name', 'same-name-2']);
  });
});

describe('the change stream of the app', () => {
  it('says another notebook is open, and then the changes of that one only', async () => {
    const app = await start();
    const sample = app.notebook!;
    const batches: unknown[][] = [];
    app.changes.subscribe((b) => batches.push(b));
    await app.createNotebook('Budget 2005');
    await expect.poll(() => batches.flat()).toContainEqual({ kind: 'notebook' });
    batches.length = 0;
    await app.renameNotebook('Budget day 2005');
    await expect.poll(() => batches.flat()).toContainEqual({ kind: 'notebook' });
    batches.length = 0;
    // The sample is closed: nothing of it reaches the stream any more.
    await expect(sample.saveEntities({ ...sample.entities })).rejects.toThrow();
    await app.notebook!.saveEntities({ ...app.notebook!.entities });
    await expect.poll(() => batches.flat()).toEqual([{ kind: 'entities' }]);
  });
});

describe('folderNameFor', () => {
  it.each([
    ['Operation P-Hunt (sample)', 'operation-p-hunt-sample'],
    ['Café Élysée', 'cafe-elysee'],
    ['കേരള', 'കേരള'],
    ['///', 'notebook'],
  ])('%s -> %s', (name, folder) => {
    expect(folderNameFor(name)).toBe(folder);
  });
});
