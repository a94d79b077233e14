/**
 * The fact sheet: what the notebook knows about an entity (an operation with its rounds) or about
 * the whole story, every fact cited to the exact words of its passage. `buildFactSheet` is pure
 * and returns plain data; the Markdown, HTML, PDF, DOCX and JSON renderers only format it — they
 * never recompute a fact, so every format says the same.
 */
import { linkedEntityIds, type Annotation } from '../domain/annotation';
import { comparePartialDates, compareStartDates } from '../domain/dates';
import { describeMarks } from '../domain/quotes';
import type { SheetPictures, TimelineMark } from '../pictures/types';
import { formatFigure } from './format';
import type { Entity, EntityType } from '../domain/entity';
import type { SourceSummary } from '../domain/source';
import { metricKey, reconcileFigures, type FigureFact, type FigureResolution, type ReconciledStatus } from './reconcile';

/** What buildFactSheet reads: the notebook as it is now. */
export interface NotebookSnapshot {
  name: string;
  sources: readonly SourceSummary[];
  annotations: readonly Annotation[];
  /** Every entity (merged ones are skipped). */
  entities: readonly Entity[];
  resolutions: readonly FigureResolution[];
  /** The reporter's summaries, by entity id; '' for the whole notebook. */
  summaries: Readonly<Record<string, string>>;
  /** When the sheet is made (ISO-8601); passed in so that the function stays pure. */
  generatedAt: string;
}

/** A passage a fact rests on: its number in the source list and its exact words. */
export interface Citation {
  /** The source's number in the sheet's source list (1-based). */
  n: number;
  sourceId: string;
  annotationId: string;
  quote: string;
  /** The passage is no longer in the source's current text (it was edited after the annotation). */
  orphan: boolean;
  /** What is wrong with the passage's quotation marks (describeMarks), or null when they balance. */
  marks: string | null;
  /** Of a passage of a table (a sheet, a CSV file): the cell or cells it is in ("B7", "B7:D7"), set by the notebook's side. */
  cell?: string | null;
}

export interface FactValue {
  value: number;
  upper: number | null;
  qualifier: string | null;
  unit: string | null;
  citations: Citation[];
  /** Distinct named outlets giving this value. */
  outlets: string[];
  /** Citations from sources that name no outlet. */
  unnamedOutlets: number;
  /** The date the value is as of, when the passages giving it say one ("2005-01"). */
  asOf: string | null;
}

/** A metric's figures for one column (a round, or the entity itself). */
export interface FigureCell {
  status: ReconciledStatus;
  /** Every value given, the most cited first. */
  values: FactValue[];
  resolution: { value: number; upper: number | null; note: string; resolvedAt: string; resolvedBy: string | null } | null;
}

export interface FactSheetEntity {
  id: string;
  name: string;
  type: EntityType;
}

export interface TimelineItem {
  date: string;
  kind: 'event' | 'published';
  /** The event's words, or the source's title. */
  text: string;
  note: string;
  citation: Citation | null;
  /** For a publication: the source's number. */
  n: number | null;
}

export interface InvolvedEntity extends FactSheetEntity {
  /** The role as the reporter noted it (the entity's description), or '' when none was noted. */
  role: string;
  citations: Citation[];
}

export interface QuoteItem {
  speaker: FactSheetEntity | null;
  quote: string;
  outlet: string | null;
  published: string | null;
  note: string;
  citation: Citation;
}

export interface QuestionItem {
  quote: string;
  note: string;
  citation: Citation;
}

export interface SheetSource {
  n: number;
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  /** sha256 of the source's text as the notebook holds it. */
  sha256: string;
  importedAt: string;
}

export interface FactSheet {
  title: string;
  notebook: string;
  /** The entity the sheet is about; null for the whole notebook. */
  subject: FactSheetEntity | null;
  summary: string;
  generatedAt: string;
  /** Key figures: a row per metric, a column per entity the figures are about (an operation's rounds). */
  figures: { columns: FactSheetEntity[]; rows: { metric: string; cells: (FigureCell | null)[] }[] };
  /** Dated events and the sources' publication dates, oldest first. */
  timeline: TimelineItem[];
  /** Numbers of the sources that carry no date (they are not on the timeline). */
  undatedSources: number[];
  people: InvolvedEntity[];
  organisations: InvolvedEntity[];
  quotes: QuoteItem[];
  questions: QuestionItem[];
  sources: SheetSource[];
  /** Counts a reader checks first. */
  counts: { conflicts: number; singleSource: number; corroborated: number; resolved: number };
  /** The timeline and the entity graph, as data (shared/pictures lays them out and draws them). */
  pictures: SheetPictures;
}

