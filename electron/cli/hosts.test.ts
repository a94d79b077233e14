/**
 * The built hosts as a user starts them: the `dossier` bin of a clone (it runs out/node/cli.js),
 * and browser mode on a given notebook. Generous timeouts: a busy machine starts processes slowly.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/fixtures';

const exec = promisify(execFile);
const BIN = 'electron/cli/dossier.mjs';

let dir: string;
let cleanup: () => Promise<void>;
let children: ChildProcess[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children = [];
  await cleanup();
});

/** Starts `dossier serve` and resolves with its address once it prints it (or rejects with what it printed when it exits). */
function serve(args: string[], home: string): Promise<{ child: ChildProcess; base: string; token: string; stdout: string[] }> {
  const token = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, DOSSIER_HOME: home, DOSSIER_TOKEN: token, DOSSIER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const stdout: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(line);
      if (m) resolve({ child, base: m[1], token, stdout });
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`dossier serve exited with ${code}`), { code, stderr })));
  });
}

async function call(base: string, token: string, channel: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown }> {
  const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dossier-token': token }, body: JSON.stringify(input) });
  return (await res.json()) as { ok: boolean; value?: unknown };
}

describe('the dossier bin of a clone', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect((await exec(process.execPath, [BIN, '--version'])).stdout).toBe(`${version}\n`);
  });

  it('serves the notebook it is given in browser mode, remembers it as recent, and stops cleanly on SIGTERM', async () => {
    const nb = join(dir, 'story');
    await exec(process.execPath, [BIN, 'init', nb, '--name', 'Election finance']);
    const home = join(dir, 'home');
    const { child, base, token, stdout } = await serve(['--notebook', nb, '--no-open'], home);
    expect(stdout.join('\n')).toContain(`Notebook: Election finance (${nb})`);
    const state = (await call(base, token, 'app:state')) as { ok: true; value: { notebook: { name: string; path: string } | null; recent: { path: string }[] } };
    expect(state.value.notebook).toMatchObject({ name: 'Election finance', path: nb });
    expect(state.value.recent.map((r) => r.path)).toEqual([nb]);
    // No sample was made: the given notebook is the one opened.
    expect((await call(base, token, 'sources:list')).value).toEqual([]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);

  it('says why when the notebook to serve cannot be opened, and exits 1', async () => {
    const missing = join(dir, 'not-here');
    const failure = await serve(['--notebook', missing, '--no-open'], join(dir, 'home')).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining(`There is no folder at ${missing}`) });
  }, 120_000);

  it('refuses arguments serve does not take, with its usage', async () => {
    const failure = await exec(process.execPath, [BIN, 'serve', 'somewhere']).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/serve takes no arguments[\s\S]*Usage: dossier serve \[--notebook DIR\]/) });
  }, 60_000);
});
