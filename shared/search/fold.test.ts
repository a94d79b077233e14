import { describe, expect, it } from 'vitest';
import { foldText, tokenRegex } from './fold';

describe('foldText', () => {
  it.each([
    ['ASCII is lowercased', 'Kerala POLICE arrested 41', 'kerala police arrested 41'],
    ['Latin accents are dropped', 'José Müller, Ñoño, ÇAFÉ', 'jose muller, nono, cafe'],
    ['curly quotes and dashes stay as they are', '“We have arrested 11 persons,” Abraham said — 268 cases', '“we have arrested 11 persons,” abraham said — 268 cases'],
    ['Malayalam keeps its vowel signs', 'പോലീസ് P-Hunt', 'പോലീസ് p-hunt'],
    ['a character whose lowercase is longer is folded within its one place, so offsets hold', 'İstanbul Ünal', 'istanbul unal'],
    ['a pair of surrogates (emoji, mathematical letters) stays whole', 'Raid 🚔 𝐀bc', 'raid 🚔 𝐀bc'],
  ])('%s', (_label, text, folded) => {
    expect(foldText(text)).toBe(folded);
    expect(foldText(text)).toHaveLength(text.length);
  });

  it('keeps every offset: a word found in the folded text is the same word in the original', () => {
    const text = '“Operation P-HUNT” — José’s team found 268 cases in Kōchi.';
    const folded = foldText(text);
    const regex = tokenRegex(['jose', 'kochi', '268']);
    const found = [...folded.matchAll(regex)].map((m) => text.slice(m.index, m.index + m[0].length));
    expect(found).toEqual(['José', '268', 'Kōchi']);
  });
});