/** The usual order of an operation's metrics; others follow in the order first met. */
const METRIC_ORDER = ['arrests', 'cases registered', 'devices seized', 'locations raided', 'teams', 'age range'];

const slim = (e: Entity): FactSheetEntity => ({ id: e.id, name: e.name, type: e.type });

/**
 * Builds the fact sheet of `entityId` (an operation takes in its rounds; a person their quotes)
 * or, without it, of the whole notebook. Throws when the entity does not exist.
 */
export function buildFactSheet(snapshot: NotebookSnapshot, entityId?: string | null): FactSheet {
  const entities = new Map(snapshot.entities.filter((e) => e.mergedInto === null).map((e) => [e.id, e]));
  const subject = entityId ? entities.get(entityId) : null;
  if (entityId && !subject) throw new Error(`There is no entity ${entityId} in this notebook.`);
  const scope = subject ? new Set([subject.id, ...[...entities.values()].filter((e) => e.parentId === subject.id).map((e) => e.id)]) : null;
  const inScope = (a: Annotation): boolean => !scope || linkedEntityIds(a).some((id) => scope.has(id));

  const sourceById = new Map(snapshot.sources.map((s) => [s.id, s]));
  const annotations = snapshot.annotations.filter((a) => sourceById.has(a.sourceId) && inScope(a));
  // The source list: every source the sheet cites (all of them for the whole notebook), oldest first.
  const listed = scope ? [...new Set(annotations.map((a) => a.sourceId))].map((id) => sourceById.get(id)!) : [...snapshot.sources];
  listed.sort((a, b) => comparePartialDates(a.published, b.published) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  const number = new Map(listed.map((s, i) => [s.id, i + 1]));
  const cite = (a: Annotation): Citation => ({
    n: number.get(a.sourceId)!,
    sourceId: a.sourceId,
    annotationId: a.id,
    quote: a.target.quote.exact,
    orphan: a.anchor.state === 'orphan',
    marks: describeMarks(a.target.quote.exact),
  });

  // Key figures, reconciled per entity and metric.
  const facts = figureFacts(snapshot.sources, annotations, scope);
  const byAnnotation = new Map(annotations.map((a) => [a.id, a]));
  const reconciled = reconcileFigures(facts, snapshot.resolutions);
  const columnIds = [...new Set(reconciled.map((r) => r.entityId))];
  const columns = columnIds
    .map((id) => (entities.get(id) ? slim(entities.get(id)!) : { id, name: 'Not linked to an entity', type: 'other' as const }))
    .sort((a, b) => compareColumns(a, b, subject?.id ?? null, entities));
  const metrics: string[] = [];
  for (const r of reconciled) if (!metrics.some((m) => metricKey(m) === metricKey(r.metric))) metrics.push(r.metric);
  const rank = (m: string) => (METRIC_ORDER.includes(metricKey(m)) ? METRIC_ORDER.indexOf(metricKey(m)) : METRIC_ORDER.length);
  metrics.sort((a, b) => rank(a) - rank(b));
  const rows = metrics.map((metric) => ({
    metric,
    cells: columns.map((c): FigureCell | null => {
      const r = reconciled.find((x) => x.entityId === c.id && metricKey(x.metric) === metricKey(metric));
      if (!r) return null;
      return {
        status: r.status,
        values: r.values.map((v) => ({
          value: v.value,
          upper: v.upper,
          qualifier: v.qualifier,
          unit: v.unit,
          outlets: v.outlets,
          unnamedOutlets: v.unnamedOutlets,
          asOf: v.asOf,
          citations: v.citations.map((f) => cite(byAnnotation.get(f.annotationId)!)),
        })),
        resolution: r.resolution
          ? { value: r.resolution.value, upper: r.resolution.upper ?? null, note: r.resolution.note, resolvedAt: r.resolution.resolvedAt, resolvedBy: r.resolution.resolvedBy ?? null }
          : null,
      };
    }),
  }));
  const counts = { conflicts: 0, singleSource: 0, corroborated: 0, resolved: 0 };
  for (const r of reconciled) counts[r.status === 'single-source' ? 'singleSource' : r.status === 'conflict' ? 'conflicts' : r.status]++;

  // Timeline: dated events, then every listed source's publication.
  const timeline: TimelineItem[] = [];
  for (const a of annotations) if (a.kind === 'event' && a.eventDate) timeline.push({ date: a.eventDate, kind: 'event', text: a.target.quote.exact, note: a.note, citation: cite(a), n: null });
  for (const s of listed) if (s.published) timeline.push({ date: s.published, kind: 'published', text: s.title, note: s.outlet ?? '', citation: null, n: number.get(s.id)! });
  timeline.sort((a, b) => comparePartialDates(a.date, b.date) || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));

  // People and organisations the passages link (or that speak), with their roles where noted.
  const involved = new Map<string, Citation[]>();
  for (const a of annotations) {
    for (const id of linkedEntityIds(a)) {
      const e = entities.get(id);
      if (!e || id === subject?.id || (e.type !== 'person' && e.type !== 'organisation')) continue;
      involved.set(id, [...(involved.get(id) ?? []), cite(a)]);
    }
  }
  const involvedOf = (type: EntityType): InvolvedEntity[] =>
    [...involved]
      .map(([id, citations]) => ({ ...slim(entities.get(id)!), role: entities.get(id)!.description.trim(), citations: citations.sort((a, b) => a.n - b.n) }))
      .filter((e) => e.type === type)
      .sort((a, b) => b.citations.length - a.citations.length || a.name.localeCompare(b.name));

  const quotes: QuoteItem[] = annotations
    .filter((a) => a.kind === 'quote')
    .map((a) => {
      const s = sourceById.get(a.sourceId)!;
      const speaker = a.speakerId ? entities.get(a.speakerId) : undefined;
      return { speaker: speaker ? slim(speaker) : null, quote: a.target.quote.exact, outlet: s.outlet, published: s.published, note: a.note, citation: cite(a) };
    })
    .sort((a, b) => comparePartialDates(a.published, b.published) || a.citation.n - b.citation.n);
  const questions: QuestionItem[] = annotations.filter((a) => a.kind === 'question').map((a) => ({ quote: a.target.quote.exact, note: a.note, citation: cite(a) }));

  // The pictures: the timeline's marks (publications, events, figures at their as-of dates, a
  // conflict marked) and the graph of entities that share passages.
  const conflictOf = new Set(reconciled.filter((r) => r.status === 'conflict').map((r) => `${r.entityId}\u0000${metricKey(r.metric)}`));
  const marks: TimelineMark[] = [];
  for (const s of listed)
    if (s.published) marks.push({ kind: 'published', date: s.published, dateIs: 'published', label: s.title, conflict: false, n: number.get(s.id)!, sourceId: s.id, annotationId: null });
  for (const a of annotations) {
    if (a.kind === 'event' && a.eventDate)
      marks.push({ kind: 'event', date: a.eventDate, dateIs: 'event', label: a.target.quote.exact, conflict: false, n: number.get(a.sourceId)!, sourceId: a.sourceId, annotationId: a.id });
  }
  for (const f of facts) {
    const a = byAnnotation.get(f.annotationId)!;
    const date = a.figure?.date ?? f.published;
    if (!date) continue;
    const about = entities.get(f.entityId)?.name;
    marks.push({
      kind: 'figure',
      date,
      dateIs: a.figure?.date ? 'as-of' : 'published',
      label: `${about ? `${about}: ` : ''}${f.metric} ${formatFigure({ ...f, upper: f.upper ?? null })}`,
      conflict: conflictOf.has(`${f.entityId}\u0000${metricKey(f.metric)}`),
      n: number.get(f.sourceId)!,
      sourceId: f.sourceId,
      annotationId: f.annotationId,
    });
  }
  marks.sort((x, y) => comparePartialDates(x.date, y.date) || x.kind.localeCompare(y.kind) || x.n - y.n);
  const mentions = new Map<string, number>();
  const pairs = new Map<string, { shared: number; sources: number }>();
  const pair = (x: string, y: string) => {
    const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { shared: 0, sources: 0 }));
    return p;
  };
  // The entities each source's passages are linked to: two named in the same source are near.
  const bySource = new Map<string, Set<string>>();
  for (const a of annotations) {
    const ids = [...new Set(linkedEntityIds(a).filter((id) => entities.has(id)))];
    for (const id of ids) mentions.set(id, (mentions.get(id) ?? 0) + 1);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pair(ids[i], ids[j]).shared++;
    const inSource = bySource.get(a.sourceId) ?? new Set<string>();
    for (const id of ids) inSource.add(id);
    bySource.set(a.sourceId, inSource);
  }
  for (const ids of bySource.values()) {
    // A source linked to very many entities (a long list) says little of any two of them.
    if (ids.size > 40) continue;
    const list = [...ids];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pair(list[i], list[j]).sources++;
  }
  const graph = {
    nodes: [...mentions].map(([id, m]) => ({ ...slim(entities.get(id)!), mentions: m, roundOf: entities.get(id)!.parentId })).sort((x, y) => y.mentions - x.mentions || x.name.localeCompare(y.name)),
    edges: [...pairs]
      .map(([key, { shared, sources }]) => {
        const [a, b] = key.split('\u0000');
        return { a, b, shared, sources };
      })
      .sort((x, y) => y.shared - x.shared || y.sources - x.sources || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
  };

  return {
    title: subject ? `Fact sheet: ${subject.name}` : `Fact sheet: ${snapshot.name}`,
    notebook: snapshot.name,
    subject: subject ? slim(subject) : null,
    summary: (snapshot.summaries[subject?.id ?? ''] ?? '').trim(),
    generatedAt: snapshot.generatedAt,
    figures: { columns, rows },
    timeline,
    undatedSources: listed.filter((s) => !s.published).map((s) => number.get(s.id)!),
    people: involvedOf('person'),
    organisations: involvedOf('organisation'),
    quotes,
    questions,
    sources: listed.map((s) => ({
      n: number.get(s.id)!,
      id: s.id,
      title: s.title,
      outlet: s.outlet,
      published: s.published,
      url: s.provenance.url,
      sha256: s.contentHash,
      importedAt: s.provenance.importedAt,
    })),
    counts,
    pictures: { timeline: marks, graph },
  };
}

