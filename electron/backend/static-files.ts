/**
 * Serving the built renderer's files, for the hosts that serve it (the Electron protocol handler
 * and the browser-mode HTTP host): the content types, and the one check that keeps every request
 * inside the renderer folder.
 */
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The Content-Type for a file name. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * The file for a URL path inside `root` ("/" is index.html), or null when the path (decoded,
 * normalised) would leave `root`, as "/../secret" or "/%2e%2e/secret" would.
 */
export function resolveStaticFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return null;
  }
  const base = normalize(root);
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(base, relative);
  return relative.startsWith('..') || !file.startsWith(base + sep) ? null : file;
}
