import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';

const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(channel, fn) },
}));

const { registerIpc } = await import('./handle');

const mainFrame = { url: 'app://dossier/index.html' };
const webContents = { mainFrame };
const window = { webContents };
const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => [])])) as never;

beforeEach(() => {
  vi.clearAllMocks();
  mainFrame.url = 'app://dossier/index.html';
  registered.clear();
  registerIpc(handlers, () => window as never);
});

describe('IPC handlers', () => {
  it('registers exactly the contract’s channels', () => {
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('serves our window’s main frame', async () => {
    const result = await registered.get('sources:list')!({ sender: webContents, senderFrame: mainFrame }, {});
    expect(result).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['another web contents', { sender: {}, senderFrame: mainFrame }],
    ['a subframe', { sender: webContents, senderFrame: { url: 'app://dossier/index.html' } }],
    ['a destroyed frame', { sender: webContents, senderFrame: null }],
  ])('refuses %s with FORBIDDEN and does not run the handler', async (_label, event) => {
    const result = await registered.get('sources:list')!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((handlers as Record<string, ReturnType<typeof vi.fn>>)['sources:list']).not.toHaveBeenCalled();
  });

  it('refuses our main frame once it shows another origin', async () => {
    mainFrame.url = 'https://evil.example/';
    const result = await registered.get('sources:list')!({ sender: webContents, senderFrame: mainFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('parses input before the handler sees it', async () => {
    const result = await registered.get('sources:get')!({ sender: webContents, senderFrame: mainFrame }, { id: 'a/b' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
