import { describe, expect, it } from 'vitest';
import { citationText, formatFigure, inQuotes } from './format';

describe('the words every renderer shares', () => {
  it.each([
    ['registered 268 cases', null, '[2] “registered 268 cases”'],
    // Never a stray mark added to a quote that closes before its attribution.
    ['“We have arrested 11 persons now,” Abraham said.', null, '[2] ‘“We have arrested 11 persons now,” Abraham said.’'],
    ['“We have arrested 11 persons now,”', null, '[2] “We have arrested 11 persons now,”'],
    // Unbalanced: the exact words, nothing added, and a warning every format carries.
    [
      '“The biggest impact of the pandemic is online crime.',
      'The passage opens “ without closing it.',
      '[2] “The biggest impact of the pandemic is online crime. (⚠ Check the quotation marks: the passage opens “ without closing it.)',
    ],
  ])('cites %s as it is in the source', (quote, marks, shown) => {
    expect(citationText({ n: 2, sourceId: 's', annotationId: 'a', quote, orphan: false, marks })).toBe(shown);
    expect(inQuotes(quote)).toBe(shown.replace(/^\[2\] /, '').replace(/ \(⚠.*$/, ''));
  });

  it.each([
    [{ value: 268, upper: null, qualifier: null, unit: 'cases' }, '268 cases'],
    [{ value: 270, upper: null, qualifier: 'at least', unit: 'devices' }, 'at least 270 devices'],
    [{ value: 6, upper: 15, qualifier: null, unit: 'years' }, '6–15 years'],
    [{ value: 1_000_000, upper: null, qualifier: 'up to', unit: 'rupees' }, 'up to Rs 10 lakh'],
    [{ value: 25_000_000, upper: null, qualifier: null, unit: 'rupees' }, 'Rs 2.5 crore'],
    [{ value: 59e6, upper: null, qualifier: null, unit: 'pounds' }, '£59 million'],
    [{ value: 11.1e9, upper: null, qualifier: null, unit: 'dollars' }, '$11.1 billion'],
    [{ value: 14e9, upper: null, qualifier: 'about', unit: 'euros' }, 'about €14 billion'],
    [{ value: 79.6, upper: null, qualifier: null, unit: 'pounds per week' }, '£79.60 per week'],
    [{ value: 12_000, upper: 16_000, qualifier: null, unit: 'dollars per episode' }, '$12,000–16,000 per episode'],
    [{ value: 2, upper: 3, qualifier: null, unit: 'percent' }, '2–3%'],
    [{ value: -81, upper: null, qualifier: null, unit: 'percent' }, '-81%'],
    [{ value: 3, upper: null, qualifier: null, unit: 'percentage points' }, '3 percentage points'],
    [{ value: 1.8e6, upper: null, qualifier: 'almost', unit: 'potholes' }, 'almost 1.8 million potholes'],
    [{ value: 100, upper: null, qualifier: 'at least', unit: 'Australian dollars' }, 'at least 100 Australian dollars'],
    [{ value: 79, upper: null, qualifier: null, unit: 'pence' }, '79p'],
    [{ value: 12_000, upper: null, qualifier: null, unit: 'jobs', asOf: '2005-01' }, '12,000 jobs (as of Jan 2005)'],
    [{ value: 100_000, upper: null, qualifier: 'more than', unit: null }, 'more than 100,000'],
  ])('writes a figure as a reader does: %o → %s', (figure, shown) => {
    expect(formatFigure(figure)).toBe(shown);
  });
});
