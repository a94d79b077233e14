import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { SearchEngine, type SearchAnnotation, type SearchSource } from './engine';
import { packIndex, unpackIndex } from './packed';

const words = 'police arrested telegram raids devices kochi court channel officers watched'.split(' ');
const sources: SearchSource[] = Array.from({ length: 120 }, (_, i) => ({ id: `s${i}`, title: `Report ${words[i % 10]} ${i}`, outlet: i % 2 ? 'The Hindu' : null, published: `20${10 + (i % 14)}-01-0${1 + (i % 9)}`, text: Array.from({ length: 30 }, (_, j) => words[(i * 3 + j * 7) % 10]).join(' ') + ' José Núñez' }));
const annotations: SearchAnnotation[] = Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, sourceId: `s${i % 120}`, kind: i % 5 ? 'passage' : 'figure', quote: `${words[i % 10]} ${words[(i + 4) % 10]}`, note: i % 3 ? `note ${words[(i + 1) % 10]}` : '', tags: i % 4 ? [] : ['to-verify'], entityIds: [], start: i, end: i + 5 }));
const queries = ['police', 'polise', '"telegram raids"', 'kochi -court', 'tag:to-verify devices', 'kind:figure', 'after:2015 officers', 'jose nunez', 'repor'];

function built(edited = true): SearchEngine {
  const e = new SearchEngine();
  e.putSources(sources);
  e.putAnnotations(annotations);
  // Edits leave removed documents' postings in MiniSearch until it vacuums; they are not saved.
  if (edited) {
    for (let i = 0; i < 120; i += 9) e.putSource({ ...sources[i], text: `${sources[i].text} interpol` });
    for (let i = 0; i < 200; i += 13) e.removeAnnotation(`a${i}`);
  }
  return e;
}

describe('the saved search index', () => {
  it('answers every kind of query as the index it was saved from, after going through JSON', () => {
    const fresh = built(false);
    const again = SearchEngine.restore(JSON.parse(JSON.stringify(fresh.snapshot())), 'all')!;
    for (const q of queries) expect(again.search(q, { asYouType: q === 'repor' }), q).toEqual(fresh.search(q, { asYouType: q === 'repor' }));
    // After edits the removed documents' postings are left out of the save: what is found is the
    // same (scores differ a little, as those postings no longer count in a word's frequency).
    const e = built();
    const restored = SearchEngine.restore(JSON.parse(JSON.stringify(e.snapshot())), 'all');
    expect(restored).not.toBeNull();
    const found = (x: SearchEngine, q: string) => {
      const r = x.search(q, { limit: 500 });
      return { totals: r.totals, sources: r.sources.map((h) => h.id).sort(), annotations: r.annotations.map((h) => h.id).sort() };
    };
    for (const q of queries) expect(found(restored!, q), q).toEqual(found(e, q));
    expect(restored!.search('interpol').totals.sources).toBe(14);
    // And keeps being updated like the original.
    restored!.putSource({ ...sources[1], text: 'nothing left of it' });
    expect(restored!.search('"nothing left"').sources.map((s) => s.id)).toEqual(['s1']);
  });

  it('packs posting lists as numbers, without the removed documents', () => {
    const e = built();
    const packed = packIndex((e as unknown as { annotationIndex: MiniSearch }).annotationIndex)!;
    expect(packed.ids).toHaveLength(200 - 16);
    expect(packed.ids).not.toContain('a13');
    expect(packed.terms).toContain('police');
  });

  it('refuses a packed index that does not fit, so the index is rebuilt instead', () => {
    const mini = new MiniSearch({ fields: ['quote', 'note'] });
    mini.add({ id: 'x', quote: 'police raids', note: '' });
    const packed = packIndex(mini)!;
    const options = { fields: ['quote', 'note'] };
    expect(unpackIndex(JSON.parse(JSON.stringify(packed)), options)?.search('police').map((r) => r.id)).toEqual(['x']);
    expect(unpackIndex({ ...packed, format: 'other' }, options)).toBeNull();
    expect(unpackIndex(packed, { fields: ['note', 'quote'] })).toBeNull();
    expect(unpackIndex({ ...packed, ids: [] }, options)).toBeNull();
    expect(unpackIndex({ ...packed, byteOrder: packed.byteOrder === 'le' ? 'be' : 'le' }, options)).toBeNull();
    expect(unpackIndex({ ...packed, documents: 'AAA' }, options)).toBeNull();
    // Cut short, or with words left over: the lists do not match the words.
    expect(unpackIndex({ ...packed, postings: Buffer.from(packed.postings, 'base64').subarray(0, 8).toString('base64') }, options)).toBeNull();
    expect(unpackIndex({ ...packed, terms: [...packed.terms, 'extra'] }, options)).toBeNull();
    expect(unpackIndex({ ...packed, terms: packed.terms.slice(1) }, options)).toBeNull();
    expect(unpackIndex(null, options)).toBeNull();
    expect(SearchEngine.restore({ ...new SearchEngine().snapshot(), annotationIndex: { ...packed, terms: 'x' } }, 'all')).toBeNull();
  });
});
