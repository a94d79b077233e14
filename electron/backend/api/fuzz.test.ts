/**
 * Every operation of the contract against hostile input (fast-check), through the dispatcher every
 * host uses: wrong types, huge and negative numbers, missing and extra fields, long strings, NUL,
 * lone surrogates, Object's own property names as keys and values. Each call must come back as a
 * typed Result — never INTERNAL (a bug), never a throw — and an input refused as invalid must leave
 * the open notebook's files byte for byte as they were.
 *
 * Fields that name places on this machine (path, paths, archive, url) only ever get values that
 * cannot be an absolute path or a web address: a random "/" must not import the whole disk.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import { contract } from '../../../shared/api/contract';
import { ERROR_CODES } from '../../../shared/api/result';
import { DossierApp } from '../app';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { createHandlers, dispatch, type Handlers } from './index';

const RUNS_PER_OPERATION = Number(process.env.DOSSIER_FUZZ_RUNS ?? 40);
const PLACES = new Set(['path', 'paths', 'archive', 'url', 'files', 'notebookFolder']);

let app: DossierApp;
let handlers: Handlers;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  app = await DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir: t.dir });
  handlers = createHandlers(app);
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

/** Every file of the open notebook but its rebuildable cache and its lock, with a hash of its bytes. */
async function digest(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const rel = relative(dir, path);
      if (rel === 'cache' || rel.startsWith('.dossier.lock')) continue;
      if (entry.isDirectory()) await walk(path);
      else
        out.push(
          `${rel} ${createHash('sha256')
            .update(await readFile(path))
            .digest('hex')}`,
        );
    }
  };
  await walk(dir);
  return out.sort().join('\n');
}

/** Strings a hostile caller sends: long, NUL, lone surrogates, prototype names, markup. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\uD800',
    '\uDFFF\uD800',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '<script>alert(1)</script>',
    'x'.repeat(200_000),
    '-Ixy',
    '../../etc/passwd',
    ' ',
    '\n',
  ),
);
const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, 1e308));
const leaf = fc.oneof(nasty, numbers, fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(nasty, tie('any'), { maxKeys: 4 })),
})).any;
/** What may stand where a place on this machine is asked for: never an absolute path or a web address. */
const nowhere = value.filter((v) => {
  const text = JSON.stringify(v) ?? '';
  return !/"\/|"[A-Za-z]:|"\\\\|https?:/i.test(text) && !(typeof v === 'string' && (v.startsWith('/') || /^[a-z]+:/i.test(v)));
});
/** Objects with the operation's own keys (wrong or right-looking values), some missing, some extra, some prototype keys. */
function inputsFor(keys: string[]): fc.Arbitrary<unknown> {
  const field = (key: string) => (PLACES.has(key) ? nowhere : value);
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: [] });
  const withExtra = fc
    .tuple(shaped, fc.constantFrom('__proto__', 'constructor', 'extra', 'toString'), value)
    .map(([o, k, v]) => JSON.parse(JSON.stringify({ ...(o as object), [k]: v }) ?? '{}') as unknown);
  return fc.oneof(shaped, withExtra, leaf, fc.array(value, { maxLength: 3 }));
}

const keysOf = (channel: (typeof CHANNELS)[number]): string[] => {
  const shape = (contract[channel].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

describe('every operation against hostile input', () => {
  const tally = new Map<string, { calls: number; refused: number }>();
  afterAll(() => {
    const calls = [...tally.values()].reduce((n, t) => n + t.calls, 0);
    console.log(
      `API fuzz: ${calls} calls over ${tally.size} operations (${RUNS_PER_OPERATION} inputs each), ${[...tally.values()].reduce((n, t) => n + t.refused, 0)} refused as invalid, no server error.`,
    );
  });

  it.each(CHANNELS.map((c) => [c]))(
    '%s answers a typed error, never a crash, and an invalid input changes nothing',
    async (channel) => {
      const t = { calls: 0, refused: 0 };
      tally.set(channel, t);
      await fc.assert(
        fc.asyncProperty(inputsFor(keysOf(channel)), async (input) => {
          const dir = app.notebook!.paths.dir;
          const before = await digest(dir);
          const result = await dispatch(handlers, channel, input);
          t.calls++;
          expect(typeof result.ok).toBe('boolean');
          if (result.ok) return;
          expect(ERROR_CODES).toContain(result.error.code);
          expect(result.error.code).not.toBe('INTERNAL');
          expect(result.error.message.length).toBeGreaterThan(0);
          if (result.error.code === 'INVALID_INPUT') {
            t.refused++;
            if (app.notebook!.paths.dir === dir) expect(await digest(dir)).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_OPERATION, seed: Number(process.env.DOSSIER_FUZZ_SEED ?? 20261202) },
      );
    },
    120_000,
  );
});