/**
 * The figures marked on these annotations, each about the entity its figure names — or else the
 * first linked entity in scope (the first linked at all without a scope).
 */
export function figureFacts(sources: readonly SourceSummary[], annotations: readonly Annotation[], scope: ReadonlySet<string> | null = null): FigureFact[] {
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const facts: FigureFact[] = [];
  for (const a of annotations) {
    const s = sourceById.get(a.sourceId);
    if (a.kind !== 'figure' || !a.figure || !s) continue;
    const about = a.figure.entityId ?? a.entityIds.find((id) => !scope || scope.has(id)) ?? '';
    if (scope && !scope.has(about)) continue;
    facts.push({
      annotationId: a.id,
      sourceId: s.id,
      sourceTitle: s.title,
      outlet: s.outlet,
      published: s.published,
      entityId: about,
      metric: a.figure.metric,
      value: a.figure.value,
      upper: a.figure.upper,
      qualifier: a.figure.qualifier,
      unit: a.figure.unit,
      asOf: a.figure.date,
      quote: a.target.quote.exact,
    });
  }
  return facts;
}

/**
 * Columns: the subject, then its rounds (by start, then name); without a subject, operations
 * with their rounds beside them, then other entities; the unlinked last.
 */
function compareColumns(a: FactSheetEntity, b: FactSheetEntity, subjectId: string | null, entities: Map<string, Entity>): number {
  const rank = (c: FactSheetEntity) => (c.id === subjectId ? 0 : !entities.has(c.id) ? 4 : c.type === 'operation' ? 1 : 2);
  const family = (c: FactSheetEntity) => {
    const parent = entities.get(c.id)?.parentId;
    return parent && parent !== subjectId ? (entities.get(parent)?.name ?? c.name) : c.name;
  };
  const isRound = (c: FactSheetEntity) => (entities.get(c.id)?.parentId ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    (subjectId ? 0 : family(a).localeCompare(family(b))) ||
    isRound(a) - isRound(b) ||
    compareStartDates(entities.get(a.id)?.start ?? null, entities.get(b.id)?.start ?? null) ||
    a.name.localeCompare(b.name, 'en', { numeric: true })
  );
}
