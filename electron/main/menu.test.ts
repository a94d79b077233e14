/**
 * The desktop menu (Electron mocked): File, Edit, View, Notebook, Window and Help with each
 * platform's shortcuts; Open Recent lists the recent notebooks and opens the one chosen; every
 * other item sends its command to the page, which runs it through the same API as its own menu.
 */
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../shared/api/menu';

vi.mock('electron', () => ({ app: { name: 'Dossier' }, Menu: { buildFromTemplate: (t: unknown) => t } }));
const { menuTemplate, MENU_CHANNEL } = await import('./menu');

type Item = { label?: string; role?: string; accelerator?: string; submenu?: Item[]; click?: () => void; sublabel?: string; enabled?: boolean };

function items(template: Item[]): Item[] {
  return template.flatMap((i) => [i, ...items(i.submenu ?? [])]);
}

describe('the desktop menu', () => {
  const sent: unknown[] = [];
  const window = { webContents: { send: (channel: string, command: unknown) => sent.push([channel, command]) } };
  const opened: string[] = [];
  const recent = [
    { path: '/home/reporter/notebooks/p-hunt', name: 'Operation P-Hunt' },
    { path: '/home/reporter/notebooks/election', name: 'Election finance' },
  ];

  it.each(['linux', 'win32', 'darwin'] as const)('has File, Edit, View, Notebook, Window and Help on %s, with the shortcuts a user expects', (platform) => {
    const template = menuTemplate(() => window as never, { recent, openRecent: (p) => opened.push(p) }, platform) as Item[];
    const top = template.map((i) => i.label ?? i.role);
    expect(top).toEqual([...(platform === 'darwin' ? ['Dossier'] : []), 'File', 'Edit', 'View', 'Notebook', 'windowMenu', 'help']);
    const all = items(template);
    const key = (label: string) => all.find((i) => i.label === label)?.accelerator;
    expect(key('New Notebook…')).toBe('CmdOrCtrl+Shift+N');
    expect(key('Open Notebook…')).toBe('CmdOrCtrl+O');
    expect(key('Search…')).toBe('CmdOrCtrl+K');
    expect(key('Import Files…')).toBe('CmdOrCtrl+I');
    expect(key('Library')).toBe('CmdOrCtrl+1');
    expect(key('Pictures')).toBe('CmdOrCtrl+6');
    expect(key('Settings…')).toBe(platform === 'darwin' ? 'Cmd+,' : 'Ctrl+,');
    expect(key('Keyboard Shortcuts')).toBe('Shift+/');
    // Every shortcut is used once.
    const keys = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists the recent notebooks in Open Recent and opens the one chosen; says so when there are none', () => {
    const template = menuTemplate(() => window as never, { recent, openRecent: (p) => opened.push(p) }, 'linux') as Item[];
    const openRecent = items(template).find((i) => i.label === 'Open Recent')!;
    expect(openRecent.submenu!.map((i) => [i.label, i.sublabel])).toEqual(recent.map((r) => [r.name, r.path]));
    openRecent.submenu![1].click!();
    expect(opened).toEqual(['/home/reporter/notebooks/election']);
    const none = items(menuTemplate(() => window as never, { recent: [], openRecent: () => undefined }, 'linux') as Item[]).find((i) => i.label === 'Open Recent')!;
    expect(none.submenu).toEqual([{ label: 'No recent notebooks', enabled: false }]);
  });

  it('sends each command to the page, and only commands the page knows', () => {
    sent.length = 0;
    const all = items(menuTemplate(() => window as never, { recent: [], openRecent: () => undefined }, 'linux') as Item[]);
    for (const i of all) if (i.click && i.label !== 'No recent notebooks') i.click();
    expect(sent.length).toBeGreaterThan(15);
    for (const [channel, command] of sent as [string, string][]) {
      expect(channel).toBe(MENU_CHANNEL);
      expect(MENU_COMMANDS).toContain(command);
    }
  });
});
