import { describe, expect, it } from 'vitest';
import { comparePartialDates, formatPartialDate, partialDatePrecision } from './dates';
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
