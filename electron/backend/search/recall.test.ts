/**
 * Typo recall@10 of the search engine on the benchmark's own notebook and probes (bench/search-corpus.ts:
 * real articles recombined, typos made from real words by a seeded generator). Recall depends on
 * no machine, so it is a test, not a timing: a change that costs recall fails here, and a change
 * that gains some updates the figures (here and in docs/PERFORMANCE.md) on purpose.
 */
import { describe, expect, it } from 'vitest';
import { corpus, queries, recallAt10 } from '../../../bench/search-corpus';
import { SearchEngine } from '../../../shared/search/engine';
import { testdata } from '../testing/testdata';

const pages = testdata('readability-pages', 'The typo recall of search on real text');

/**
 * The figures docs/PERFORMANCE.md gives, by notebook size. The probes are drawn from the notebook's
 * words, so a change to what its words are draws others: since Chinese and Japanese runs are cut
 * into words the draw gives 0.98 and 0.96 (misses: "pene" for pence, "vcid" for void, "wiely" for
 * widely); the probes drawn before (0.97 and 0.93, "esat" for east, "een" for even…) still score
 * 0.925 at 5,000 with this engine, as before it: one probe is 2.5 points either way.
 */
const DOCUMENTED: Record<number, number> = { 1000: 0.98, 5000: 0.96 };

describe.skipIf(!pages)('typo recall@10 on real-word probes', () => {
  it.each(Object.entries(DOCUMENTED).map(([size, recall]) => [Number(size), recall]))(
    'at %i sources is %f',
    (size, documented) => {
      const c = corpus(size);
      const q = queries(c);
      const engine = new SearchEngine('all', { index: 0, count: 1 }, (s) => c.sources[Number(s.id.slice(1))]?.text ?? null);
      engine.setEntities(c.entities);
      engine.putSources(c.sources);
      engine.putAnnotations(c.annotations);
      expect(q.probes).toHaveLength(40);
      const each = q.probes.map((p) =>
        recallAt10(
          p,
          engine.search(p.query, { limit: 10 }).sources.map((s) => s.id),
        ),
      );
      const recall = Math.round((each.reduce((a, b) => a + b, 0) / each.length) * 100) / 100;
      const missed = q.probes.map((p, i) => `${p.query}→${p.meant} ${each[i].toFixed(2)}`).filter((_, i) => each[i] < 1);
      expect(recall, `missed: ${missed.join(', ')}`).toBe(documented);
      expect(recall).toBeGreaterThanOrEqual(0.95);
    },
    120_000,
  );
});
