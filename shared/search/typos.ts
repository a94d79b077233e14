/**
 * What counts as a typo. A query word may be off by a number of edits that grows with its length
 * (none in numbers and words of up to three letters, one up to five, two from six), where an edit
 * is a letter dropped, added or changed, or two neighbours swapped: optimal string alignment, so
 * "polcie" is one edit from "police", as a reader would count it.
 */
import { isUnspaced } from '../domain/names';

/** How many typos a query word may have: none in numbers and short words, then one, then two. */
export function fuzziness(term: string): number {
  // A number, or a word of Chinese, Japanese or Thai (one character more or less is another word), takes no typo.
  if (/\p{N}/u.test(term) || isUnspaced(term)) return 0;
  const n = [...term].length;
  return n <= 3 ? 0 : n <= 5 ? 1 : 2;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function swapDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/** The word with each pair of neighbouring letters swapped (the swaps that change it). */
export function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}
