import { describe, expect, it } from 'vitest';
import { comparePartialDates, compareStartDates, formatPartialDate, formatPartialDateWithPrecision, partialDatePrecision } from './dates';
import { PartialDate } from './partial-date';

describe('partial dates', () => {
  it.each([
    ['2020', 'year'],
    ['2020-10', 'month'],
    ['2020-10-04', 'day'],
    ['2020-02-29', 'day'],
    ['2019-02-29', null],
    ['2020-13', null],
    ['2020-00-10', null],
    ['2020-04-31', null],
    ['20-10-04', null],
    ['2020-1-4', null],
    ['0999', null],
    ['', null],
    ['2020-10-04T10:00:00Z', null],
  ])('%s has precision %s', (value, precision) => {
    expect(partialDatePrecision(value)).toBe(precision);
    expect(PartialDate.safeParse(value).success).toBe(precision !== null);
  });

  it.each([
    ['2020', '2020'],
    ['2020-10', 'Oct 2020'],
    ['2020-10-04', '4 Oct 2020'],
    ['2023-02-27', '27 Feb 2023'],
  ])('formats %s as %s, never inventing a day', (value, shown) => {
    expect(formatPartialDate(value)).toBe(shown);
  });

  it('sorts undated sources after every dated one', () => {
    const dates = [null, '2023-02-27', '2019-10-13', null, '2020-10', '2020-10-05'];
    expect([...dates].sort(comparePartialDates)).toEqual(['2019-10-13', '2020-10', '2020-10-05', '2023-02-27', null, null]);
  });
});

describe('start dates of rounds', () => {
  it('ties a year with a month inside it (the next key decides), and orders dates that do not overlap by their earliest day', () => {
    const rounds: [string, string | null][] = [
      ['P-Hunt 23.1', '2023-02'],
      ['P-Hunt 20.3', '2020'],
      ['P-Hunt 21.1', null],
      ['P-Hunt 20.2', '2020-10'],
      ['P-Hunt 19.1', '2019-10-13'],
    ];
    const sorted = [...rounds].sort(([an, a], [bn, b]) => compareStartDates(a, b) || an.localeCompare(bn, 'en', { numeric: true }));
    expect(sorted.map(([n]) => n)).toEqual(['P-Hunt 19.1', 'P-Hunt 20.2', 'P-Hunt 20.3', 'P-Hunt 23.1', 'P-Hunt 21.1']);
  });

  it('says the precision of a partial date', () => {
    expect(formatPartialDateWithPrecision('2020')).toBe('2020 (month not known)');
    expect(formatPartialDateWithPrecision('2020-10')).toBe('Oct 2020 (day not known)');
    expect(formatPartialDateWithPrecision('2020-10-05')).toBe('5 Oct 2020');
  });
});
