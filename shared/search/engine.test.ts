import { describe, expect, it } from 'vitest';
import { plainMarkdown, SearchEngine, swapDistance, type Highlighted, type SearchAnnotation } from './engine';

const marked = (h: Highlighted) => h.ranges.map(([s, e]) => h.text.slice(s, e));

function engine(): SearchEngine {
  const e = new SearchEngine();
  e.putSources([
    { id: 'acc', title: 'Entrevista con José Núñez', outlet: 'El País', published: '2021-05-02', text: 'El fiscal José Núñez habló de la operación en Kochi.' },
    { id: 'ml', title: 'ഓപ്പറേഷൻ പി ഹണ്ട്', outlet: 'മനോരമ', published: '2020-10-05', text: 'കേരള പോലീസ് ഓപ്പറേഷൻ പി ഹണ്ട് നടത്തി. 41 പേർ അറസ്റ്റിൽ.' },
    { id: 'body', title: 'Court hearing', outlet: null, published: null, text: 'Much later in a long text, the telegram channel was named in court.' },
    { id: 'title', title: 'Telegram channels under watch', outlet: 'The Hindu', published: '2022-01-10', text: 'Officers watched several groups.' },
    { id: 'typo', title: 'Other', outlet: null, published: '2019', text: 'A telegraph office was raided.' },
  ]);
  return e;
}

const annotation = (over: Partial<SearchAnnotation>): SearchAnnotation => ({
  id: 'a1',
  sourceId: 'body',
  kind: 'passage',
  quote: 'the telegram channel',
  note: '',
  tags: [],
  entityIds: [],
  start: 27,
  end: 47,
  ...over,
});

