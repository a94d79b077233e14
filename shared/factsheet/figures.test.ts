/**
 * parseFigure over every figure in the five seed articles (the table written by hand from the
 * texts) and the number forms reporters meet: Indian scales, word numbers, ranges, qualifiers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFigure, type FigureCandidate } from './figures';

const seed = (name: string) => readFileSync(new URL(`../../seeds/${name}.txt`, import.meta.url), 'utf8');

/** [the words, metric, value, upper, unit, qualifier] */
type Row = [string, string | null, number, number | null, string | null, string | null];

const TABLE: Record<string, Row[]> = {
  '000_7baca0de28e0a4fd': [
    ['41 people', 'arrests', 41, null, 'people', null],
    ['268 cases', 'cases registered', 268, null, 'cases', null],
    ['6-15 years', 'age range', 6, 15, 'years', null],
    ['three weeks', null, 3, null, 'weeks', null],
    ['three days', null, 3, null, 'days', null],
    ['five-year', 'prison term', 5, null, 'years', null],
    ['maximum fine of Rs 10 lakh', 'fine', 1_000_000, null, 'rupees', 'at most'],
  ],
  '001_60f2b3d7fc804a95': [
    ['one week', null, 1, null, 'weeks', null],
    ['41 people', 'arrests', 41, null, 'people', null],
    ['280 devices', 'devices seized', 280, null, 'devices', null],
    ['269 cases', 'cases registered', 269, null, 'cases', null],
    ['25 people', null, 25, null, 'people', null],
  ],
  '002_a01556cca16e92d0': [
    ['41 people', 'arrests', 41, null, 'people', null],
    ['6-15 years', 'age range', 6, 15, 'years', null],
    ['596 locations', 'locations raided', 596, null, 'locations', null],
    ['88 people', 'arrests', 88, null, 'people', null],
    ['more than 400 odd members', 'members', 400, null, 'members', 'more than'],
    ['392 devices', 'devices seized', 392, null, 'devices', null],
    ['339 cases', 'cases registered', 339, null, 'cases', null],
    ['6-15', 'age range', 6, 15, 'years', null],
    ['41 arrests', 'arrests', 41, null, 'arrests', null],
    ['three years', null, 3, null, 'years', null],
    ['more than 525 cases', 'cases registered', 525, null, 'cases', 'more than, so far'],
    ['over 428 accused', 'arrests', 428, null, 'people', 'over, so far'],
    ['up to five years', 'prison term', 5, null, 'years', 'up to'],
    ['up to Rs 10 lakh', 'fine', 1_000_000, null, 'rupees', 'up to'],
  ],
  '003_b6ce8270c2cda9db': [
    ['11 people', 'arrests', 11, null, 'people', null],
    ['five-year', 'prison term', 5, null, 'years', null],
    ['up to Rs 10 lakh', 'fine', 1_000_000, null, 'rupees', 'up to'],
    ['12 people', 'arrests', 12, null, 'people', null],
    ['11 persons', 'arrests', 11, null, 'people', null],
    ['11 people', null, 11, null, 'people', null],
    ['two years', null, 2, null, 'years', null],
    ['24-year-old', 'age', 24, null, 'years', null],
    ['more than one lakh subscribers', 'subscribers', 100_000, null, 'subscribers', 'more than'],
  ],
  '004_5f1f928ad2ca457a': [
    ['12 arrests', 'arrests', 12, null, 'arrests', null],
    ['at least 270 devices', 'devices seized', 270, null, 'devices', 'at least'],
    ['142 cases', 'cases registered', 142, null, 'cases', null],
    ['from 5 to 15', 'age range', 5, 15, 'years', null],
    ['858 spots', 'locations raided', 858, null, 'locations', null],
    ['280 teams', 'teams', 280, null, 'teams', null],
    ['up to five years', 'prison term', 5, null, 'years', 'up to'],
    ['Rs. 10 lakh', 'fine', 1_000_000, null, 'rupees', null],
  ],
};

function row(text: string, c: FigureCandidate): Row {
  return [text.slice(c.start, c.end), c.metric ?? null, c.value, c.upper ?? null, c.unit ?? null, c.qualifier ?? null];
}

