/**
 * The fact sheet over an open notebook: its snapshot for buildFactSheet, and the reporter's
 * records that go with it — a conflict resolved (the value that stands and why) or reopened, and
 * a summary per entity — kept in factsheet.json.
 */
import { DossierError } from '../../../shared/api/result';
import { FigureResolution, SUMMARY_MAX_LENGTH } from '../../../shared/domain/factsheet';
import { buildFactSheet, figureFacts, type Citation, type FactSheet, type NotebookSnapshot } from '../../../shared/factsheet/build';
import { cellsOf } from '../../../shared/domain/table';
import { metricKey, reconcileFigures } from '../../../shared/factsheet/reconcile';
import type { Notebook } from '../store/notebook';

/** The notebook as buildFactSheet reads it. */
export function notebookSnapshot(notebook: Notebook, generatedAt = new Date().toISOString()): NotebookSnapshot {
  return {
    name: notebook.info.name,
    sources: notebook.listSources(),
    annotations: [...notebook.allAnnotations()].map(({ annotation }) => annotation),
    entities: notebook.entities.entities,
    resolutions: notebook.factsheet.resolutions,
    summaries: notebook.factsheet.summaries,
    generatedAt,
  };
}

/** A living entity, or NOT_FOUND naming what was asked for. */
function entityOf(notebook: Notebook, entityId: string) {
  const e = notebook.entities.entities.find((x) => x.id === entityId && x.mergedInto === null);
  if (!e) throw new DossierError('NOT_FOUND', `There is no entity ${entityId} in this notebook (it may have been deleted or merged).`);
  return e;
}

/** The fact sheet of an entity (with its rounds) or of the whole notebook. */
export function factSheetOf(notebook: Notebook, entityId: string | null): FactSheet {
  if (entityId) entityOf(notebook, entityId);
  return buildFactSheet(notebookSnapshot(notebook), entityId);
}

/** Every citation of a sheet, wherever it sits (figures, timeline, people, quotes, questions). */
function citationsIn(value: unknown, out: Citation[] = []): Citation[] {
  if (Array.isArray(value)) for (const v of value) citationsIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.annotationId === 'string' && typeof o.sourceId === 'string' && typeof o.n === 'number' && typeof o.quote === 'string') out.push(o as unknown as Citation);
    else for (const v of Object.values(o)) citationsIn(v, out);
  }
  return out;
}

/**
 * The sheet with each passage of a table (a spreadsheet's sheet, a CSV file) cited to its cell:
 * "[3, cell B7]". Reads the text of each table source cited, once.
 */
export async function withCells(notebook: Notebook, sheet: FactSheet): Promise<FactSheet> {
  const tables = new Map(
    notebook
      .listSources()
      .filter((s) => s.table)
      .map((s) => [s.id, s]),
  );
  const cited = citationsIn(sheet).filter((c) => tables.has(c.sourceId) && !c.orphan);
  if (cited.length === 0) return sheet;
  const positions = new Map<string, { start: number; end: number }>();
  for (const { annotation } of notebook.allAnnotations()) if (tables.has(annotation.sourceId)) positions.set(annotation.id, annotation.target.position);
  const texts = new Map<string, string>();
  for (const c of cited) {
    const at = positions.get(c.annotationId);
    if (!at) continue;
    let text = texts.get(c.sourceId);
    if (text === undefined) {
      text = (await notebook.getSource(c.sourceId)).text;
      texts.set(c.sourceId, text);
    }
    c.cell = cellsOf(text, tables.get(c.sourceId)!.table!, at.start, at.end);
  }
  return sheet;
}

/** The figures given for an entity and metric, as the fact sheet groups them. */
function figuresOf(notebook: Notebook, entityId: string, metric: string) {
  const annotations = [...notebook.allAnnotations()].map(({ annotation }) => annotation);
  const facts = figureFacts(notebook.listSources(), annotations).filter((f) => f.entityId === entityId && metricKey(f.metric) === metricKey(metric));
  return reconcileFigures(facts)[0] ?? null;
}

/**
 * Records which value stands where sources disagree, with the reporter's reason. Refused when
 * the sources do not disagree on that figure (there is nothing to resolve).
 */
export async function resolveConflict(
  notebook: Notebook,
  input: { entityId: string; metric: string; value: number; upper?: number | null; note: string },
  by: string | null = null,
): Promise<FigureResolution> {
  const entity = entityOf(notebook, input.entityId);
  const group = figuresOf(notebook, entity.id, input.metric);
  if (!group) throw new DossierError('NOT_FOUND', `No source gives a figure of “${input.metric}” for ${entity.name}.`);
  if (group.values.length < 2) throw new DossierError('INVALID_INPUT', `The sources agree on “${input.metric}” for ${entity.name}: there is no conflict to resolve.`);
  const parsed = FigureResolution.safeParse({
    entityId: entity.id,
    metric: group.metric,
    value: input.value,
    upper: input.upper ?? null,
    note: input.note,
    resolvedAt: new Date().toISOString(),
    resolvedBy: by,
  });
  if (!parsed.success) throw new DossierError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
  const notes = notebook.factsheet;
  const others = notes.resolutions.filter((r) => !(r.entityId === entity.id && metricKey(r.metric) === metricKey(group.metric)));
  await notebook.saveFactsheet({ ...notes, resolutions: [...others, parsed.data] });
  return parsed.data;
}

/** Takes back a resolution: the conflict shows again. */
export async function reopenConflict(notebook: Notebook, input: { entityId: string; metric: string }): Promise<void> {
  const notes = notebook.factsheet;
  const kept = notes.resolutions.filter((r) => !(r.entityId === input.entityId && metricKey(r.metric) === metricKey(input.metric)));
  if (kept.length === notes.resolutions.length) throw new DossierError('NOT_FOUND', `No resolution of “${input.metric}” is recorded for that entity.`);
  await notebook.saveFactsheet({ ...notes, resolutions: kept });
}

/** Saves the summary of an entity's fact sheet (null: the whole notebook's); an empty one removes it. */
export async function saveSummary(notebook: Notebook, input: { entityId: string | null; summary: string }): Promise<void> {
  if (input.entityId) entityOf(notebook, input.entityId);
  if (input.summary.length > SUMMARY_MAX_LENGTH) throw new DossierError('INVALID_INPUT', `A summary can be at most ${SUMMARY_MAX_LENGTH.toLocaleString('en')} characters.`);
  const notes = notebook.factsheet;
  const summaries = { ...notes.summaries };
  const key = input.entityId ?? '';
  if (input.summary.trim() === '') delete summaries[key];
  else summaries[key] = input.summary;
  await notebook.saveFactsheet({ ...notes, summaries });
}
