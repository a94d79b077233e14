/**
 * Nothing leaves the machine unless the reporter asks: with sharing off (every notebook starts
 * so), a working session — reading, annotating, searching, the suggestions, the fact sheet and
 * its exports, the W3C export, the sync state — opens no connection and looks up no host name;
 * with sharing on, every connection goes to the server the reporter gave. Every TCP or IPC
 * connection the process starts and every DNS lookup is recorded.
 */
import dns from 'node:dns';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './testing/api';
import { startCouchServer } from './testing/couch-server';

const HT = '000_7baca0de28e0a4fd';

let t: TestApp;
const attempts: string[] = [];
beforeEach(async () => {
  attempts.length = 0;
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    attempts.push(`connect ${JSON.stringify(args[0])}`);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  const lookup = dns.lookup;
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
    attempts.push(`lookup ${host}`);
    return (lookup as (...a: unknown[]) => void)(host, ...rest);
  }) as typeof dns.lookup);
  const fetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    attempts.push(`fetch ${String(input)}`);
    return fetch(input, init);
  });
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
  vi.restoreAllMocks();
});

describe('with sharing off', () => {
  it('a whole working session opens no connection and looks up no host', async () => {
    expect(await t.call('sync:status', {})).toEqual({ shared: false });
    const { text } = await t.call('sources:get', { id: HT });
    const quote = 'Many electronic devices and phones were seized from them.';
    const start = text.indexOf(quote);
    const a = await t.call('annotations:create', { sourceId: HT, start, end: start + quote.length, note: 'how many?' });
    await t.call('annotations:update', { id: a.id, note: '001 says 280' });
    const found = await t.call('search:query', { query: 'abrahm' });
    expect(found.totals.entities + found.totals.annotations, JSON.stringify(found.problems)).toBeGreaterThan(0);
    await t.call('entities:suggestions', { sourceId: null });
    const op = (await t.call('entities:list', {})).find((e) => e.name === 'Operation P-Hunt')!;
    await t.call('factsheet:build', { entityId: op.id });
    for (const format of ['md', 'html', 'json', 'docx'] as const) await t.call('factsheet:export', { entityId: op.id, format, path: join(t.dir, `sheet.${format}`) });
    await t.call('annotations:export', { format: 'w3c', path: join(t.dir, 'annotations.jsonld') });
    expect((await t.refusal('sync:conflicts', {})).code).toBe('NOT_FOUND');
    await t.restart();
    expect(await t.call('sync:status', {})).toEqual({ shared: false });
    expect(attempts).toEqual([]);
  });

  it('(the recorder sees a connection and a lookup, so the test above can fail)', async () => {
    const server = net.createServer((c) => c.end()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) =>
      net
        .connect(port, '127.0.0.1')
        .once('close', () => resolve())
        .resume(),
    );
    await new Promise((resolve) => dns.lookup('localhost', resolve));
    server.close();
    expect(attempts.some((a) => a.startsWith('connect'))).toBe(true);
    expect(attempts).toContain('lookup localhost');
  });
});

describe('with sharing on', () => {
  it('connects only to the server the reporter gave', async () => {
    const couch = await startCouchServer();
    try {
      const port = new URL(couch.server).port;
      await t.call('sync:share', { server: couch.server, database: couch.newDatabase(), username: couch.auth?.username ?? null, password: couch.auth?.password ?? null });
      const { text } = await t.call('sources:get', { id: HT });
      const start = text.indexOf('registered 268 cases');
      await t.call('annotations:create', { sourceId: HT, start, end: start + 20, note: 'sent to the team' });
      await t.call('sync:now', {});
      const connects = attempts.filter((a) => a.startsWith('connect'));
      expect(connects.length).toBeGreaterThan(0);
      for (const c of connects) expect(c, 'a connection elsewhere than the server').toContain(port);
      for (const f of attempts.filter((a) => a.startsWith('fetch'))) expect(f.startsWith(`fetch ${couch.server}/`), f).toBe(true);
      expect(attempts.filter((a) => a.startsWith('lookup')).every((a) => a === 'lookup 127.0.0.1' || a === 'lookup localhost')).toBe(true);
      await t.call('sync:stop', {});
    } finally {
      await couch.close();
    }
  });
});