describe('parseFigure on the seed articles', () => {
  for (const [name, expected] of Object.entries(TABLE)) {
    it(`finds exactly the figures of ${name}, in order`, () => {
      const text = seed(name);
      expect(parseFigure(text).map((c) => row(text, c))).toEqual(expected);
    });
  }

  it('takes no date, year, clock time, round name, section or COVID-19 for a figure', () => {
    const found = Object.keys(TABLE).flatMap((name) => parseFigure(seed(name)).map((c) => seed(name).slice(c.start, c.end)));
    for (const not of ['2020', '20.2', '20.3', '23.1', '67', '19', '16', '32', '2011', '2000', '2019', '26', '2023', '13']) expect(found).not.toContain(not);
  });
});

describe('number forms', () => {
  const one = (text: string) => {
    const [c] = parseFigure(text);
    return c ? row(text, c) : null;
  };
  it.each<[string, Row]>([
    ['arrested 41 people', ['41 people', 'arrests', 41, null, 'people', null]],
    ['registered 268 cases', ['268 cases', 'cases registered', 268, null, 'cases', null]],
    ['raids at 596 locations', ['596 locations', 'locations raided', 596, null, 'locations', null]],
    ['a fine of Rs 10 lakh', ['Rs 10 lakh', 'fine', 1_000_000, null, 'rupees', null]],
    ['more than one lakh subscribers', ['more than one lakh subscribers', 'subscribers', 100_000, null, 'subscribers', 'more than']],
    ['11 persons', ['11 persons', null, 11, null, 'people', null]],
    ['eleven people were arrested', ['eleven people', 'arrests', 11, null, 'people', null]],
    ['children in the age group of 6-15 years', ['6-15 years', 'age range', 6, 15, 'years', null]],
    ['Rs. 2.5 crore', ['Rs. 2.5 crore', null, 25_000_000, null, 'rupees', null]],
    ['₹3 lakh', ['₹3 lakh', null, 300_000, null, 'rupees', null]],
    ['1,20,000 cases were registered', ['1,20,000 cases', 'cases registered', 120_000, null, 'cases', null]],
    ['10,000 devices seized', ['10,000 devices', 'devices seized', 10_000, null, 'devices', null]],
    ['over 428 accused arrested so far', ['over 428 accused', 'arrests', 428, null, 'people', 'over, so far']],
    ['nearly 300 teams', ['nearly 300 teams', 'teams', 300, null, 'teams', 'nearly']],
    // A bound written as a word of the noun phrase, as the qualifier it means.
    ['a maximum fine of Rs 10 lakh', ['maximum fine of Rs 10 lakh', 'fine', 1_000_000, null, 'rupees', 'at most']],
    ['a minimum of seven years in prison', ['minimum of seven years', 'prison term', 7, null, 'years', 'at least']],
    ['at most 12 arrests', ['at most 12 arrests', 'arrests', 12, null, 'arrests', 'at most']],
    ['at least 270 devices were confiscated', ['at least 270 devices', 'devices seized', 270, null, 'devices', 'at least']],
    ['about 400 members', ['about 400 members', 'members', 400, null, 'members', 'about']],
    ['around 596 locations were raided', ['around 596 locations', 'locations raided', 596, null, 'locations', 'around']],
    ['over 428 accused were arrested', ['over 428 accused', 'arrests', 428, null, 'people', 'over']],
    ['under 18 years old', ['under 18 years old', 'age', 18, null, 'years', 'under']],
  ])('%s', (text, expected) => expect(one(text)).toEqual(expected));

  it('proposes nothing for text without figures, and never throws', () => {
    expect(parseFigure('The police said the operation would continue.')).toEqual([]);
    expect(parseFigure('one of the accused; two such raids')).toEqual([]);
    for (const odd of ['', '-', '--5', '1e999', '9'.repeat(400), 'Rs', 'Rs lakh', '\u0000', '٣٠٠ cases', 'ഒരു ലക്ഷം']) expect(() => parseFigure(odd)).not.toThrow();
  });
});

describe("words that are Object's own property names", () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('takes “41 %s” as a bare number, with no unit made of the word', (word) => {
    const [figure] = parseFigure(`Police said 41 ${word} were found.`);
    expect(figure).toMatchObject({ value: 41 });
    expect(figure.unit).toBeUndefined();
    expect(figure.metric).toBeUndefined();
  });
});
