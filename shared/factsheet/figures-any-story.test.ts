/**
 * Figures of stories other than the sample: a table of real phrases, read where they stand in
 * real articles (the second test story, electron/backend/testing/other-story.ts), and the phrases
 * issue 27 met in real British business news. Money in four currencies (the seeds give rupees),
 * percentages, values per unit, counts of any noun, ranges, bounds and word numbers, each with
 * the value, unit and metric a reporter would write down.
 */
import { describe, expect, it } from 'vitest';
import { otherStory } from '../../electron/backend/testing/other-story';
import { parseFigure, type FigureCandidate } from './figures';

/** [the figure's words, metric, value, upper, unit, qualifier] */
type Row = [string, string | null, number, number | null, string | null, string | null];

const row = (text: string, c: FigureCandidate): Row => [text.slice(c.start, c.end), c.metric ?? null, c.value, c.upper ?? null, c.unit ?? null, c.qualifier ?? null];

/** [page, words around the figure in the article, the figure as read] */
const REAL: [string, string, Row][] = [
  ['seattletimes-1', 'bought Whole Foods in August 2017 for $13.7 billion', ['$13.7 billion', 'price', 13.7e9, null, 'dollars', null]],
  ['seattletimes-1', 'Amazon’s $119-a-year shipping', ['$119-a-year', null, 119, null, 'dollars per year', null]],
  ['seattletimes-1', 'surpassed 100 million members', ['100 million members', 'members', 100e6, null, 'members', null]],
  ['seattletimes-1', 'fillets priced at $16.99 a pound', ['$16.99 a pound', 'price', 16.99, null, 'dollars per pound', null]],
  ['seattletimes-1', 'routinely sell for $24 to $28 a pound', ['$24 to $28 a pound', 'price', 24, 28, 'dollars per pound', null]],
  ['seattletimes-1', 'retail sales, which totaled $726 billion', ['$726 billion', 'sales', 726e9, null, 'dollars', null]],
  ['seattletimes-1', 'racked up more than $6 million in sales', ['more than $6 million', 'sales', 6e6, null, 'dollars', 'more than']],
  ['seattletimes-1', 'paid between $5 and $6 a pound', ['between $5 and $6 a pound', 'price', 5, 6, 'dollars per pound', 'between']],
  ['nytimes-3', 'invested more than $1 billion', ['more than $1 billion', 'investment', 1e9, null, 'dollars', 'more than']],
  ['nytimes-3', 'an additional $1.4 billion budgeted', ['$1.4 billion', 'budget', 1.4e9, null, 'dollars', null]],
  ['nytimes-3', 'Almost 1.8 million potholes', ['Almost 1.8 million potholes', 'potholes', 1.8e6, null, 'potholes', 'almost']],
  ['nytimes-3', 'about 90,000 miles of underground cable', ['about 90,000 miles', null, 90_000, null, 'miles', 'about']],
  ['nytimes-3', 'there were 750 leaks', ['750 leaks', 'leaks', 750, null, 'leaks', null]],
  ['nytimes-3', 'typically between 400 and 600 breaks a year', ['between 400 and 600 breaks a year', 'breaks', 400, 600, 'breaks per year', 'between']],
  ['nytimes-3', 'more than one million tons of asphalt', ['more than one million tons', null, 1e6, null, 'tons', 'more than']],
  ['nytimes-1', 'killing more than 200 people', ['more than 200 people', 'deaths', 200, null, 'people', 'more than']],
  ['bbc-1', 'killing two people and injuring', ['two people', 'deaths', 2, null, 'people', null]],
  ['bbc-1', 'with just 18 months left', ['18 months', null, 18, null, 'months', null]],
  ['webmd-2', 'about 2 million people get sick', ['about 2 million people', null, 2e6, null, 'people', 'about']],
  ['webmd-2', 'About 23,000 die', ['About 23,000', null, 23_000, null, null, 'about']],
  ['wikipedia', 'total revenue for 2011 was $163 million', ['$163 million', 'revenue', 163e6, null, 'dollars', null]],
  ['wikipedia', 'which was up 33% from', ['33%', null, 33, null, 'percent', null]],
  ['wikipedia', 'roughly 85% of their revenue', ['roughly 85%', 'share of revenue', 85, null, 'percent', 'roughly']],
  ['wikipedia', 'previously donated US$1,000', ['US$1,000', 'donation', 1000, null, 'dollars', null]],
  ['wikipedia', 'Credo amassed 50,000 signatures', ['50,000 signatures', 'signatures', 50_000, null, 'signatures', null]],
  ['gitlab-blog', 'three-quarters (74%) of respondents', ['74%', 'share of respondents', 74, null, 'percent', null]],
  ['gitlab-blog', 'In 2024, 70% of respondents', ['70%', 'share of respondents', 70, null, 'percent', null]],
  ['gitlab-blog', 'survey of more than 5,000 DevSecOps', ['more than 5,000', null, 5000, null, null, 'more than']],
  ['msn', 'for a flat fee of $9.99', ['$9.99', 'fee', 9.99, null, 'dollars', null]],
  ['msn', 'you can pay $10 to get everything', ['$10', 'price', 10, null, 'dollars', null]],
  ['salon-1', 'charge a minimum of $100 Australian', ['minimum of $100 Australian', 'price', 100, null, 'Australian dollars', 'at least']],
  ['medium-3', 'So more like $12–16k per episode', ['$12–16k per episode', null, 12_000, 16_000, 'dollars per episode', null]],
  ['medium-3', 'So, $210,000 per year', ['$210,000 per year', null, 210_000, null, 'dollars per year', null]],
  ['medium-3', 'That’s $4k per ad', ['$4k per ad', null, 4000, null, 'dollars per ad', null]],
  ['keep-images', 'about 70 percent of the samples tested', ['about 70 percent', 'share of samples tested', 70, null, 'percent', 'about']],
  ['keep-images', 'an estimated $12 million worth', ['an estimated $12 million', null, 12e6, null, 'dollars', 'an estimated']],
  ['keep-images', 'at least 10 milligrams of a substance', ['at least 10 milligrams', null, 10, null, 'milligrams', 'at least']],
  ['keep-images', 'The tests cost 50 Euro per sample', ['50 Euro per sample', 'price', 50, null, 'euros per sample', null]],
  ['theverge', 'an insane 23 megapixels', ['23 megapixels', null, 23, null, 'megapixels', null]],
  ['theverge', 'Monthly $7/month', ['$7/month', null, 7, null, 'dollars per month', null]],
  ['wordpress', 'surveyed more than 56,000 developers', ['more than 56,000 developers', 'developers', 56_000, null, 'developers', 'more than']],
  ['wordpress', 'was 29.6 years old', ['29.6 years old', 'age', 29.6, null, 'years', null]],
  ['wordpress', 'currently 59% PHP', ['59%', null, 59, null, 'percent', null]],
  ['medium-1', 'Writers made up 95% of the personnel', ['95%', 'share of personnel', 95, null, 'percent', null]],
  ['medium-1', 'almost 50% of student newsrooms', ['almost 50%', 'share of student newsrooms', 50, null, 'percent', 'almost']],
  ['links-in-tables', 'in some cases more than 90% smaller', ['more than 90%', null, 90, null, 'percent', 'more than']],
  ['links-in-tables', '13.4 MB (-81%)', ['-81%', null, -81, null, 'percent', null]],
  ['links-in-tables', 'add up to 6 petabytes', ['up to 6 petabytes', null, 6, null, 'petabytes', 'up to']],
  ['google-sre-book-1', 'SRE team with 10–12 members', ['10–12 members', 'members', 10, 12, 'members', null]],
];

