import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { BaseStore, type Base } from './base-store';

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

describe('the base store', () => {
  it('gives back every base exactly as recorded, in memory and after reopening', async () => {
    const path = join(dir, 'base');
    const store = await BaseStore.open(path);
    await store.record(
      new Map(CASES.map(([, id, base]) => [id, base])),
      17,
      new Map([
        ['annotation:w1', 'source:s1'],
        ['source:s2', null],
      ]),
    );
    for (const [what, id, base] of CASES) expect(store.get(id), what).toEqual(base);
    expect(store.size).toBe(CASES.length);
    expect(new Set(store.ids())).toEqual(new Set(CASES.map(([, id]) => id)));
    await store.close();

    const again = await BaseStore.open(path);
    for (const [what, id, base] of CASES) expect(again.get(id), what).toEqual(base);
    expect(again.seq).toBe(17);
    expect(again.waiting).toEqual(
      new Map([
        ['annotation:w1', 'source:s1'],
        ['source:s2', null],
      ]),
    );
    expect(again.get('annotation:never')).toBeUndefined();
    await again.close();
  });

  it('replaces a base of one form with one of another, forgets a deleted record and reuses its place', async () => {
    const path = join(dir, 'base');
    const store = await BaseStore.open(path);
    const usual = CASES[0][2];
    const odd = CASES[5][2];
    await store.record(
      new Map([
        ['entity:a', usual],
        ['entity:b', CASES[1][2]],
      ]),
    );
    await store.record(new Map([['entity:a', odd]]));
    expect(store.get('entity:a')).toEqual(odd);
    await store.record(new Map([['entity:a', usual]]));
    expect(store.get('entity:a')).toEqual(usual);
    await store.record(new Map([['entity:a', null]]));
    expect(store.get('entity:a')).toBeUndefined();
    expect(store.size).toBe(1);
    // A new record takes the freed place without disturbing the one that stayed.
    await store.record(
      new Map([
        ['entity:c', odd],
        ['entity:d', CASES[3][2]],
      ]),
    );
    expect(store.get('entity:b')).toEqual(CASES[1][2]);
    expect(store.get('entity:c')).toEqual(odd);
    expect(store.get('entity:d')).toEqual(CASES[3][2]);
    expect(store.size).toBe(3);
    // What waits is the whole set each time: one taken in is forgotten.
    await store.record(new Map(), undefined, new Map([['annotation:w1', 'source:s1']]));
    await store.record(new Map(), 'seq-9', new Map());
    await store.close();
    const again = await BaseStore.open(path);
    expect(again.get('entity:a')).toBeUndefined();
    expect(again.get('entity:c')).toEqual(odd);
    expect(again.size).toBe(3);
    expect(again.waiting.size).toBe(0);
    expect(again.seq).toBe('seq-9');
    await again.close();
  });

  it('holds thousands of records (past its first allocation)', async () => {
    const path = join(dir, 'base');
    const store = await BaseStore.open(path);
    const many = new Map<string, Base>();
    for (let i = 0; i < 5000; i++) many.set(`annotation:${i}`, { rev: `${1 + (i % 7)}-${i.toString(16).padStart(32, '0')}`, hash: (i * 7919).toString(16).padStart(32, '0') });
    await store.record(many, 'seq-1');
    for (let i = 0; i < 5000; i += 499) expect(store.get(`annotation:${i}`)).toEqual(many.get(`annotation:${i}`));
    await store.record(new Map([...many].map(([id, b]) => [id, { ...b, hash: 'f'.repeat(32) }])));
    await store.record(new Map([...many.keys()].filter((_, i) => i % 2 === 0).map((id) => [id, null])));
    await store.close();
    const again = await BaseStore.open(path);
    expect(again.size).toBe(2500);
    expect(again.get('annotation:1')).toEqual({ rev: many.get('annotation:1')!.rev, hash: 'f'.repeat(32) });
    expect(again.get('annotation:2')).toBeUndefined();
    expect(again.seq).toBe('seq-1');
    await again.close();
  });

  it('takes in the bases a notebook shared before kept in sync/base.jsonl (a torn last line dropped), then removes the file', async () => {
    const old = join(dir, 'base.jsonl');
    const lines = [
      { i: 'entity:a', r: CASES[0][2].rev, h: CASES[0][2].hash },
      { i: 'entity:b', r: CASES[1][2].rev, h: CASES[1][2].hash },
      { seq: 5 },
      { i: 'entity:b', gone: true },
      { w: 'annotation:w', n: 'source:s' },
      { w: 'annotation:x', n: null },
      { w: 'annotation:x', done: true },
      { i: text, r: CASES[2][2].rev, h: text },
      { seq: 9 },
    ];
    await writeFile(old, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"i":"entity:c","r":"1-`);
    const store = await BaseStore.open(join(dir, 'base'), old);
    expect(store.get('entity:a')).toEqual(CASES[0][2]);
    expect(store.get('entity:b')).toBeUndefined();
    expect(store.get('entity:c')).toBeUndefined();
    expect(store.get(text)).toEqual(CASES[2][2]);
    expect(store.waiting).toEqual(new Map([['annotation:w', 'source:s']]));
    expect(store.seq).toBe(9);
    await store.close();
    await expect(access(old)).rejects.toThrow();
    const again = await BaseStore.open(join(dir, 'base'), old);
    expect(again.size).toBe(2);
    expect(again.seq).toBe(9);
    await again.close();
  });

  it('keeps what it holds when an old log is found again after it was taken in (a crash before its removal)', async () => {
    const old = join(dir, 'base.jsonl');
    const store = await BaseStore.open(join(dir, 'base'));
    await store.record(new Map([['entity:a', CASES[3][2]]]), 12);
    await store.close();
    await writeFile(old, `${JSON.stringify({ i: 'entity:a', r: CASES[0][2].rev, h: CASES[0][2].hash })}\n${JSON.stringify({ seq: 3 })}\n`);
    const again = await BaseStore.open(join(dir, 'base'), old);
    expect(again.get('entity:a')).toEqual(CASES[3][2]);
    expect(again.seq).toBe(12);
    await again.close();
    await expect(access(old)).rejects.toThrow();
  });

  it('is refused by name while another process holds it open, and opens once that one closes', async () => {
    const path = join(dir, 'base');
    const first = await BaseStore.open(path);
    await expect(BaseStore.open(path)).rejects.toThrow(/lock/i);
    await first.close();
    const second = await BaseStore.open(path);
    expect(second.size).toBe(0);
    await second.close();
  });
});
