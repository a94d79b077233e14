import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFetchError, fetchForImport } from './fetch-url';

let server: Server;
let base: string;

beforeAll(async () => {
  const page = await readFile(new URL('./fixtures/hostile-article.html', import.meta.url));
  server = createServer((req, res) => {
    if (req.url === '/article') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (req.url === '/moved') return res.writeHead(301, { location: '/article' }).end();
    if (req.url === '/image') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    if (req.url === '/huge') return res.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(2048));
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>'), 2000);
    res.writeHead(404, { 'content-type': 'text/html' }).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fetching a page to import', () => {
  it('fetches a page, following redirects, and names where it came from', async () => {
    const page = await fetchForImport(`${base}/moved`);
    expect(page.name).toBe('page.html');
    expect(page.url).toBe(`${base}/article`);
    expect(Buffer.from(page.bytes).toString()).toContain('registered 268 cases');
  });

  it.each([
    ['a page that is not there', '/missing', {}, /answered 404/],
    ['an image', '/image', {}, /not a page Dossier can import \(it is image\/png\)/],
    ['a page over the size limit', '/huge', { maxBytes: 1024 }, /larger than|MB/],
    ['a site that is too slow', '/slow', { timeoutMs: 200 }, /did not answer within 0.2 seconds/],
  ])('refuses %s with a clear reason', async (_label, path, options, message) => {
    await expect(fetchForImport(`${base}${path}`, options)).rejects.toThrow(message);
  });

  it('says so when nothing answers (offline, or the site is down)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(fetchForImport(`http://127.0.0.1:${port}/x`)).rejects.toThrow(/refused the connection/);
  });

  it.each([
    ['ENOTFOUND', /could not find example.org: this computer seems to be offline/],
    ['EAI_AGAIN', /seems to be offline/],
    ['ENETUNREACH', /could not reach example.org/],
    ['CERT_HAS_EXPIRED', /valid secure certificate/],
  ])('explains %s in words', (code, message) => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(describeFetchError(new URL('https://example.org/a'), error, 20_000)).toMatch(message);
  });

  it('refuses what is not a web address, before any request', async () => {
    await expect(fetchForImport('file:///etc/passwd')).rejects.toThrow(/not a web address/);
    await expect(fetchForImport('not a url')).rejects.toThrow(/not a web address/);
  });
});
