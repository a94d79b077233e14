import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn();
vi.mock('electron', () => ({ shell: { openExternal } }));

const { guardContents, isAllowedRequest, isExternalLink, lockDownSession } = await import('./security');

/** A stand-in for a WebContents: events plus the window-open handler it was given. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function fire(contents: FakeContents, event: string, ...args: unknown[]): { prevented: boolean } {
  const e = {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
  contents.emit(event, e, ...args);
  return e;
}

beforeEach(() => openExternal.mockReset());

describe('requests', () => {
  it.each([
    ['app://dossier/index.html', true],
    ['app://dossier/assets/index.js', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://fonts.googleapis.com/css', false],
    ['http://127.0.0.1:8080/api', false],
    ['file:///etc/passwd', false],
    ['app://other/index.html', false],
    ['ws://localhost:5173', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedRequest(url)).toBe(allowed);
  });

  it('cancels outgoing requests and denies every permission in the session', () => {
    let onBeforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let permissionRequest: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let permissionCheck: (() => boolean) | undefined;
    const session = {
      webRequest: { onBeforeRequest: (fn: typeof onBeforeRequest) => (onBeforeRequest = fn) },
      setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
      setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
      setDevicePermissionHandler: vi.fn(),
      on: vi.fn(),
    };
    lockDownSession(session as never);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      onBeforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/tracker.gif')).toBe(true);
    expect(decide('app://dossier/index.html')).toBe(false);
    const granted = vi.fn();
    permissionRequest!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(permissionCheck!()).toBe(false);
  });
});

describe('windows and navigation', () => {
  it('blocks navigation, redirects and webviews', () => {
    const contents = new FakeContents();
    guardContents(contents as never);
    expect(fire(contents, 'will-navigate', 'https://example.com').prevented).toBe(true);
    expect(fire(contents, 'will-redirect', 'https://example.com').prevented).toBe(true);
    expect(fire(contents, 'will-attach-webview').prevented).toBe(true);
  });

  it('opens an http(s) link in the system browser only right after a click, and never a new window', async () => {
    const contents = new FakeContents();
    guardContents(contents as never);
    expect(contents.openHandler!({ url: 'https://example.com/story' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();

    contents.emit('input-event', {}, { type: 'mouseDown' });
    expect(contents.openHandler!({ url: 'https://example.com/story' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledWith('https://example.com/story');

    contents.emit('input-event', {}, { type: 'mouseDown' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) contents.openHandler!({ url });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('asks before a link leaves for the web, and opens nothing when the answer is no', async () => {
    const asked: string[] = [];
    let answer = false;
    const contents = new FakeContents();
    guardContents(contents as never, { confirm: async (url) => (asked.push(url), answer) });
    contents.emit('input-event', {}, { type: 'mouseDown' });
    contents.openHandler!({ url: 'https://example.com/story' });
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['https://example.com/story']);
    expect(openExternal).not.toHaveBeenCalled();
    answer = true;
    contents.openHandler!({ url: 'https://example.com/story' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledWith('https://example.com/story');
  });

  it.each([
    ['https://www.hindustantimes.com/', true],
    ['http://example.com', true],
    ['file:///tmp/x', false],
    ['mailto:a@b.c', false],
  ])('%s is an external link: %s', (url, external) => {
    expect(isExternalLink(url)).toBe(external);
  });
});
