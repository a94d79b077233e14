import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { balanceOffer, describeMarks, inQuotes, isBalanced, isEnclosed } from './quotes';

const seed = (name: string) => readFileSync(join(__dirname, '../../seeds', name), 'utf8');
const T000 = seed('000_7baca0de28e0a4fd.txt');
const T003 = seed('003_b6ce8270c2cda9db.txt');
const T004 = seed('004_5f1f928ad2ca457a.txt');
const span = (text: string, words: string) => {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`not in the text: ${words}`);
  return [start, start + words.length] as const;
};

describe('quotation marks in a passage', () => {
  it.each([
    ['“We have arrested 11 persons now and many are under observation,” Abraham said.', null],
    ['“The biggest impact of the pandemic, besides health issues, is online crime.', 'The passage opens “ without closing it.'],
    ['operation “P Hunt', 'The passage opens “ without closing it.'],
    ['repeat offenders,” said Abraham', 'The passage closes ” without opening it.'],
    ['Considering ‘Child security as the responsibility of every member of the society,’ Cyberdome Inspector General', null],
    // Apostrophes are not quotation marks.
    ['the police’s operation, the officers’ work and the ’90s', null],
    ['They include young people with ‘good professional jobs.’', null],
    ['He said "no', 'The passage opens " without closing it.'],
    ['He said "no" twice', null],
    ['“A ‘nested’ quote” here', null],
  ])('%s → %s', (text, problem) => {
    expect(describeMarks(text)).toBe(problem);
    expect(isBalanced(text)).toBe(problem === null);
  });

  it('knows a passage that is one quotation', () => {
    expect(isEnclosed('“We have arrested 11 persons now and many are under observation,”')).toBe(true);
    expect(isEnclosed('‘P-HUNT 23.1’')).toBe(true);
    expect(isEnclosed('“No,” he said, “never.”')).toBe(false);
    expect(isEnclosed('registered 268 cases')).toBe(false);
  });

  it.each([
    ['registered 268 cases', '“registered 268 cases”'],
    ['“Quoted whole.”', '“Quoted whole.”'],
    ['‘P-HUNT 23.1’', '‘P-HUNT 23.1’'],
    // Balanced marks inside: nested in single marks, never a doubled or a stray ”.
    ['“We have arrested 11 persons now,” Abraham said.', '‘“We have arrested 11 persons now,” Abraham said.’'],
    ['“No,” he said, “never.”', '‘“No,” he said, “never.”’'],
    // Unbalanced: shown exactly, nothing added (the fact sheet warns).
    ['“The biggest impact of the pandemic is online crime.', '“The biggest impact of the pandemic is online crime.'],
    ['operation “P Hunt', 'operation “P Hunt'],
  ])('shows %s in quotation marks as %s', (words, shown) => {
    expect(inQuotes(words)).toBe(shown);
  });
});

describe('offering a balanced passage for a selection', () => {
  it('extends an opened quote to its closing mark in the same paragraph, or trims the mark off', () => {
    const [s, e] = span(T000, '“The biggest impact of the pandemic, besides health issues, is online crime.');
    const offer = balanceOffer(T000, s, e)!;
    expect(offer.problem).toBe('The passage opens “ without closing it.');
    const extended = T000.slice(offer.extend!.start, offer.extend!.end);
    expect(extended.startsWith('“The biggest impact')).toBe(true);
    expect(extended.endsWith('as many are repeat offenders,”')).toBe(true);
    expect(T000.slice(offer.trim!.start, offer.trim!.end)).toBe('The biggest impact of the pandemic, besides health issues, is online crime.');
  });

  it('extends a mention that cuts a quoted name in two to the whole name, or trims to the words outside it', () => {
    const [s, e] = span(T003, 'operation “P Hunt');
    const offer = balanceOffer(T003, s, e)!;
    expect(T003.slice(offer.extend!.start, offer.extend!.end)).toBe('operation “P Hunt”');
    expect(T003.slice(offer.trim!.start, offer.trim!.end)).toBe('operation');
  });

  it('extends a closing mark back to its opening one', () => {
    const [s, e] = span(T004, 'of every member of the society,’ Cyberdome');
    // ’ alone is not reported (it may be an apostrophe), so this one balances already.
    expect(balanceOffer(T004, s, e)).toBeNull();
    const [s2, e2] = span(T000, 'as many are repeat offenders,” said Abraham');
    const offer = balanceOffer(T000, s2, e2)!;
    expect(T000.slice(offer.extend!.start, offer.extend!.end).startsWith('“The biggest impact')).toBe(true);
    expect(T000.slice(offer.trim!.start, offer.trim!.end)).toBe('as many are repeat offenders,');
  });

  it('offers nothing for a balanced selection, and no extension when the partner is in another paragraph', () => {
    const [s, e] = span(T003, '“We have arrested 11 persons now and many are under observation,”');
    expect(balanceOffer(T003, s, e)).toBeNull();
    const text = '“First paragraph of a quote that goes on\n“and closes in the next.”';
    const offer = balanceOffer(text, 0, 20)!;
    expect(offer.extend).toBeNull();
    expect(text.slice(offer.trim!.start, offer.trim!.end)).toBe('First paragraph of');
  });
});

describe('the words of the offer', () => {
  it('names the mark to take in or leave out', () => {
    const [s, e] = span(T003, 'operation “P Hunt');
    expect(balanceOffer(T003, s, e)).toMatchObject({ extendLabel: 'Take in the closing ”', trimLabel: 'Leave out the “' });
    const [s2, e2] = span(T000, 'as many are repeat offenders,” said Abraham');
    expect(balanceOffer(T000, s2, e2)).toMatchObject({ extendLabel: 'Take in the opening “', trimLabel: 'Leave out the ”' });
  });
});
