/**
 * Entity suggestions on a story that is not the sample (real news from ../shared/testdata, see
 * testing/other-story.ts), and the name forms reporters meet in British and American copy.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Notebook } from '../store/notebook';
import { tempDir } from '../testing/fixtures';
import { otherStory, otherStoryNotebook } from '../testing/other-story';
import { createEntity } from './service';
import { cleanName } from './candidates';
import { NameReader } from './name-reader';
import { suggestEntities, type EntitySuggestion } from './suggest';

describe('a name as a reporter writes it down', () => {
  it.each([
    ['Mr Blunkett’s', 'Blunkett'],
    ["Hitler's", 'Hitler'],
    ['Secretary Tim Collins', 'Tim Collins'],
    ['Home Secretary Charles Clarke', 'Charles Clarke'],
    ['Both Mr Brown', 'Brown'],
    ['Get Brown', 'Brown'],
    ['President Obama', 'Obama'],
    ['Dr. Feel', 'Feel'],
    ['Samantha’s point', 'Samantha'],
    ['Manoj Abraham IPS', 'Manoj Abraham'],
    ['New York', 'New York'],
    ['Bank of England', 'Bank of England'],
    ['Mr', 'Mr'],
  ])('%s → %s', (raw, name) => expect(cleanName(raw)).toBe(name));
});

describe('suggestions on another story', () => {
  const story = otherStory('Entity suggestions on the second test story');
  let nb: Notebook;
  let names: NameReader;
  let cleanup: () => Promise<void>;
  let cards: EntitySuggestion[];
  beforeAll(async () => {
    if (!story) return;
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    nb = await otherStoryNotebook(join(dir, 'nb'), story);
    names = new NameReader(nb);
    const first = await suggestEntities(nb, null, names);
    // A story of 19 sources is read before the answer: nothing is left to read.
    expect(first.reading).toBeNull();
    cards = first.cards;
  }, 120_000);
  afterAll(async () => {
    await names?.close();
    await nb?.close();
    await cleanup?.();
  });

  it.skipIf(!story)('gives one card per name, with every source that names it, most widely named first', () => {
    const keys = cards.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    const names = cards.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (let i = 1; i < cards.length; i++) expect(cards[i - 1].sourceCount).toBeGreaterThanOrEqual(cards[i].sourceCount);
    for (const c of cards) {
      expect(c.sources.length).toBe(Math.min(c.sourceCount, 50));
      expect(c.sources[0].id).toBe(c.sourceId);
      expect(c.mentions).toBeGreaterThanOrEqual(c.sourceCount);
    }
    // The president the BBC, the Washington Post and the New York Times name as "Obama", "Mr Obama" and "President Obama":
    // one card, by his full name, among the first.
    const obama = cards.filter((c) => /obama/i.test(c.name));
    expect(obama.map((c) => [c.name, c.type])).toEqual([['Barack Obama', 'person']]);
    expect(obama[0].sourceCount).toBeGreaterThanOrEqual(3);
    expect(cards.findIndex((c) => c.name === 'Barack Obama')).toBeLessThan(5);
  });

  it.skipIf(!story)('suggests no possessive, no title before a name, no day or month, and no name a full one holds', () => {
    for (const c of cards) {
      expect(c.name, c.name).not.toMatch(/['’]s?$|['’]s\s/);
      expect(c.name, c.name).not.toMatch(/^(Mr|Mrs|Ms|Dr|President|Secretary|Both|Get)\.?\s/);
      expect(c.name, c.name).not.toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/);
    }
    const names = new Set(cards.map((c) => c.name));
    // A first name or surname alone, in a text that names the person in full, is that person.
    expect(names).toContain('Marco Arment');
    expect(names).not.toContain('Marco');
    expect(names).not.toContain('Obama');
  });

  it.skipIf(!story)('keeps what each text gives by its hash, so the cards are built again without reading the texts; a name once known is not suggested', async () => {
    const saved = JSON.parse(await readFile(join(nb.paths.dir, 'cache', 'entity-candidates.json'), 'utf8')) as { byHash: Record<string, unknown> };
    expect(Object.keys(saved.byHash).sort()).toEqual(
      nb
        .listSources()
        .map((s) => s.contentHash)
        .sort(),
    );
    expect((await suggestEntities(nb, null, names)).cards).toEqual(cards);
    await createEntity(nb, { type: 'person', name: 'Barack Obama', aliases: [], description: '', start: null, end: null, parentId: null });
    const { cards: after } = await suggestEntities(nb, null, names);
    expect(after.filter((c) => /obama/i.test(c.name))).toEqual([]);
    expect(after.length).toBe(cards.length - 1);
  });

  it.skipIf(!story)('reads the texts again when the cache file is damaged, and writes it whole', async () => {
    const file = join(nb.paths.dir, 'cache', 'entity-candidates.json');
    await writeFile(file, '{"format":"dossier-entity-candidates-2","byHash":{"abc');
    await names.close();
    names = new NameReader(nb);
    const { cards: again } = await suggestEntities(nb, null, names);
    expect(again.map((c) => c.key)).not.toContain('name:barack obama');
    expect(again.length).toBeGreaterThan(100);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).byHash).length).toBe(nb.listSources().length);
  });

  it.skipIf(!story)('on a notebook too large to wait for, answers at once from what is read so far, and reads the rest in a worker', async () => {
    await rm(join(nb.paths.dir, 'cache', 'entity-candidates.json'), { force: true });
    await names.close();
    names = new NameReader(nb);
    const early = await suggestEntities(nb, null, names, { waitFor: 0 });
    expect(early.reading).toEqual({ read: expect.any(Number), total: nb.listSources().length });
    expect(early.reading!.read).toBeLessThan(nb.listSources().length);
    await names.read(nb.listSources());
    const later = await suggestEntities(nb, null, names, { waitFor: 0 });
    expect(later.reading).toBeNull();
    expect(later.cards.length).toBeGreaterThan(early.cards.length);
    expect(later.cards.length).toBeGreaterThan(100);
  });

  it.skipIf(!story)('reads one source asked for ahead of the background reading', async () => {
    await rm(join(nb.paths.dir, 'cache', 'entity-candidates.json'), { force: true });
    await names.close();
    names = new NameReader(nb);
    const all = nb.listSources();
    const order: string[] = [];
    const getSource = nb.getSource.bind(nb);
    const spy = vi.spyOn(nb, 'getSource').mockImplementation((id) => (order.push(id), getSource(id)));
    try {
      void names.readEverything();
      const last = all.at(-1)!;
      const one = await suggestEntities(nb, last.id, names);
      expect(one.cards.length).toBeGreaterThan(0);
      for (const c of one.cards) expect(c.sources.map((s) => s.id)).toEqual([last.id]);
      await names.read(all);
      expect(names.reading).toBeNull();
      // Read in batches of 8: asked for while the first batch was out, it came in the second at the
      // latest, ahead of the rest of the queue (whether the rest was done by the answer depends on the machine).
      expect(order.indexOf(last.id)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(last.id)).toBeLessThan(16);
      expect(new Set(order).size).toBe(all.length);
    } finally {
      spy.mockRestore();
    }
  });
});