describe('figures where they stand in real articles of another story', () => {
  const story = otherStory('The figures of the second test story');
  it.skipIf(story === null).each(REAL)('%s: %s', (page, context, expected) => {
    const article = story!.find((a) => a.name === page);
    expect(article, `the page ${page}`).toBeDefined();
    const text = article!.text.replace(/\s+/g, ' ');
    const at = text.indexOf(context);
    expect(at, `“${context}” is in ${page}`).toBeGreaterThanOrEqual(0);
    const start = at + context.indexOf(expected[0]);
    const found = parseFigure(text).find((c) => c.start === start);
    expect(found ? row(text, found) : null).toEqual(expected);
  });

  it.skipIf(story === null)('reads every article of the story without throwing, and never takes a date, a footnote or a web address for a figure', () => {
    for (const article of story!) {
      const text = article.text;
      for (const c of parseFigure(text)) {
        const words = text.slice(c.start, c.end);
        expect(words, article.name).not.toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        expect(text.slice(c.start - 1, c.end + 1), article.name).not.toMatch(/^\[\d+\]$/);
        expect(words, article.name).not.toMatch(/https?|%20/);
      }
    }
  });
});

describe('the phrases issue 27 met in real British business news', () => {
  it.each<[string, Row]>([
    ['$11.1bn', ['$11.1bn', null, 11.1e9, null, 'dollars', null]],
    ['£59m', ['£59m', null, 59e6, null, 'pounds', null]],
    ['14bn euros', ['14bn euros', null, 14e9, null, 'euros', null]],
    ['2-3%', ['2-3%', null, 2, 3, 'percent', null]],
    ['rise by £1,400', ['£1,400', null, 1400, null, 'pounds', null]],
    ['90% of average earnings', ['90%', 'share of average earnings', 90, null, 'percent', null]],
    ['£1.30 per gigajoule', ['£1.30 per gigajoule', null, 1.3, null, 'pounds per gigajoule', null]],
    ['£79.60 a week', ['£79.60 a week', null, 79.6, null, 'pounds per week', null]],
    ['12,000 jobs', ['12,000 jobs', 'jobs', 12_000, null, 'jobs', null]],
    ['between 40,000 and 50,000', ['between 40,000 and 50,000', null, 40_000, 50_000, null, 'between']],
    ['three million', ['three million', null, 3e6, null, null, null]],
    ['a fall of 3 percentage points', ['3 percentage points', 'fall', 3, null, 'percentage points', null]],
    ['a fine of €2.5m', ['€2.5m', 'fine', 2.5e6, null, 'euros', null]],
    ['twenty-five people', ['twenty-five people', null, 25, null, 'people', null]],
  ])('%s', (text, expected) => {
    const [c] = parseFigure(text);
    expect(c ? row(text, c) : null).toEqual(expected);
  });

  it('takes the date a figure is as of from its sentence', () => {
    const text = 'The firm employed 12,000 people as of January 2005, down from 14,000.';
    const [first, second] = parseFigure(text);
    expect(first).toMatchObject({ value: 12_000, unit: 'people', date: '2005-01' });
    expect(second).toMatchObject({ value: 14_000, date: '2005-01' });
    expect(parseFigure('Revenue was £59m as at 31 March 2004.')[0]).toMatchObject({ value: 59e6, unit: 'pounds', metric: 'revenue', date: '2004-03-31' });
    expect(parseFigure('Revenue was £59m in 2004.')[0].date).toBeUndefined();
  });

  it('never reads £ as $, nor a currency into a count', () => {
    expect(parseFigure('£5m and $5m').map((c) => c.unit)).toEqual(['pounds', 'dollars']);
    // British copy writes millions short: "5m people" is five million people; "a 100m race" is not money.
    expect(parseFigure('5m people').map((c) => [c.value, c.unit])).toEqual([[5e6, 'people']]);
    expect(parseFigure('the 100m race').map((c) => [c.value, c.unit ?? null])).toEqual([[100, null]]);
  });
});
