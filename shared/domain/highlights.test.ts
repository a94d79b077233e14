import { describe, expect, it } from 'vitest';
import { segmentText } from './highlights';

const TEXT = 'arrested 41 people and registered 268 cases';
const at = (s: string) => TEXT.indexOf(s);
const span = (id: string, s: string) => ({ id, start: at(s), end: at(s) + s.length });
const show = (from = 0, to = TEXT.length, spans = [] as ReturnType<typeof span>[]) => segmentText(TEXT, from, to, spans).map((g) => [g.text, g.ids.join('+')]);

describe('segmentText', () => {
  it('returns the plain paragraph when nothing is highlighted', () => {
    expect(show()).toEqual([[TEXT, '']]);
  });

  it('gives adjacent highlights a segment each', () => {
    expect(show(0, TEXT.length, [span('a', '41 people'), span('b', ' and registered')])).toEqual([
      ['arrested ', ''],
      ['41 people', 'a'],
      [' and registered', 'b'],
      [' 268 cases', ''],
    ]);
  });

  it('keeps both overlapping highlights visible, innermost first where they overlap', () => {
    expect(show(0, TEXT.length, [span('long', '41 people and registered'), span('short', 'registered 268')])).toEqual([
      ['arrested ', ''],
      ['41 people and ', 'long'],
      ['registered', 'short+long'],
      [' 268', 'short'],
      [' cases', ''],
    ]);
  });

  it('lets a nested highlight win the click in its middle while the outer keeps its ends', () => {
    expect(show(0, TEXT.length, [span('outer', '41 people and registered 268'), span('inner', 'and')])).toEqual([
      ['arrested ', ''],
      ['41 people ', 'outer'],
      ['and', 'inner+outer'],
      [' registered 268', 'outer'],
      [' cases', ''],
    ]);
  });

  it('clips highlights that run past the paragraph and ignores ones outside it', () => {
    const from = at('registered');
    expect(show(from, TEXT.length, [span('x', '41 people and registered'), span('y', 'arrested')])).toEqual([
      ['registered', 'x'],
      [' 268 cases', ''],
    ]);
  });

  it('puts identical highlights together in a stable order', () => {
    expect(show(0, TEXT.length, [span('b', '268'), span('a', '268')]).find((s) => s[0] === '268')).toEqual(['268', 'a+b']);
  });
});
