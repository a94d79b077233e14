import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp | null = null;
const home = process.env.HOME;
afterEach(async () => {
  process.env.HOME = home;
  await t?.close();
  t = null;
});

describe('the folder exports go to unless the reporter says otherwise', () => {
  it('is the Documents folder where there is one, else Downloads, else the app’s own exports folder, never a bare home folder', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const user = join(dir, 'home');
      await mkdir(user);
      process.env.HOME = user;
      t = await startTestApp();
      // No Documents, no Downloads: a folder of the app's data folder, made for it.
      const bare = (await t.call('app:state', {})).exportFolder;
      expect(bare).toBe(join(t.dataDir, 'exports'));
      expect((await stat(bare)).isDirectory()).toBe(true);
      await mkdir(join(user, 'Downloads'));
      expect((await t.call('app:state', {})).exportFolder).toBe(join(user, 'Downloads'));
      await mkdir(join(user, 'Documents'));
      expect((await t.call('app:state', {})).exportFolder).toBe(join(user, 'Documents'));
    } finally {
      await cleanup();
    }
  });
});
