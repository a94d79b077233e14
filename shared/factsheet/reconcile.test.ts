import { describe, expect, it } from 'vitest';
import { reconcileFigures, type FigureFact } from './reconcile';

const fact = (over: Partial<FigureFact>): FigureFact => ({
  annotationId: 'a',
  sourceId: 's',
  sourceTitle: 'T',
  outlet: null,
  published: null,
  entityId: 'r20-2',
  metric: 'cases registered',
  value: 268,
  unit: 'cases',
  quote: 'registered 268 cases',
  ...over,
});

const ht268 = fact({ annotationId: 'a1', sourceId: '000', sourceTitle: 'Kerala cyber wing arrests 41', outlet: 'Hindustan Times', published: '2020-10-05' });
const nie269 = fact({ annotationId: 'a2', sourceId: '001', sourceTitle: 'Operation P Hunt: 41 arrested', published: '2020-10-10', value: 269, quote: 'recorded 269 cases' });

describe('reconcileFigures', () => {
  it('shows 268 and 269 for the same round as a conflict naming each source and value', () => {
    const [r] = reconcileFigures([nie269, ht268]);
    expect(r.status).toBe('conflict');
    expect(r.values.map((v) => [v.value, v.citations.map((c) => c.sourceId)])).toEqual([
      [268, ['000']],
      [269, ['001']],
    ]);
    expect(r.values[0].citations[0].quote).toBe('registered 268 cases');
    expect(r.resolution).toBeNull();
  });

  it('records the reporter’s resolution with its note, and keeps both values on show', () => {
    const resolution = { entityId: 'r20-2', metric: 'Cases registered', value: 269, note: 'Police press note of 10 Oct gives 269.', resolvedAt: '2026-11-23T00:00:00.000Z' };
    const [r] = reconcileFigures([ht268, nie269], [resolution]);
    expect(r.status).toBe('resolved');
    expect(r.resolution).toEqual(resolution);
    expect(r.values.map((v) => v.value)).toEqual([268, 269]);
  });

  it('counts independent outlets for a corroborated figure, and sources without an outlet apart', () => {
    const arrests = (over: Partial<FigureFact>) => fact({ metric: 'arrests', value: 41, unit: 'people', quote: 'arrested 41 people', ...over });
    const [r] = reconcileFigures([
      arrests({ annotationId: 'x1', sourceId: '000', outlet: 'Hindustan Times' }),
      arrests({ annotationId: 'x2', sourceId: '001', outlet: null }),
      arrests({ annotationId: 'x3', sourceId: '005', outlet: ' Hindustan Times' }),
      arrests({ annotationId: 'x4', sourceId: '006', outlet: 'The Hindu' }),
    ]);
    expect(r.status).toBe('corroborated');
    expect(r.values).toHaveLength(1);
    expect(r.values[0].outlets).toEqual(['Hindustan Times', 'The Hindu']);
    expect(r.values[0].unnamedOutlets).toBe(1);
  });

  it('marks a figure only one source gives as single-source, even when quoted twice there', () => {
    const [r] = reconcileFigures([fact({ metric: 'locations raided', value: 596, sourceId: '002' }), fact({ annotationId: 'b', metric: 'Locations  raided', value: 596, sourceId: '002' })]);
    expect(r.status).toBe('single-source');
    expect(r.metric).toBe('locations raided');
  });

  it('keeps “more than 525” apart from “525”, but “so far” does not change a value', () => {
    const [r] = reconcileFigures([
      fact({ value: 525, qualifier: 'more than, so far', sourceId: '1' }),
      fact({ value: 525, qualifier: 'more than', sourceId: '2' }),
      fact({ value: 525, sourceId: '3' }),
    ]);
    expect(r.status).toBe('conflict');
    expect(r.values.map((v) => [v.qualifier, v.citations.length])).toEqual([
      ['more than', 2],
      [null, 1],
    ]);
  });

  it('keeps different entities and metrics apart', () => {
    const out = reconcileFigures([ht268, fact({ entityId: 'r20-3', value: 339 }), fact({ metric: 'arrests', value: 41 })]);
    expect(out.map((r) => [r.entityId, r.metric, r.status])).toEqual([
      ['r20-2', 'cases registered', 'single-source'],
      ['r20-3', 'cases registered', 'single-source'],
      ['r20-2', 'arrests', 'single-source'],
    ]);
  });

  it('compares like with like: pounds never with dollars, a count never with a percentage; units of one count agree', () => {
    const revenue = (over: Partial<FigureFact>) => fact({ entityId: 'acme', metric: 'revenue', quote: 'revenue', ...over });
    const out = reconcileFigures([
      revenue({ annotationId: 'g1', sourceId: '1', value: 59e6, unit: 'pounds' }),
      revenue({ annotationId: 'd1', sourceId: '2', value: 80e6, unit: 'dollars' }),
      revenue({ annotationId: 'g2', sourceId: '3', value: 60e6, unit: 'pounds' }),
      revenue({ annotationId: 'p1', sourceId: '4', value: 12, unit: 'percent' }),
    ]);
    expect(out.map((r) => [r.metric, r.status, r.values.map((v) => [v.value, v.unit])])).toEqual([
      [
        'revenue',
        'conflict',
        [
          [59e6, 'pounds'],
          [60e6, 'pounds'],
        ],
      ],
      ['revenue', 'single-source', [[80e6, 'dollars']]],
      ['revenue', 'single-source', [[12, 'percent']]],
    ]);
    // The sample's "41 people" and "41 arrests": the same count of arrests, corroborated.
    const [arrests] = reconcileFigures([fact({ metric: 'arrests', value: 41, unit: 'people', sourceId: '1' }), fact({ metric: 'arrests', value: 41, unit: 'arrests', sourceId: '2' })]);
    expect(arrests.status).toBe('corroborated');
  });

  it('says the date a value is as of when its passages give one, and none when they give two', () => {
    const [r] = reconcileFigures([ht268, { ...nie269, value: 268, asOf: '2020-10-05' }]);
    expect(r.values[0].asOf).toBe('2020-10-05');
    const [two] = reconcileFigures([
      { ...ht268, asOf: '2020-10-04' },
      { ...nie269, value: 268, asOf: '2020-10-05' },
    ]);
    expect(two.values[0].asOf).toBeNull();
  });
});
