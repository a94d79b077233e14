/**
 * Comparing an imported page with Readability's expected extraction (the shared test pages):
 * how much of the expected article text the import covers, by words.
 */
import { parseHTML } from 'linkedom';
import { blocksToText } from '../import/html';

/** The words of a text, lowercased, punctuation dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The share of the expected words (as a multiset) found in the actual text, 0..1. */
export function coverage(expected: string, actual: string): number {
  const want = words(expected);
  if (want.length === 0) return 1;
  const have = new Map<string, number>();
  for (const w of words(actual)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / want.length;
}

/** The text of Readability's expected article HTML, paragraph by paragraph. */
export function expectedText(expectedHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${expectedHtml}</body></html>`);
  return blocksToText(document.body as unknown as Parameters<typeof blocksToText>[0]);
}
