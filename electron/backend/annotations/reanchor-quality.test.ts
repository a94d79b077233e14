/**
 * The anchoring benchmark's quality figures, which depend on no machine, as a test: the five longest
 * real articles, 200 annotations each, 20 newsroom edits of each (bench/newsroom-edits.ts, the
 * first run's seed of `npm run bench:anchor`). How many passages are found exactly, moved,
 * approximately or not at all is pinned as docs/PERFORMANCE.md gives it: a change that loses
 * passages fails here, and one that finds more updates both on purpose. No passage found exactly
 * or moved may land on other words.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/generate';
import { fiveLongest, reanchorRounds } from '../../../bench/newsroom-edits';
import { realArticles } from '../../../bench/real-text';
import { testdata } from '../testing/testdata';

const pages = testdata('readability-pages', 'The anchoring shares on real edits');

/** bench:anchor's first run (seed 101), as docs/PERFORMANCE.md reports it. */
const DOCUMENTED = { exact: 2159, moved: 17369, fuzzy: 239, orphan: 233 };

describe.skipIf(!pages)('re-anchoring 20,000 annotations after real newsroom edits', () => {
  it('finds them as documented, and none on other words', { timeout: 120_000 }, () => {
    const articles = realArticles();
    const { states, wrong, fuzzyOther } = reanchorRounds(fiveLongest(articles), articles, prng(101), 20);
    expect(states).toEqual(DOCUMENTED);
    expect(wrong).toBe(0);
    // The reader marks every fuzzy passage approximate with the words it had; very few share under 60% of them.
    expect(fuzzyOther).toBeLessThanOrEqual(2);
  });
});
