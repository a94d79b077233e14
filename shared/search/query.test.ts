import { describe, expect, it } from 'vitest';
import { parseQuery, passesDates } from './query';

describe('parseQuery', () => {
  it('reads free words, phrases (straight and curly quotes) and exclusions', () => {
    const q = parseQuery('abraham "child sexual abuse" -facebook -"social media" “P Hunt”');
    expect(q.words).toEqual(['abraham']);
    expect(q.phrases).toEqual(['child sexual abuse', 'P Hunt']);
    expect(q.excluded).toEqual(['facebook', 'social media']);
    expect(q.problems).toEqual([]);
  });

  it('reads every filter, with quoted values, kinds by any plural, and partial dates', () => {
    const q = parseQuery('entity:"P-Hunt 20.2" tag:to-verify kind:figures kind:quote source:hindu outlet:"The Hindu" after:2020 before:2023-03');
    expect(q.filters).toEqual({ entity: ['P-Hunt 20.2'], tag: ['to-verify'], kind: ['figure', 'quote'], source: ['hindu'], outlet: ['The Hindu'], before: '2023-03', after: '2020' });
    expect(q.words).toEqual([]);
    expect(q.problems).toEqual([]);
  });

  it('searches an unclosed quote as a phrase to the end, and says so', () => {
    const q = parseQuery('arrested "child sexual');
    expect(q.words).toEqual(['arrested']);
    expect(q.phrases).toEqual(['child sexual']);
    expect(q.problems).toEqual(['A quote is not closed, so the phrase runs to the end of the search.']);
  });

  it('searches an unknown filter as words, naming the filters there are', () => {
    const q = parseQuery('author:abraham');
    expect(q.words).toEqual(['abraham']);
    expect(q.problems[0]).toMatch(/no filter “author:”.*entity: tag: kind: source: outlet: before: after:/);
    // Nothing after the colon: the word before it is searched, not nothing.
    const bare = parseQuery('javascript:');
    expect(bare.words).toEqual(['javascript']);
    expect(bare.problems[0]).toMatch(/^There is no filter “javascript:”, so “javascript” was searched as words\./);
  });

  it('leaves out filters it cannot use, each with a reason, and keeps the rest of the search', () => {
    const q = parseQuery('raids kind:photo before:2021-13 after:yesterday tag: -entity:Interpol');
    expect(q.words).toEqual(['raids']);
    expect(q.filters.kind).toEqual([]);
    expect(q.filters.before).toBeNull();
    expect(q.filters.after).toBeNull();
    expect(q.filters.entity).toEqual(['Interpol']);
    expect(q.problems).toHaveLength(5);
    expect(q.problems.join('\n')).toMatch(/“photo” is not a kind/);
    expect(q.problems.join('\n')).toMatch(/“before:2021-13” is not a date/);
    expect(q.problems.join('\n')).toMatch(/“tag:” needs a value/);
    expect(q.problems.join('\n')).toMatch(/cannot be negated/);
  });

  it('says when a date range is empty', () => {
    expect(parseQuery('after:2023 before:2021').problems[0]).toMatch(/Nothing can be after 2023 and before 2021/);
  });

  it('never throws, whatever it is given', () => {
    for (const input of ['', '   ', '"', '-', '--', ':', 'a:', '""', '-""', 'kind:', '\u0000\uffff', '"'.repeat(999), 'x'.repeat(5000), 'entity:"', '“unclosed curly']) {
      expect(() => parseQuery(input)).not.toThrow();
    }
  });

  it('keeps a time or a ratio as a word, not a filter', () => {
    expect(parseQuery('10:30').words).toEqual(['10:30']);
    expect(parseQuery('10:30').problems).toEqual([]);
  });
});

describe('date filters', () => {
  it('takes a whole year, month or day as the period, and leaves undated sources out', () => {
    expect(passesDates('2020-10-04', '2021', null)).toBe(true);
    expect(passesDates('2021-01-01', '2021', null)).toBe(false);
    expect(passesDates('2021', null, '2020')).toBe(true);
    expect(passesDates('2020-12', null, '2020')).toBe(false);
    expect(passesDates('2023-02-27', '2023-03', '2022')).toBe(true);
    expect(passesDates(null, '2030', null)).toBe(false);
    expect(passesDates(null, null, null)).toBe(true);
  });
});

describe("filter values that are Object's own property names", () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('kind:%s is no kind: left out, and said so', (word) => {
    const q = parseQuery(`raids kind:${word}`);
    expect(q.filters.kind).toEqual([]);
    expect(q.words).toEqual(['raids']);
    expect(q.problems.join(' ')).toMatch(new RegExp(`“${word.replace(/_/g, '_')}” is not a kind of annotation`));
  });
});
