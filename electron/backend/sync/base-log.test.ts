import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { BaseLog, type Base } from './base-log';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const md5ish = (c: string) => c.repeat(32);
const text = `text:${'ab'.repeat(32)}`;

/** Every form a base takes: what this machine writes, what other replicas and servers write, and odd ones. */
const CASES: [what: string, id: string, base: Base][] = [
  ['an edit made here', 'annotation:Xy7_a-1', { rev: `3-${md5ish('a')}`, hash: md5ish('0') }],
  ['a new record (generation 1)', 'source:s000001', { rev: `1-${md5ish('f')}`, hash: md5ish('9') }],
  ['a text, whose fingerprint is its own id', text, { rev: `1-${md5ish('c')}`, hash: text }],
  ['a large generation', 'entity:e1', { rev: `999999999-${md5ish('d')}`, hash: md5ish('e') }],
  ['a joining notebook’s name (no revision yet)', 'notebook', { rev: '', hash: md5ish('1') }],
  ['a server writing 40-hex revisions', 'entity:e2', { rev: `2-${'b'.repeat(40)}`, hash: md5ish('2') }],
  ['a revision in capitals', 'entity:e3', { rev: `2-${'B'.repeat(32)}`, hash: md5ish('3') }],
  ['a generation past 32 bits', 'entity:e4', { rev: `4294967296-${md5ish('4')}`, hash: md5ish('4') }],
  ['a fingerprint not in hex', 'summary:notebook', { rev: `1-${md5ish('5')}`, hash: 'not-a-hash' }],
  ['a fingerprint of another record’s id', 'original:x', { rev: `1-${md5ish('6')}`, hash: text }],
];

describe('the base log', () => {
  it('gives back every base exactly as recorded, in memory and after reopening', async () => {
    const path = join(dir, 'base.jsonl');
    const log = await BaseLog.open(path);
    await log.record(new Map(CASES.map(([, id, base]) => [id, base])), 17);
    for (const [what, id, base] of CASES) expect(log.get(id), what).toEqual(base);
    expect(log.size).toBe(CASES.length);
    expect(new Set(log.ids())).toEqual(new Set(CASES.map(([, id]) => id)));
    await log.close();

    const again = await BaseLog.open(path);
    for (const [what, id, base] of CASES) expect(again.get(id), what).toEqual(base);
    expect(again.seq).toBe(17);
    expect(again.get('annotation:never')).toBeUndefined();
    await again.close();
  });

  it('replaces a base of one form with one of another, forgets a deleted record and reuses its place', async () => {
    const log = await BaseLog.open(join(dir, 'base.jsonl'));
    const usual = CASES[0][2];
    const odd = CASES[5][2];
    await log.record(new Map([['entity:a', usual], ['entity:b', CASES[1][2]]]));
    await log.record(new Map([['entity:a', odd]]));
    expect(log.get('entity:a')).toEqual(odd);
    await log.record(new Map([['entity:a', usual]]));
    expect(log.get('entity:a')).toEqual(usual);
    await log.record(new Map([['entity:a', null]]));
    expect(log.get('entity:a')).toBeUndefined();
    expect(log.size).toBe(1);
    // A new record takes the freed place without disturbing the one that stayed.
    await log.record(new Map([['entity:c', odd], ['entity:d', CASES[3][2]]]));
    expect(log.get('entity:b')).toEqual(CASES[1][2]);
    expect(log.get('entity:c')).toEqual(odd);
    expect(log.get('entity:d')).toEqual(CASES[3][2]);
    expect(log.size).toBe(3);
    await log.close();
  });

  it('holds thousands of records (past its first allocation) and compacts to what it holds', async () => {
    const path = join(dir, 'base.jsonl');
    const log = await BaseLog.open(path);
    const many = new Map<string, Base>();
    for (let i = 0; i < 5000; i++) many.set(`annotation:${i}`, { rev: `${1 + (i % 7)}-${i.toString(16).padStart(32, '0')}`, hash: (i * 7919).toString(16).padStart(32, '0') });
    await log.record(many, 'seq-1');
    for (let i = 0; i < 5000; i += 499) expect(log.get(`annotation:${i}`)).toEqual(many.get(`annotation:${i}`));
    // Each record rewritten, then half deleted: the file holds three times what the log does.
    await log.record(new Map([...many].map(([id, b]) => [id, { ...b, hash: 'f'.repeat(32) }])));
    await log.record(new Map([...many.keys()].filter((_, i) => i % 2 === 0).map((id) => [id, null])));
    await log.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n').length;
    const again = await BaseLog.open(path);
    expect(again.size).toBe(2500);
    expect(again.get('annotation:1')).toEqual({ rev: many.get('annotation:1')!.rev, hash: 'f'.repeat(32) });
    expect(again.get('annotation:2')).toBeUndefined();
    expect(again.seq).toBe('seq-1');
    await again.close();
    expect((await readFile(path, 'utf8')).trim().split('\n').length).toBeLessThan(lines / 3);
  });

  it('drops a torn last line (a crash mid-append) and keeps everything before it', async () => {
    const path = join(dir, 'base.jsonl');
    const log = await BaseLog.open(path);
    await log.record(new Map([['entity:a', CASES[0][2]]]), 5);
    await log.close();
    await appendFile(path, '{"i":"entity:b","r":"1-');
    const again = await BaseLog.open(path);
    expect(again.get('entity:a')).toEqual(CASES[0][2]);
    expect(again.get('entity:b')).toBeUndefined();
    expect(again.seq).toBe(5);
    await again.record(new Map([['entity:c', CASES[2][2]]]));
    await again.close();
    expect((await BaseLog.open(path)).get('entity:c')).toEqual(CASES[2][2]);
  });
});