describe('the search engine', () => {
  it('folds case and Latin accents both ways, and highlights the words as written', () => {
    const r = engine().search('jose nunez');
    expect(r.sources.map((s) => s.id)).toEqual(['acc']);
    expect(marked(r.sources[0].title)).toEqual(['José', 'Núñez']);
    expect(marked(r.sources[0].snippet)).toEqual(['José', 'Núñez']);
    expect(
      engine()
        .search('OPERACIÓN')
        .sources.map((s) => s.id),
    ).toEqual(['acc']);
  });

  it('finds Malayalam words whole, with their vowel signs, and highlights them', () => {
    const r = engine().search('ഹണ്ട്');
    expect(r.sources.map((s) => s.id)).toEqual(['ml']);
    expect(marked(r.sources[0].title)).toEqual(['ഹണ്ട്']);
    expect(r.sources[0].hit).toEqual({ start: 'കേരള പോലീസ് ഓപ്പറേഷൻ പി '.length, end: 'കേരള പോലീസ് ഓപ്പറേഷൻ പി ഹണ്ട്'.length });
  });

  it('ranks a title hit above a body hit, and searches a word the notebook holds as typed', () => {
    // "telegraph" is in the notebook too, but "telegram" is a word the notebook has: it is what was meant.
    expect(
      engine()
        .search('telegram')
        .sources.map((s) => s.id),
    ).toEqual(['title', 'body']);
    // "telegarm" is no word of the notebook: one swap from "telegram" (found, the title hit first).
    expect(
      engine()
        .search('telegarm')
        .sources.map((s) => s.id),
    ).toEqual(['title', 'body']);
    const e = engine();
    e.putSource({ id: 'exact', title: 'Notes', outlet: null, published: null, text: 'Telegraph.' });
    expect(e.search('telegraph').sources.map((s) => s.id)).toEqual(['exact', 'typo']);
  });

  it('counts two swapped letters as one typo, and the spelling closest to what was typed wins', () => {
    expect(swapDistance('liarkara', 'lirakara')).toBe(1);
    expect(swapDistance('liarkara', 'livikara')).toBe(2);
    expect(swapDistance('abc', 'abc')).toBe(0);
    const e = new SearchEngine();
    // Both are two Levenshtein edits from the query; only one is a swap (one edit): only it is meant.
    e.putSources([
      { id: 'other', title: 'x', outlet: null, published: null, text: 'Officer Livikara.' },
      { id: 'meant', title: 'y', outlet: null, published: null, text: 'Officer Lirakara, who was there for a long time, said nothing more about it.' },
    ]);
    expect(e.search('liarkara').sources.map((s) => s.id)).toEqual(['meant']);
    // A swap in a five-letter word is one typo, the most a five-letter word may have.
    e.putSource({ id: 'raids', title: 'z', outlet: null, published: null, text: 'The raids began at dawn.' });
    expect(e.search('riads').sources.map((s) => s.id)).toEqual(['raids']);
  });

  it('never lets typo matches of a common word bury a word found as typed, nor bring a text with other words', () => {
    const e = new SearchEngine();
    e.putSources([
      ...Array.from({ length: 30 }, (_, i) => ({ id: `while${i}`, title: 'Council', outlet: null, published: null, text: `While the council met, the standing committee waited (${i}).` })),
      { id: 'ovation', title: 'Concert', outlet: null, published: null, text: 'A standing ovation while the whole hall rose.' },
      { id: 'whales', title: 'Coast', outlet: null, published: null, text: 'Whale strandings rose along the coast this year.' },
    ]);
    expect(e.search('whale strandings').sources.map((s) => s.id)).toEqual(['whales']);
    expect(e.search('whale').sources.map((s) => s.id)).toEqual(['whales']);
    // A typo of the rare word reaches it (one edit), not "while" (two edits from "whael").
    expect(e.search('whael strandings').sources.map((s) => s.id)).toEqual(['whales']);
  });

  it('lets a word the notebook holds reach its neighbours only when nothing matched as typed, and says so', () => {
    const e = new SearchEngine();
    e.putSources([
      { id: 'from', title: 'A', outlet: null, published: null, text: 'Evidence from Kochi.' },
      { id: 'form', title: 'B', outlet: null, published: null, text: 'The complaint form.' },
    ]);
    expect(e.search('form kochi').sources.map((s) => s.id)).toEqual(['from']);
    expect(e.search('form kochi').problems).toEqual(['Nothing matched every word as typed: near spellings of the words are shown.']);
    expect(e.search('form complaint').problems).toEqual([]);
  });

  it('does not forgive typos in numbers: 268 never finds 269', () => {
    const e = engine();
    e.putSources([
      { id: 'n268', title: 'A', outlet: null, published: null, text: 'registered 268 cases' },
      { id: 'n269', title: 'B', outlet: null, published: null, text: 'recorded 269 cases' },
    ]);
    expect(e.search('268').sources.map((s) => s.id)).toEqual(['n268']);
  });

  it('needs every word, keeps phrases exact and in order, and leaves out excluded words', () => {
    const e = engine();
    expect(e.search('telegram court').sources.map((s) => s.id)).toEqual(['body']);
    expect(e.search('"channel was named"').sources.map((s) => s.id)).toEqual(['body']);
    expect(e.search('"named was channel"').sources).toEqual([]);
    expect(e.search('telegram -court').sources.map((s) => s.id)).toEqual(['title']);
    expect(e.search('telegram -"under watch"').sources.map((s) => s.id)).toEqual(['body']);
  });

  it('filters by outlet, source title and dates', () => {
    const e = engine();
    expect(e.search('telegram outlet:hindu').sources.map((s) => s.id)).toEqual(['title']);
    expect(e.search('telegram source:court').sources.map((s) => s.id)).toEqual(['body']);
    expect(e.search('after:2020').sources.map((s) => s.id)).toEqual(['title', 'acc']);
    expect(e.search('before:2021').sources.map((s) => s.id)).toEqual(['ml', 'typo']);
  });

  it('finds a source added or changed after a filtered search with the same filter', () => {
    const e = engine();
    expect(e.search('telegram outlet:hindu').sources.map((s) => s.id)).toEqual(['title']);
    e.putSource({ id: 'later', title: 'Telegram groups shut', outlet: 'The Hindu', published: '2023-02-01', text: 'The telegram groups were shut.' });
    expect(
      e
        .search('telegram outlet:hindu')
        .sources.map((s) => s.id)
        .sort(),
    ).toEqual(['later', 'title']);
    e.putSource({ id: 'later', title: 'Telegram groups shut', outlet: 'Scroll.in', published: '2023-02-01', text: 'The telegram groups were shut.' });
    expect(e.search('telegram outlet:hindu').sources.map((s) => s.id)).toEqual(['title']);
    expect(e.search('telegram after:2022').sources.map((s) => s.id)).toEqual(['later']);
  });

  it('updates one annotation in place: found by its new words, no longer by its old ones', () => {
    const e = engine();
    e.putAnnotation(annotation({ note: 'Check with the prosecutor.' }));
    expect(e.search('prosecutor').annotations.map((a) => a.id)).toEqual(['a1']);
    e.putAnnotation(annotation({ note: 'Ask the magistrate.' }));
    expect(e.search('prosecutor').annotations).toEqual([]);
    expect(e.search('magistrate').annotations.map((a) => a.id)).toEqual(['a1']);
    e.removeAnnotation('a1');
    expect(e.search('magistrate').annotations).toEqual([]);
  });

  it('filters annotations by kind and tag, and gives their source', () => {
    const e = engine();
    e.putAnnotations([annotation({ id: 'f', kind: 'figure', tags: ['to check'] }), annotation({ id: 'q', kind: 'quote', tags: [] })]);
    expect(e.search('telegram kind:figure').annotations.map((a) => a.id)).toEqual(['f']);
    expect(e.search('tag:"To Check"').annotations.map((a) => a.id)).toEqual(['f']);
    expect(e.search('kind:quote').annotations[0]).toMatchObject({ id: 'q', sourceTitle: 'Court hearing', start: 27, end: 47 });
    // Annotation filters leave sources out: they are about annotations.
    expect(e.search('telegram kind:figure').sources).toEqual([]);
  });

  it('finds entities by any spelling, names the alias that matched, and the passages linked to them', () => {
    const e = engine();
    e.setEntities([
      { id: 'r202', type: 'operation', name: 'P-Hunt 20.2', aliases: [], parentId: 'op' },
      { id: 'op', type: 'operation', name: 'Operation P-Hunt', aliases: ['P Hunt'], parentId: null },
      { id: 'cd', type: 'organisation', name: 'Kerala Police Cyberdome', aliases: ['Cyberdome'], parentId: null },
    ]);
    e.putAnnotation(annotation({ id: 'linked', quote: 'raids across the state', entityIds: ['r202'] }));
    const r = e.search('P-HUNT_20.2');
    expect(r.entities.map((x) => x.id)).toEqual(['r202']);
    expect(r.annotations.map((a) => [a.id, a.linkedTo])).toEqual([['linked', 'P-Hunt 20.2']]);
    const cyber = e.search('cyberdom');
    expect(cyber.entities[0]).toMatchObject({ id: 'cd', alias: { text: 'Cyberdome' } });
    // An operation's filter takes in its rounds.
    expect(e.search('entity:"Operation P-Hunt"').annotations.map((a) => a.id)).toEqual(['linked']);
    // A word that is only part of a long name does not pull in that entity's passages.
    e.putAnnotation(annotation({ id: 'cd-linked', quote: 'the wing', entityIds: ['cd'] }));
    expect(e.search('police').annotations.map((a) => a.id)).not.toContain('cd-linked');
  });

  it('reports a filter naming no entity, and still searches', () => {
    const r = engine().search('telegram entity:Nobody');
    expect(r.problems).toEqual(['No entity is called “Nobody”, so that filter was left out.']);
    expect(r.sources.map((s) => s.id)).toEqual(['title', 'body']);
  });

  it('answers odd input with results or a message, never an exception', () => {
    const e = engine();
    for (const q of ['', '"', '-', '-telegram', 'kind:', '(((', '*', '\\', '"."', 'x'.repeat(3000), '🙂', '0', '-"']) {
      expect(() => e.search(q, { asYouType: true })).not.toThrow();
    }
    expect(e.search('-telegram').sources).toEqual([]);
  });

  it('matches the last word as a prefix while typing, and only then', () => {
    const e = engine();
    expect(e.search('teleg', { asYouType: true }).sources.map((s) => s.id)).toContain('title');
    expect(e.search('teleg').sources).toEqual([]);
    // The last word of several, too: "court tele" while typing finds the text naming both, and
    // a prefix match is not taken for a typo of another word ("chan" → "channel" beside "court").
    expect(e.search('court tele', { asYouType: true }).sources.map((s) => s.id)).toEqual(['body']);
    const typing = e.search('court chan', { asYouType: true }).sources;
    expect(typing.map((s) => s.id)).toEqual(['body']);
    // A word being typed ranks as a word as typed: in the same tier as the whole word.
    expect(Math.abs(typing[0].score - e.search('court channel').sources[0].score)).toBeLessThan(1000);
    expect(e.search('court tele').sources).toEqual([]);
  });

  it('warms up on words it holds without changing any answer, and does nothing when empty', () => {
    expect(new SearchEngine().warmUp()).toBe(0);
    const e = engine();
    const before = ['telegram', 'polise', '"police arrested"', 'kind:passage police'].map((q) => e.search(q));
    expect(e.warmUp()).toBe(13);
    expect(['telegram', 'polise', '"police arrested"', 'kind:passage police'].map((q) => e.search(q))).toEqual(before);
  });

  it('shows a note’s Markdown as text, the matched words marked in it', () => {
    expect(plainMarkdown('Cases: **268** here, _269_ in `001`; see [the release](https://example.org).\n\n# Check\n- with police')).toBe(
      'Cases: 268 here, 269 in 001; see the release. Check with police',
    );
    expect(plainMarkdown('Round P-Hunt_20.3_b and a_b_c stay as written.')).toBe('Round P-Hunt_20.3_b and a_b_c stay as written.');
    const e = engine();
    e.putAnnotation(annotation({ note: 'Cases in round 20.2: **268** here, **269** in 001.' }));
    const note = e.search('268').annotations[0].note!;
    expect(note.text).toBe('Cases in round 20.2: 268 here, 269 in 001.');
    expect(marked(note)).toEqual(['268']);
  });
});
