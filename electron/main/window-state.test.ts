import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState } from './window-state';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 877 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('putting the window back', () => {
  it('opens where it was when that is on a screen', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, [LAPTOP, MONITOR])).toEqual({ x: 1600, y: 100, width: 1400, height: 900, maximized: false });
  });

  it('keeps only the size (fitted to the screen) when the monitor it was on is gone', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 2000, height: 1200, maximized: false }, [LAPTOP])).toEqual({ width: 1440, height: 877, maximized: false });
  });

  it('never opens smaller than the app can be used, nor with its title bar off the top of the screen', () => {
    expect(placeWindow({ x: 10, y: 10, width: 300, height: 200, maximized: true }, [LAPTOP])).toEqual({ x: 10, y: 10, width: 760, height: 480, maximized: true });
    expect(placeWindow({ x: 10, y: -500, width: 900, height: 700, maximized: false }, [LAPTOP])).toEqual({ width: 900, height: 700, maximized: false });
    expect(placeWindow(null, [LAPTOP])).toEqual({});
  });

  it('reads back what it wrote, and a damaged file as nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-window-'));
    try {
      await writeWindowState(dir, { x: 5, y: 6, width: 1200, height: 800, maximized: false });
      expect(await readWindowState(dir)).toEqual({ x: 5, y: 6, width: 1200, height: 800, maximized: false });
      await writeFile(join(dir, 'window.json'), '{"x": 5,');
      expect(await readWindowState(dir)).toBeNull();
      expect(await readFile(join(dir, 'window.json'), 'utf8')).toBe('{"x": 5,');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
