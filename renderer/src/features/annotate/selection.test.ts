import { describe, expect, it } from 'vitest';
import { findWords } from './selection';

const TEXT = 'In a statewide crackdown, the cyber wing of Kerala police on Monday arrested 41 people and registered 268 cases.\n\nPolice registered 268\ncases again later.';

describe('finding the words to select', () => {
  it('finds them whatever the case and the spacing between them, from a given place on', () => {
    const first = findWords(TEXT, 'registered 268 CASES')!;
    expect(TEXT.slice(first.start, first.end)).toBe('registered 268 cases');
    const next = findWords(TEXT, 'registered 268 cases', first.start + 1)!;
    expect(TEXT.slice(next.start, next.end)).toBe('registered 268\ncases');
    expect(findWords(TEXT, 'registered 268 cases', next.start + 1)).toBeNull();
  });

  it('takes the words as written, not as a pattern', () => {
    expect(findWords(TEXT, '41 (people')).toBeNull();
    expect(findWords(TEXT, 'cases.')).toMatchObject({ end: TEXT.indexOf('cases.') + 6 });
    expect(findWords(TEXT, '   ')).toBeNull();
  });
});
