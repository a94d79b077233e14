/**
 * The window's size and place between starts (<userData>/window.json), put back only where it is
 * still on a screen: a laptop taken off its external monitor opens the window on the laptop.
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where to open: the saved bounds when enough of the window (a title bar's worth) is on a screen, else the size only. */
export function placeWindow(saved: WindowState | null, workAreas: readonly Area[], min = { width: 760, height: 480 }): Partial<WindowState> {
  if (!saved) return {};
  const width = Math.max(min.width, saved.width);
  const height = Math.max(min.height, saved.height);
  const visible = workAreas.some((a) => {
    const left = Math.max(a.x, saved.x);
    const right = Math.min(a.x + a.width, saved.x + width);
    // The title bar must be on this screen: the top edge inside it, and enough of the width.
    return right - left >= 120 && saved.y >= a.y && saved.y <= a.y + a.height - 40;
  });
  const fitting = workAreas[0] ? { width: Math.min(width, workAreas[0].width), height: Math.min(height, workAreas[0].height) } : { width, height };
  return visible ? { x: saved.x, y: saved.y, width, height, maximized: saved.maximized } : { ...fitting, maximized: saved.maximized };
}

export async function readWindowState(dir: string): Promise<WindowState | null> {
  try {
    const parsed = WindowState.safeParse(JSON.parse(await readFile(join(dir, 'window.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written whole (a temporary file renamed over it); only the window's place, so not fsynced. */
export async function writeWindowState(dir: string, state: WindowState): Promise<void> {
  const file = join(dir, 'window.json');
  await writeFile(`${file}.tmp`, JSON.stringify(state));
  await rename(`${file}.tmp`, file);
}
