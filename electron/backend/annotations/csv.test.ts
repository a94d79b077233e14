import { describe, expect, it } from 'vitest';
import { csvField } from './exchange';

describe('a CSV field a spreadsheet will not run', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    ['  =cmd|calc', "'  =cmd|calc"],
    ['\u00a0=1', "'\u00a0=1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['Police registered 268 cases', 'Police registered 268 cases'],
    ['a, b', '"a, b"'],
    ['', ''],
  ])('writes %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes numbers as numbers and nothing for null', () => {
    expect(csvField(-41)).toBe('-41');
    expect(csvField(null)).toBe('');
  });
});
