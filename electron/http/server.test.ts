import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';
import { createHandlers } from '../backend/api';
import { DossierApp } from '../backend/app';
import { SEEDS_DIR, tempDir } from '../backend/testing/fixtures';
import { startHttpHost, type HttpHost } from './server';

let host: HttpHost;
let app: DossierApp;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  const rendererDir = join(t.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Dossier</title>');
  await writeFile(join(t.dir, 'secret.txt'), 'outside the renderer');
  app = await DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir: join(t.dir, 'data') });
  host = await startHttpHost({ handlers: createHandlers(app), changes: app.changes, rendererDir });
});
afterAll(async () => {
  await host.close();
  await app.close();
  await cleanup();
});

/** A raw request, so that tests can send the headers a hostile page would. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (channel: string, headers: Record<string, string> = {}, body = '{}') =>
  send({ method: 'POST', path: `/api/${channel}`, body, headers: { 'content-type': 'application/json', 'x-dossier-token': host.token, ...headers } });

describe('the browser-mode host', () => {
  it('listens on 127.0.0.1 only and prints an address with the token in its fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{40,}$`));
  });

  it('answers an API call that carries the token', async () => {
    const res = await api('sources:list');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: '002_a01556cca16e92d0', published: null })]) });
  });

  it.each([
    ['no token', { 'x-dossier-token': '' }],
    ['a wrong token', { 'x-dossier-token': 'x'.repeat(43) }],
    ['a token of another length', { 'x-dossier-token': 'short' }],
  ])('refuses a request with %s', async (_label, headers) => {
    const res = await api('sources:list', headers);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/token/) } });
  });

  it('refuses a DNS-rebinding request (a foreign Host header), even with the token', async () => {
    const res = await api('sources:list', { host: `attacker.example:${host.port}` });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN');
    expect((await send({ path: '/', headers: { host: 'attacker.example' } })).status).toBe(421);
  });

  it('refuses a cross-site request by its Origin', async () => {
    const res = await api('sources:list', { origin: 'https://attacker.example' });
    expect(res.status).toBe(403);
  });

  it('never takes the token from the query string, where it would end up in logs and history', async () => {
    const res = await send({ method: 'POST', path: `/api/sources:list?token=${host.token}`, body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers no CORS preflight with a permission: another site can never call the API', async () => {
    const res = await send({
      method: 'OPTIONS',
      path: '/api/sources:list',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-dossier-token,content-type' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-headers']).toBeUndefined();
    // Nor does a real call from there get a header that would let the page read the answer.
    const call = await api('sources:list', { origin: 'https://attacker.example' });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an oversized body with 413 and a Result saying the limit, and keeps serving', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(64 * 1024 * 1024) });
    const res = await api('import:paste', {}, big).catch((e: NodeJS.ErrnoException) => ({ status: e.code === 'ECONNRESET' || e.code === 'EPIPE' ? 413 : 0, headers: {}, body: '' }));
    expect(res.status).toBe(413);
    if (res.body) expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/larger than \d+ MB/) } });
    expect((await api('sources:list')).status).toBe(200);
  });

  it('accepts localhost as well as 127.0.0.1 for its own port', async () => {
    expect((await api('sources:list', { host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('answers bad requests with a Result naming the problem', async () => {
    expect(JSON.parse((await api('sources:list', {}, '{not json')).body)).toMatchObject({ error: { code: 'INVALID_INPUT', message: /not valid JSON/ } });
    expect((await api('sources:list', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send({ path: '/api/sources:list', headers: { 'x-dossier-token': host.token } })).status).toBe(405);
    expect(JSON.parse((await api('sources:get', {}, '{"id": 5}')).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.parse((await api('nope:nope')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    // Broken percent-encoding in the operation's name: a 400 that says so, not a server error.
    for (const broken of ['%E0%A4%A', '%', 'sources%3list', '%C0%AF']) {
      const r = await api(broken);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /not valid percent-encoding/ } });
    }
  });

  it('serves the renderer with the strict CSP and never a file outside it', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..\\secret.txt',
      '/%2e%2e%5csecret.txt',
      '/%5c..%5csecret.txt',
      '/.%2e/secret.txt',
      '/%252e%252e/secret.txt',
    ]) {
      const res = await send({ path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the renderer');
    }
  });
});

describe('the change stream', () => {
  it('is refused without the token or from another site, like the API', async () => {
    expect((await api('changes', { 'x-dossier-token': 'wrong' })).status).toBe(403);
    expect((await api('changes', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('sends what changed as server-sent events, a batch at a time, whoever changed it', async () => {
    const received: string[] = [];
    const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/changes', headers: { 'content-type': 'application/json', 'x-dossier-token': host.token } });
    const opened = new Promise<{ type: unknown }>((resolve) =>
      req.on('response', (res) => {
        res.on('data', (c: Buffer) => received.push(c.toString()));
        resolve({ type: res.headers['content-type'] });
      }),
    );
    req.end('{}');
    expect((await opened).type).toMatch(/^text\/event-stream/);
    await expect.poll(() => received.join('')).toContain(': connected');
    // An annotation made through the API (another window, say) and an entity: one batch with both.
    const [source] = JSON.parse((await api('sources:list')).body).value as { id: string }[];
    expect((await api('annotations:create', {}, JSON.stringify({ sourceId: source.id, start: 0, end: 6, kind: 'passage' }))).status).toBe(200);
    expect((await api('entities:create', {}, JSON.stringify({ type: 'person', name: 'Anita Verghese' }))).status).toBe(200);
    await expect.poll(() => received.join(''), { timeout: 10_000 }).toMatch(/data: \[.*\]\n\n/);
    const batches = received
      .join('')
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .flatMap((e) => JSON.parse(e.slice(6)) as unknown[]);
    expect(batches).toEqual(expect.arrayContaining([{ kind: 'source', sourceId: source.id }, { kind: 'entities' }]));
    req.destroy();
    await expect.poll(() => app.changes.subscribers).toBe(0);
  });
});
