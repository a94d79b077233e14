import { describe, expect, it } from 'vitest';
import { countWords, headingOffsets, normalizeText, parseDatedText, splitParagraphs } from './text';

describe('normalizeText', () => {
  it.each([
    ['\uFEFFhello', 'hello'],
    ['a\r\nb\rc', 'a\nb\nc'],
    ['line  \t\nnext', 'line\nnext'],
    ['\n\nbody\n\n', 'body'],
    ['Cafe\u0301', 'Café'],
    ['keeps  inner   spaces', 'keeps  inner   spaces'],
  ])('%j becomes %j', (raw, normal) => {
    expect(normalizeText(raw)).toBe(normal);
  });

  it('is idempotent, so a stored text hashes the same when normalised again', () => {
    const once = normalizeText(' \uFEFFx\r\n\r\ny \u00A0\n');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('parseDatedText', () => {
  it('takes the leading date and keeps a caption on the same line as the text', () => {
    const parsed = parseDatedText(' date 2020-10-05 Most of the arrested were found (HT representative photo)\n\nIn a statewide crackdown');
    expect(parsed).toEqual({
      published: '2020-10-05',
      body: 'Most of the arrested were found (HT representative photo)\n\nIn a statewide crackdown',
      warning: null,
    });
  });

  it('keeps a section label that follows the date', () => {
    expect(parseDatedText(' date 2019-10-13 india\n\nPolice in Kerala').body).toBe('india\n\nPolice in Kerala');
  });

  it('leaves a text without a date undated, never dated today', () => {
    const parsed = parseDatedText('Thiruvananthapuram: In a continuous crackdown');
    expect(parsed.published).toBeNull();
    expect(parsed.body).toBe('Thiruvananthapuram: In a continuous crackdown');
  });

  it('keeps an impossible date in the text and warns instead of guessing', () => {
    const parsed = parseDatedText('date 2020-02-30 Text');
    expect(parsed.published).toBeNull();
    expect(parsed.body).toBe('date 2020-02-30 Text');
    expect(parsed.warning).toMatch(/2020-02-30.*not a real date/);
  });

  it('does not take "date" inside a word or later in the text', () => {
    expect(parseDatedText('update 2020-10-05 x').published).toBeNull();
    expect(parseDatedText('Text\ndate 2020-10-05').published).toBeNull();
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['arrested 41 people, including some IT professionals.', 7],
    ['P-Hunt_20.3 code-named', 2],
    ['devices – seized', 2],
    ['“We have arrested 11 persons now”', 6],
    ['കേരള പോലീസ് സൈബർഡോം', 3],
    ['東京で会議', 3],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('splitParagraphs', () => {
  it('splits at blank lines and keeps offsets into the same text', () => {
    const text = 'First para.\n\nSecond\nline two.\n\n\nThird.';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['First para.', 'Second\nline two.', 'Third.']);
    for (const p of paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('returns nothing for empty text', () => {
    expect(splitParagraphs('')).toEqual([]);
  });
});

describe('headingOffsets', () => {
  it('finds each heading paragraph in order, and skips those not in the text', () => {
    const text = 'Title\n\nBody one.\n\nSection\n\nBody two.\n\nSection';
    expect(headingOffsets(text, ['Title', 'Missing', 'Section'])).toEqual([0, 18]);
    expect(headingOffsets(text, ['Title', 'Section', 'Section'])).toEqual([0, 18, 38]);
    expect(headingOffsets(text, [])).toEqual([]);
  });
});
