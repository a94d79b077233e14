import { describe, expect, it } from 'vitest';
import { formatFigure, inQuotes } from './format';

describe('the words every renderer shares', () => {
  it.each([
    ['registered 268 cases', '“registered 268 cases”'],
    ['“We have arrested 11 persons now,” Abraham said.', '“We have arrested 11 persons now,” Abraham said.”'],
    ['“The biggest impact of the pandemic is online crime.', '“The biggest impact of the pandemic is online crime.”'],
    ['“Quoted whole.”', '“Quoted whole.”'],
    ['‘P-HUNT 23.1’', '‘P-HUNT 23.1’'],
  ])('puts %s in quotation marks once: %s', (words, shown) => {
    expect(inQuotes(words)).toBe(shown);
  });

  it.each([
    [{ value: 268, upper: null, qualifier: null, unit: 'cases' }, '268 cases'],
    [{ value: 270, upper: null, qualifier: 'at least', unit: 'devices' }, 'at least 270 devices'],
    [{ value: 6, upper: 15, qualifier: null, unit: 'years' }, '6–15 years'],
    [{ value: 1_000_000, upper: null, qualifier: 'up to', unit: 'rupees' }, 'up to 1,000,000 rupees'],
    [{ value: 100_000, upper: null, qualifier: 'more than', unit: null }, 'more than 100,000'],
  ])('writes a figure as a reader does: %o → %s', (figure, shown) => {
    expect(formatFigure(figure)).toBe(shown);
  });
});
