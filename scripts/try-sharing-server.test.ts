/**
 * `npm run try-sharing`: a reporter without Docker or CouchDB starts a server with one command and
 * shares a notebook to it, and a colleague joins — the way the README tells it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../electron/backend/testing/fixtures';
import { main } from '../electron/cli/main';

let dir: string;
let cleanup: () => Promise<void>;
let server: ChildProcess | null = null;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  server?.kill('SIGTERM');
  server = null;
  await cleanup();
});

async function run(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(argv, (t) => (out += `${t}\n`), (t) => (err += `${t}\n`));
    return { code, out, err };
  } finally {
    process.env = before;
  }
}

/** Starts the script on a free port; answers the address and password it prints. */
async function start(): Promise<{ address: string; user: string; password: string }> {
  server = spawn(process.execPath, [join(import.meta.dirname, 'try-sharing-server.mjs'), '--port', '0', '--user', 'asha'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: server.stdout! });
  let address = '';
  for await (const line of lines) {
    const at = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (at) address = at[1];
    const cred = /^Name: (\S+)\s+Password: (\S+)$/.exec(line);
    if (cred) return { address, user: cred[1], password: cred[2] };
  }
  throw new Error('the server said nothing');
}

describe('trying sharing without Docker', { timeout: 120_000 }, () => {
  it('starts with one command, says where and with what password, and a notebook is shared to it and joined', async () => {
    const { address, user, password } = await start();
    expect(user).toBe('asha');
    const nb = join(dir, 'nb');
    await run({}, 'init', nb, '--sample');
    const shared = await run({ DOSSIER_SYNC_PASSWORD: password }, 'share', '--to', `${address}/try`, '--user', user, '--notebook', nb);
    expect(shared.err).toBe('');
    expect(shared.code).toBe(0);
    expect(shared.out).toMatch(/Shared/);
    const joined = await run({ DOSSIER_SYNC_PASSWORD: password }, 'join', `${address}/try`, '--user', user, '--notebook', join(dir, 'ben'));
    expect(joined.err).toBe('');
    expect(joined.code).toBe(0);
    expect((await run({}, 'sources', '--notebook', join(dir, 'ben'))).out).toMatch(/Kerala cyber wing arrests 41/);
    // A wrong password is refused by the server, in words.
    const wrong = await run({ DOSSIER_SYNC_PASSWORD: 'not-it' }, 'sync', '--notebook', nb);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/refused the name or password/);
  });

  it('refuses a port that is not one, in words', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'try-sharing-server.mjs'), '--port', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be a port number/);
  });
});
