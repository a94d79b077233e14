import { describe, expect, it } from 'vitest';
import { EMPTY_FIGURE, figureFrom, numberFrom } from './FactFields';

describe('a figure as typed in the editor', () => {
  it.each([
    ['268', 268],
    ['1,00,000', 100000],
    ['10 00 000', 1000000],
    ['6.5', 6.5],
    ['two hundred', null],
    ['268 cases', null],
    // With its scale, as copy writes it.
    ['59m', 59e6],
    ['£11.1bn', 11.1e9],
    ['3 million', 3e6],
    ['10 lakh', 1e6],
    ['2.5 crore', 2.5e7],
    ['12k', 12_000],
    ['5 gazillion', null],
    ['', null],
  ])('reads %s as %s', (text, value) => {
    expect(numberFrom(text)).toBe(value);
  });

  it('gives the figure to save, nothing when every field is empty, and every problem in words', () => {
    expect(figureFrom(EMPTY_FIGURE)).toEqual({ figure: null, problems: [] });
    expect(figureFrom({ ...EMPTY_FIGURE, metric: 'age range', value: '6', upper: '15', unit: 'years' }).figure).toEqual({
      metric: 'age range',
      value: 6,
      upper: 15,
      unit: 'years',
      qualifier: null,
      date: null,
      entityId: null,
    });
    expect(figureFrom({ ...EMPTY_FIGURE, value: 'eleven-ish', date: '2020-13' }).problems).toEqual([
      'Say what the figure counts (the metric).',
      'The value must be a number, not “eleven-ish”.',
      '“2020-13” is not a date: write 2020, 2020-10 or 2020-10-04.',
    ]);
  });
});
