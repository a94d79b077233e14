import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticFile } from './static-files';

describe('resolveStaticFile', () => {
  it.each([
    ['/', '/srv/renderer/index.html'],
    ['/assets/index-abc.js', '/srv/renderer/assets/index-abc.js'],
    ['/assets/../index.html', '/srv/renderer/index.html'],
    // ".." is clamped at the URL's root, so these stay inside the renderer folder.
    ['/../secret.txt', '/srv/renderer/secret.txt'],
    ['/%2e%2e/secret.txt', '/srv/renderer/secret.txt'],
    ['/..%2fsecret.txt', '/srv/renderer/secret.txt'],
    ['/assets/%2e%2e/%2e%2e/etc/passwd', '/srv/renderer/etc/passwd'],
    ['/%E0%A4%A', null],
  ])('%s -> %s', (path, file) => {
    expect(resolveStaticFile('/srv/renderer', path)).toBe(file);
  });

  it('never resolves outside the folder, whatever the path', () => {
    for (const path of ['/..', '/../../..', '/a/../../b', '/%2e%2e%2f%2e%2e%2fetc/passwd', '\\..\\..\\x', '/./../x']) {
      const file = resolveStaticFile('/srv/renderer', path);
      expect(file === null || file.startsWith('/srv/renderer/'), path).toBe(true);
    }
  });

  it('names content types so the browser does not guess', () => {
    expect(contentTypeOf('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/blob.bin')).toBe('application/octet-stream');
  });
});
