/**
 * The lean heap while sync moves records (heap.ts): on while a round, a bridge round or a live
 * replication runs, back to V8's default when all are done, and never left on by a stopped share.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import type { Notebook } from '../store/notebook';
import { startCouchServer, type CouchServer } from '../testing/couch-server';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { GROWTH_PERCENT, holdLeanHeap, leanHeapHolders, setFlagSetterForTests } from './heap';
import { memorySecrets, Sharing } from './sharing';

let couch: CouchServer;
beforeAll(async () => {
  couch = await startCouchServer();
});
afterAll(() => couch.close());

let flags: string[] = [];
let restore = () => undefined as void;
const done: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of done.splice(0).reverse()) await d();
  restore();
});
const record = () => {
  flags = [];
  restore = setFlagSetterForTests((f) => void flags.push(f));
};
const growth = () => flags.filter((f) => f.startsWith('--heap-growing-percent='));

async function notebook(): Promise<Notebook> {
  const { dir, cleanup } = await tempDir('dossier-heap-');
  const nb = await createSampleNotebook(SEEDS_DIR, join(dir, 'nb'));
  done.push(async () => {
    await nb.close();
    await cleanup();
  });
  return nb;
}
const login = (database: string) => ({ server: couch.server, database, username: couch.auth?.username ?? null, password: couch.auth?.password ?? null, create: true });

describe('the lean heap', () => {
  it('is set by the first holder and given back by the last; a second release changes nothing', () => {
    record();
    const a = holdLeanHeap();
    const b = holdLeanHeap();
    expect(growth()).toEqual([`--heap-growing-percent=${GROWTH_PERCENT}`]);
    a();
    a();
    expect(leanHeapHolders()).toBe(1);
    b();
    expect(growth()).toEqual([`--heap-growing-percent=${GROWTH_PERCENT}`, '--heap-growing-percent=0']);
    expect(leanHeapHolders()).toBe(0);
  });

  it('holds through a share’s first round and is given back when it is done', async () => {
    record();
    const nb = await notebook();
    const seen: number[] = [];
    const { sharing, round } = await Sharing.share(nb, login(couch.newDatabase()), { secrets: memorySecrets(), author: () => 'Asha', live: false, onStatus: () => seen.push(leanHeapHolders()) });
    done.push(() => sharing.stop());
    expect(round.sent).toBeGreaterThan(0);
    expect(seen).toContain(1);
    expect(leanHeapHolders()).toBe(0);
    expect(growth().at(-1)).toBe('--heap-growing-percent=0');
  });

  it('holds while a live share moves an edit, and not once it is synced or stopped', async () => {
    record();
    const nb = await notebook();
    const states: { state: string; holders: number }[] = [];
    const { sharing } = await Sharing.share(nb, login(couch.newDatabase()), {
      secrets: memorySecrets(),
      author: () => 'Asha',
      live: true,
      settleMs: 20,
      onStatus: (s) => s.shared && states.push({ state: s.state, holders: leanHeapHolders() }),
    });
    const synced = async () => {
      const deadline = Date.now() + 60_000;
      while (sharing.status().state !== 'synced') {
        if (Date.now() > deadline) throw new Error(`not synced: ${sharing.status().message}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await synced();
    expect(leanHeapHolders()).toBe(0);
    states.length = 0;
    const [source] = nb.listSources();
    const [a] = nb.listAnnotations(source.id);
    await nb.putAnnotation({ ...a, note: 'Checked against the FIR list.' });
    await synced();
    expect(states.some((s) => s.state === 'syncing' && s.holders === 1)).toBe(true);
    expect(leanHeapHolders()).toBe(0);
    await sharing.stop();
    expect(leanHeapHolders()).toBe(0);
  });
});
