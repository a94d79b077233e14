import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../domain/names';
import { scoreQuery, type QueryNode } from './score';
import { TermIndex } from './term-index';

const tokens = (text: string) => tokenize(text).map((t) => t.text);
const WORDS = 'police arrested telegram raids devices kochi court channel officers watched'.split(' ');

/** 300 documents of the story's words in three fields, as the tests of the old engine had them. */
function documents() {
  return Array.from({ length: 300 }, (_, i) => ({
    id: `s${i}`,
    title: `T ${WORDS[i % 10]}`,
    outlet: i % 3 ? '' : `Outlet ${i % 4}`,
    text: Array.from({ length: 20 + (i % 17) }, (_, j) => WORDS[(i * 7 + j * 3 + (j % 5)) % 10]).join(' '),
  }));
}

function build(docs = documents()): TermIndex {
  const index = new TermIndex(['title', 'outlet', 'text']);
  for (const d of docs) index.add(d.id, [tokens(d.title), tokens(d.outlet), tokens(d.text)]);
  return index;
}

const exactly = (words: string[], kind: 'and' | 'or' = 'and'): QueryNode => ({ kind, children: words.map((word) => ({ kind: 'word', word, typos: 0, prefix: false })) });

function score(index: TermIndex, query: QueryNode): Map<string, number> {
  const s = scoreQuery(index, query, { boosts: [4, 2, 1], weights: { typo: 0.25, prefix: 0.5 }, allowed: null, passes: null, pool: null, choose: (x) => x });
  return new Map(s.ids.map((id, i) => [id, s.scores[i]]));
}

describe('the word index', () => {
  it('scores as MiniSearch’s public search() does: BM25+, field boosts, AND and OR', () => {
    const docs = documents();
    const mini = new MiniSearch({ fields: ['title', 'outlet', 'text'], idField: 'id', tokenize: tokens, processTerm: (t) => t });
    mini.addAll(docs);
    const index = build(docs);
    let compared = 0;
    for (const [words, combineWith] of [
      [['police'], 'AND'],
      [['telegram', 'court'], 'AND'],
      [['raids', 'kochi', 'officers'], 'AND'],
      [['outlet', 'watched'], 'OR'],
      [['channel', 'devices'], 'OR'],
    ] as const) {
      const expected = new Map(mini.search(words.join(' '), { combineWith, boost: { title: 4, outlet: 2, text: 1 }, fuzzy: false, prefix: false }).map((r) => [r.id as string, r.score]));
      const found = score(index, exactly([...words], combineWith === 'AND' ? 'and' : 'or'));
      expect([...found.keys()].sort(), words.join(' ')).toEqual([...expected.keys()].sort());
      for (const [id, s] of found) expect(s).toBeCloseTo(expected.get(id)!, 9);
      compared += found.size;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('finds a replaced document by its new words only, and a removed one no more', () => {
    const index = build();
    index.add('s1', [['kochi'], [], ['magistrate', 'hearing']]);
    expect(index.containing(['magistrate'])).toEqual(new Set(['s1']));
    expect(index.containing(['telegram']).has('s1')).toBe(false);
    index.remove('s1');
    expect(index.containing(['magistrate'])).toEqual(new Set());
    expect(index.size).toBe(299);
  });

  it('answers the same after a vacuum as before it, with the removed documents gone', () => {
    const index = build();
    for (let i = 0; i < 300; i += 11) index.remove(`s${i}`);
    const before = score(index, exactly(['telegram', 'court']));
    index.vacuum();
    const after = score(index, exactly(['telegram', 'court']));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.has('s0')).toBe(false);
    // Frequencies are counted afresh: scores change a little, as the removed documents no longer count.
    expect(index.stats.documents).toBe(300 - 28);
  });

  it('vacuums by itself once a tenth of its documents were replaced, and keeps answering', () => {
    const index = build();
    for (let round = 0; round < 3; round++) for (let i = 0; i < 300; i++) index.add(`s${i}`, [['t'], [], tokens(`round ${round} police`)]);
    expect(index.capacity).toBeLessThan(600);
    expect(index.containing(['round', '2']).size).toBe(300);
    expect(index.containing(['round', '1']).size).toBe(0);
  });

  it('saves as typed arrays and loads back to the same answers', () => {
    const index = build();
    index.remove('s5');
    const saved = index.save();
    expect(saved.arena).toBeInstanceOf(Uint32Array);
    const loaded = TermIndex.load(structuredClone(saved))!;
    expect(loaded.size).toBe(299);
    for (const q of [['police'], ['telegram', 'court'], ['outlet', '3']]) expect(score(loaded, exactly(q))).toEqual(score(index, exactly(q)));
    // And it keeps growing after loading.
    loaded.add('new', [['fresh'], [], ['magistrate']]);
    expect(loaded.containing(['magistrate'])).toEqual(new Set(['new']));
  });

  it('refuses a saved index whose arrays do not fit together, rather than answering wrong', () => {
    const saved = build().save();
    expect(TermIndex.load({ ...saved, heads: saved.heads.subarray(1) })).toBeNull();
    const arena = saved.arena.slice();
    arena[saved.heads[3]] = arena.length + 10; // a chain pointing past the arena's end
    expect(TermIndex.load({ ...saved, arena })).toBeNull();
    const ids = [...saved.ids];
    ids[1] = ids[0]; // two documents with one id
    expect(TermIndex.load({ ...saved, ids })).toBeNull();
  });

  it('probes a few documents to the same postings as a walk finds', () => {
    const index = build();
    const termId = index.lookup('police')!;
    const walked: string[] = [];
    index.walk(termId, (short, field, count) => walked.push(`${short}:${field}:${count}`));
    const some = [3, 17, 18, 150, 299];
    const probed: string[] = [];
    index.probe(termId, some, (short, field, count) => probed.push(`${short}:${field}:${count}`));
    expect(probed).toEqual(walked.filter((p) => some.includes(Number(p.split(':')[0]))));
  });

  it('reaches spellings within the typos allowed, a swap counting as one edit, and the words a prefix starts', () => {
    const index = new TermIndex(['text']);
    index.add('a', [['police', 'polite', 'poise', 'raids', 'radio', 'abraham', 'abrahams']]);
    const reach = (word: string, typos: number, prefix = false) =>
      index
        .expand(word, typos, prefix)
        .map((x) => `${x.term}:${x.edits}${x.prefix ? 'p' : ''}`)
        .sort();
    expect(reach('polcie', 2)).toEqual(['police:1', 'polite:2']);
    expect(reach('riads', 1)).toEqual(['raids:1']);
    expect(reach('abrahm', 2)).toEqual(['abraham:1', 'abrahams:2']);
    expect(reach('abr', 0, true)).toEqual(['abraham:0p', 'abrahams:0p']);
    expect(reach('police', 0)).toEqual(['police:0']);
  });
});
