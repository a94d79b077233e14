import { describe, expect, it } from 'vitest';
import { citationText, formatFigure, inQuotes } from './format';

describe('the words every renderer shares', () => {
  it.each([
    ['registered 268 cases', null, '[2] “registered 268 cases”'],
    // Never a stray mark added to a quote that closes before its attribution.
    ['“We have arrested 11 persons now,” Abraham said.', null, '[2] ‘“We have arrested 11 persons now,” Abraham said.’'],
    ['“We have arrested 11 persons now,”', null, '[2] “We have arrested 11 persons now,”'],
    // Unbalanced: the exact words, nothing added, and a warning every format carries.
    ['“The biggest impact of the pandemic is online crime.', 'The passage opens “ without closing it.', '[2] “The biggest impact of the pandemic is online crime. (⚠ Check the quotation marks: the passage opens “ without closing it.)'],
  ])('cites %s as it is in the source', (quote, marks, shown) => {
    expect(citationText({ n: 2, sourceId: 's', annotationId: 'a', quote, orphan: false, marks })).toBe(shown);
    expect(inQuotes(quote)).toBe(shown.replace(/^\[2\] /, '').replace(/ \(⚠.*$/, ''));
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
