/**
 * Reconciling figures across sources: the figures given for the same entity and metric are put
 * side by side. Equal values from several sources are corroborated (with how many independent
 * outlets say so); different values are a conflict that names every source and value (268 in one,
 * 269 in another) until the reporter records which one stands and why; a figure one source alone
 * gives is marked single-source. Nothing is averaged, dropped or chosen silently. Only like is
 * compared with like: a sum in pounds and one in dollars, or a count and a percentage, of the same
 * metric are shown side by side as figures of their own, never as a conflict.
 */

/** One figure as a reporter marked it on a passage. */
export interface FigureFact {
  annotationId: string;
  sourceId: string;
  sourceTitle: string;
  /** Null when the source does not name its outlet. */
  outlet: string | null;
  published: string | null;
  /** What the figure is about (an operation's round, the operation, a person…). */
  entityId: string;
  metric: string;
  value: number;
  upper?: number | null;
  qualifier?: string | null;
  unit?: string | null;
  /** The date the figure is as of, as the reporter marked it ("2005-01"). */
  asOf?: string | null;
  /** The passage's exact words, for the citation. */
  quote: string;
}

/** The reporter's decision on a conflict: which value stands, and why. */
export interface FigureResolution {
  entityId: string;
  metric: string;
  /** The value that stands (one of the conflicting ones, or another the reporter established). */
  value: number;
  upper?: number | null;
  note: string;
  resolvedAt: string;
  resolvedBy?: string | null;
}

export type ReconciledStatus = 'single-source' | 'corroborated' | 'conflict' | 'resolved';

export interface ReconciledValue {
  value: number;
  upper: number | null;
  qualifier: string | null;
  unit: string | null;
  /** Every passage giving this value, oldest source first. */
  citations: FigureFact[];
  /** Distinct named outlets among the citations. */
  outlets: string[];
  /** Citations from sources that name no outlet (they may or may not be independent). */
  unnamedOutlets: number;
  /** The date this value is as of, when the citations giving it say one, and the same one. */
  asOf: string | null;
}

export interface ReconciledFigure {
  entityId: string;
  metric: string;
  status: ReconciledStatus;
  /** The different values given, the most cited first. */
  values: ReconciledValue[];
  resolution: FigureResolution | null;
}

/** A metric's key: case and spacing do not make two metrics. */
export function metricKey(metric: string): string {
  return metric.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Qualifiers that do not change what a value says ("so far" dates it; it does not bound it). */
function boundOf(qualifier: string | null | undefined): string | null {
  const q = (qualifier ?? '')
    .toLowerCase()
    .replace(/,?\s*so far/g, '')
    .trim();
  return q === '' ? null : q;
}

/**
 * What a figure's unit measures, so that like is compared with like: each currency on its own
 * (never £ with $), a percentage, percentage points, a value per something, and every count
 * together ("41 people" and "41 arrests" say the same number of arrests).
 */
export function unitKind(unit: string | null | undefined): string {
  const u = (unit ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (u === '') return 'count';
  if (u.includes(' per ')) return u;
  if (/^(percent|%|per cent)$/.test(u)) return 'percent';
  if (/^percentage points?$/.test(u)) return 'percentage points';
  if (/^((?:[a-z]+ )*dollars?|pounds?|euros?|rupees?|yen|pence|£|\$|€|₹|rs\.?)$/.test(u)) return u.replace(/s$/, '');
  if (MEASURE_UNITS.test(u)) return u;
  return 'count';
}
const MEASURE_UNITS =
  /^(years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|inch(?:es)?|kg|kilo(?:gram)?s?|grams?|milligrams?|mg|tonnes?|tons?|litres?|liters?|gallons?|barrels?|acres?|hectares?|megapixels|[kmgt]b|(?:mega|giga|tera|peta)bytes|ms|degrees|mph|kph|kwh|mw|gw|gigajoules?)$/;

function valueKey(f: FigureFact): string {
  return JSON.stringify([f.value, f.upper ?? null, boundOf(f.qualifier)]);
}

const byDate = (a: FigureFact, b: FigureFact) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.sourceTitle.localeCompare(b.sourceTitle);

/**
 * Groups figures by entity and metric and says, for each group, whether its sources agree.
 * Groups come in the order of their first figure; resolutions apply to the group they name.
 */
export function reconcileFigures(facts: readonly FigureFact[], resolutions: readonly FigureResolution[] = []): ReconciledFigure[] {
  const groups = new Map<string, FigureFact[]>();
  for (const f of facts) {
    // A figure in another unit is shown as such, in a row of its own, not as a conflict.
    const key = `${f.entityId}\u0000${metricKey(f.metric)}\u0000${unitKind(f.unit)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const out: ReconciledFigure[] = [];
  for (const list of groups.values()) {
    const byValue = new Map<string, FigureFact[]>();
    for (const f of list) byValue.set(valueKey(f), [...(byValue.get(valueKey(f)) ?? []), f]);
    const values: ReconciledValue[] = [...byValue.values()]
      .map((citations) => {
        const sorted = [...citations].sort(byDate);
        const first = sorted[0];
        return {
          value: first.value,
          upper: first.upper ?? null,
          qualifier: boundOf(first.qualifier),
          unit: first.unit ?? null,
          citations: sorted,
          outlets: [...new Set(sorted.filter((c) => c.outlet !== null).map((c) => c.outlet!.trim()))],
          unnamedOutlets: sorted.filter((c) => c.outlet === null).length,
          // The date the passages giving it say, when they say one and no two say different ones.
          asOf: ((dates) => (dates.size === 1 ? [...dates][0] : null))(new Set(sorted.flatMap((c) => (c.asOf ? [c.asOf] : [])))),
        };
      })
      .sort((a, b) => b.citations.length - a.citations.length || byDate(a.citations[0], b.citations[0]));
    const { entityId, metric } = list[0];
    const resolution = resolutions.findLast((r) => r.entityId === entityId && metricKey(r.metric) === metricKey(metric)) ?? null;
    const sourceCount = new Set(list.map((f) => f.sourceId)).size;
    let status: ReconciledStatus;
    if (values.length > 1) status = resolution ? 'resolved' : 'conflict';
    else status = sourceCount > 1 ? 'corroborated' : 'single-source';
    out.push({ entityId, metric: list[0].metric.trim(), status, values, resolution: values.length > 1 ? resolution : null });
  }
  return out;
}
