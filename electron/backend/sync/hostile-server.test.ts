/**
 * A broken or hostile server (issue 26): whatever it answers, the notebook goes to the configured
 * server only, the password too, and every failure is said in words.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR } from '../testing/fixtures';
import { startFront, startSink, type TestHost } from '../testing/hostile-server';
import { teamFixture } from '../testing/team';
import { fetchWithin, RedirectRefused } from './guarded-fetch';
import { memorySecrets, Sharing } from './sharing';

const f = teamFixture();

async function host(start: Promise<TestHost>): Promise<TestHost> {
  const h = await start;
  f.toClose.push(h);
  return h;
}

/** Shares the sample through `server`; what Sharing.share answered. */
async function shareThrough(server: string) {
  const nb = await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha'));
  f.toClose.push(nb);
  const auth = f.couch.auth;
  return Sharing.share(nb, { server, database: f.couch.newDatabase(), username: auth?.username ?? null, password: auth?.password ?? null, create: true }, { secrets: memorySecrets(), author: () => 'Asha', live: false }).then(
    async ({ sharing, round }) => {
      await sharing.stop();
      return { shared: true as const, round };
    },
    (e: Error) => ({ shared: false as const, message: e.message }),
  );
}

describe('redirects', () => {
  it.each([
    ['to another host, over plain http', (sink: TestHost) => `http://localhost:${sink.port}`],
    ['to the same host on another port', (sink: TestHost) => sink.url],
  ])('a server that sends the notebook’s records on %s is refused: nothing and no password reach the other address', async (_label, elsewhere) => {
    const sink = await host(startSink());
    const front = await host(startFront(f.couch.server, (_method, path) => (/_revs_diff|_bulk_docs/.test(path) ? { status: 307, headers: { location: `${elsewhere(sink)}${path}` } } : null)));
    const result = await shareThrough(front.url);
    expect(result.shared).toBe(false);
    const message = result.shared ? '' : result.message;
    expect(message).toContain(elsewhere(sink));
    expect(message).toMatch(/nothing was sent there/);
    expect(message).not.toMatch(/object Object/);
    expect(sink.seen).toEqual([]);
    // The front itself saw the password, as the configured server may.
    expect(front.seen.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
  });
});

describe('fetchWithin', () => {
  const response = (status: number, location?: string) => ({ status, headers: { get: (n: string) => (n === 'location' ? (location ?? null) : null) } });
  it('follows a redirect within the origin, and refuses one to another scheme, host or port', async () => {
    const asked: string[] = [];
    const routes: Record<string, ReturnType<typeof response>> = {
      'https://couch.example/db/_changes': response(301, '/db/_changes?feed=normal'),
      'https://couch.example/db/_changes?feed=normal': response(200),
      'https://couch.example/db/_bulk_docs': response(307, 'http://couch.example/db/_bulk_docs'),
      'https://couch.example/db/_revs_diff': response(307, 'https://couch.example:8443/db/_revs_diff'),
      'https://couch.example/db/_all_docs': response(302, 'https://other.example/db/_all_docs'),
      'https://couch.example/db/loop': response(302, '/db/loop'),
    };
    const fetch = fetchWithin('https://couch.example', async (url: string, options?: unknown) => {
      expect((options as { redirect?: string }).redirect).toBe('manual');
      asked.push(url);
      return routes[url] ?? response(404);
    });
    expect((await fetch('https://couch.example/db/_changes')).status).toBe(200);
    for (const path of ['_bulk_docs', '_revs_diff', '_all_docs']) await expect(fetch(`https://couch.example/db/${path}`)).rejects.toBeInstanceOf(RedirectRefused);
    await expect(fetch('https://couch.example/db/loop')).rejects.toThrow(/after 5 redirects/);
    await expect(fetch('https://elsewhere.example/db')).rejects.toBeInstanceOf(RedirectRefused);
    expect(asked.filter((u) => !u.startsWith('https://couch.example/'))).toEqual([]);
  });
});
