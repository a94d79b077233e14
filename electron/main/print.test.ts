import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Stand-ins for Electron's window and session: what the printer asked of them. */
const created: FakeWindow[] = [];
let printResult: () => Promise<Buffer> = async () => Buffer.from('%PDF-1.7 fake');
class FakeWindow {
  destroyed = false;
  loaded: string | null = null;
  printOptions: unknown = null;
  readonly webContents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler: vi.fn(),
    printToPDF: async (options: unknown) => {
      this.printOptions = options;
      return printResult();
    },
  });
  constructor(readonly options: { show: boolean; webPreferences: Record<string, unknown> }) {
    created.push(this);
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
  destroy() {
    this.destroyed = true;
  }
}
let onBeforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
const fakeSession = Object.assign(new EventEmitter(), {
  webRequest: { onBeforeRequest: (fn: typeof onBeforeRequest) => (onBeforeRequest = fn) },
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
});
const fromPartition = vi.fn(() => fakeSession);
vi.mock('electron', () => ({ BrowserWindow: FakeWindow, session: { fromPartition }, shell: { openExternal: vi.fn() } }));

const { electronPrinter, PRINT_PARTITION } = await import('./print');

beforeEach(() => {
  created.length = 0;
  printResult = async () => Buffer.from('%PDF-1.7 fake');
});

describe('printing a fact sheet to PDF in the desktop app', () => {
  it('loads the page from memory into a hidden sandboxed window without JavaScript, prints it, and closes the window', async () => {
    const pdf = await electronPrinter()('<!doctype html><p>268 vs 269 — മലയാളം</p>');
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    const [w] = created;
    expect(w.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, session: fakeSession } });
    expect(fromPartition).toHaveBeenCalledWith(PRINT_PARTITION);
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(Buffer.from(w.loaded!.split(',')[1], 'base64').toString('utf8')).toBe('<!doctype html><p>268 vs 269 — മലയാളം</p>');
    expect(w.printOptions).toMatchObject({ printBackground: true, preferCSSPageSize: true });
    expect(w.destroyed).toBe(true);
  });

  it('lets no request out of the print session but the page itself', async () => {
    await electronPrinter()('<p>x</p>');
    const cancelled = (url: string) => {
      let cancel = false;
      onBeforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('data:text/html;charset=utf-8;base64,PHA+eDwvcD4=')).toBe(false);
    expect(cancelled('https://fonts.googleapis.com/css')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
  });

  it('closes the window when printing fails, and says so', async () => {
    printResult = async () => {
      throw new Error('printing failed');
    };
    await expect(electronPrinter()('<p>x</p>')).rejects.toThrow('printing failed');
    expect(created[0].destroyed).toBe(true);
  });
});
