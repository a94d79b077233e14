/**
 * The sample notebook's figure annotations, read by parseFigure and reconciled: round 20.2's
 * cases registered are 268 in 000 (Hindustan Times) and 269 in 001 — a conflict naming both.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseFigure } from '../../../shared/factsheet/figures';
import { reconcileFigures, type FigureFact } from '../../../shared/factsheet/reconcile';
import type { Notebook } from '../store/notebook';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { createSampleNotebook } from './sample';

let nb: Notebook;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, `${dir}/sample`);
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

it('finds the 268 / 269 conflict of round 20.2 in the sample notebook', () => {
  const round = nb.entities.entities.find((e) => e.name === 'P-Hunt 20.2')!;
  const facts: FigureFact[] = [];
  for (const { source, annotation } of nb.allAnnotations()) {
    if (annotation.kind !== 'figure' || !annotation.entityIds.includes(round.id)) continue;
    const [figure] = parseFigure(annotation.target.quote.exact).filter((c) => c.metric);
    if (!figure?.metric) continue;
    facts.push({ annotationId: annotation.id, sourceId: source.id, sourceTitle: source.title, outlet: source.outlet, published: source.published, entityId: round.id, metric: figure.metric, value: figure.value, unit: figure.unit, quote: annotation.target.quote.exact });
  }
  const cases = reconcileFigures(facts).find((r) => r.metric === 'cases registered')!;
  expect(cases.status).toBe('conflict');
  expect(cases.values.map((v) => [v.value, v.citations.map((c) => `${c.sourceId.slice(0, 3)} ${c.outlet ?? 'outlet not named'}: ${c.quote.slice(0, 20)}`)])).toEqual([
    [268, ['000 Hindustan Times: registered 268 cases']],
    [269, ['001 outlet not named: recorded 269 cases u']],
  ]);
  const arrests = reconcileFigures(facts).find((r) => r.metric === 'arrests')!;
  expect(arrests.status).toBe('single-source');
});
