/**
 * The notebook's annotations for other tools: out as a W3C Web Annotation collection or as CSV
 * (one row per annotation, for a spreadsheet), and in from a W3C file — each annotation placed on
 * the notebook's source it names (by Dossier's URN or the source's URL) at the words it quotes.
 */
import { newId } from '../ids';
import { DossierError } from '../../../shared/api/result';
import {
  Annotation as AnnotationSchema,
  AnnotationId,
  Figure,
  NO_FACTS,
  NOTE_MAX_LENGTH,
  normalizeTags,
  TAG_MAX_LENGTH,
  TAGS_MAX,
  type Annotation,
  type AnnotationKind,
} from '../../../shared/domain/annotation';
import { anchor, describe } from '../../../shared/domain/anchoring';
import { followMerges } from '../../../shared/domain/entity-graph';
import { PartialDate } from '../../../shared/domain/partial-date';
import { normalizeName } from '../../../shared/domain/names';
import { readW3C, toW3CAnnotation, toW3CCollection, utf16Offset, W3CError, type W3CCollection, type W3CRead } from '../../../shared/export/w3c';
import type { SourceSummary } from '../../../shared/domain/source';
import type { Notebook } from '../store/notebook';

const KINDS: readonly AnnotationKind[] = ['passage', 'figure', 'quote', 'question', 'event'];

function entityNames(notebook: Notebook): (id: string) => string | null {
  const byId = new Map(notebook.entities.entities.map((e) => [e.id, e]));
  // Bounded: a circle of merges from two laptops (repaired on the next take-in) never hangs an export.
  return (id) => followMerges(byId, id)?.name ?? null;
}

/** Every annotation of the notebook as one W3C AnnotationCollection. */
export async function annotationsAsW3C(notebook: Notebook, created = new Date().toISOString()): Promise<W3CCollection> {
  const name = entityNames(notebook);
  const texts = new Map<string, string>();
  const items = [];
  for (const { source, annotation } of notebook.allAnnotations()) {
    const hash = annotation.target.contentHash;
    if (!texts.has(hash)) texts.set(hash, await notebook.getText(hash));
    items.push(toW3CAnnotation(annotation, source, texts.get(hash)!, name));
  }
  return toW3CCollection({ id: notebook.info.id, name: notebook.info.name }, items, created);
}

const CSV_COLUMNS = [
  'id',
  'source_id',
  'source_title',
  'outlet',
  'published',
  'url',
  'kind',
  'quote',
  'prefix',
  'suffix',
  'start',
  'end',
  'note',
  'tags',
  'entities',
  'figure_metric',
  'figure_value',
  'figure_upper',
  'figure_unit',
  'figure_qualifier',
  'figure_date',
  'figure_entity',
  'speaker',
  'event_date',
  'anchor',
  'created',
  'updated',
  'created_by',
  'updated_by',
] as const;

/**
 * A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). Text that a
 * spreadsheet could run as a formula gets a leading apostrophe: one beginning with =, +, -, @, a
 * tab, a carriage return or a line break, also after leading spaces, and with the full-width
 * forms (＝ ＋ － ＠) some spreadsheets take for the same. Numbers are written as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[\t\r\n]|^[\p{Zs}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every annotation as CSV, a header row first; offsets are UTF-16 units over the source's text, as Dossier keeps them. */
export function annotationsAsCsv(notebook: Notebook): string {
  const name = entityNames(notebook);
  const rows = [CSV_COLUMNS.join(',')];
  for (const { source, annotation: a } of notebook.allAnnotations()) {
    const f = a.figure;
    const row: (string | number | null)[] = [
      a.id,
      source.id,
      source.title,
      source.outlet,
      source.published,
      source.provenance.url,
      a.kind,
      a.target.quote.exact,
      a.target.quote.prefix,
      a.target.quote.suffix,
      a.target.position.start,
      a.target.position.end,
      a.note,
      a.tags.join('; '),
      a.entityIds.map((id) => name(id) ?? id).join('; '),
      f?.metric ?? null,
      f?.value ?? null,
      f?.upper ?? null,
      f?.unit ?? null,
      f?.qualifier ?? null,
      f?.date ?? null,
      f?.entityId ? name(f.entityId) : null,
      a.speakerId ? name(a.speakerId) : null,
      a.eventDate,
      a.anchor.state,
      a.createdAt,
      a.updatedAt,
      a.createdBy,
      a.updatedBy,
    ];
    rows.push(row.map(csvField).join(','));
  }
  // A byte-order mark, so that spreadsheets read the file as UTF-8 (Malayalam, curly quotes).
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export interface W3CImportReport {
  imported: number;
  /** Annotations of the file the notebook already holds (importing a file twice changes nothing). */
  alreadyPresent: number;
  /** Annotations that could not be placed, each with the reason. */
  skipped: { id: string; reason: string }[];
}

/** The notebook's source a W3C target names: by Dossier's URN, or by the URL it was published at. */
function sourceFor(notebook: Notebook, iri: string | null) {
  if (!iri) return null;
  const urn = /^urn:dossier:source:(.+)$/.exec(iri);
  const sources = notebook.listSources();
  if (urn) return sources.find((s) => s.id === urn[1]) ?? null;
  const plain = (u: string) => u.replace(/#.*$/, '').replace(/\/+$/, '');
  return sources.find((s) => s.provenance.url !== null && plain(s.provenance.url) === plain(iri)) ?? null;
}

/**
 * Imports a W3C Web Annotation file's annotations into the notebook. A file that is not valid is
 * refused whole (INVALID_INPUT, every problem named) and nothing changes; of a valid file, each
 * annotation that can be placed on a source of this notebook is added, the others are reported.
 */
export async function importW3C(notebook: Notebook, text: string): Promise<W3CImportReport> {
  let read: W3CRead[];
  try {
    read = readW3C(text);
  } catch (e) {
    if (e instanceof W3CError) throw new DossierError('INVALID_INPUT', e.message);
    throw e;
  }
  const entities = notebook.entities.entities.filter((e) => e.mergedInto === null);
  const entityByName = (n: string | null | undefined) => (n ? (entities.find((e) => [e.name, ...e.aliases].some((x) => normalizeName(x) === normalizeName(n)))?.id ?? null) : null);
  const report: W3CImportReport = { imported: 0, alreadyPresent: 0, skipped: [] };
  for (const r of read) {
    const placed = await place(notebook, r);
    if ('reason' in placed) {
      report.skipped.push({ id: r.id, reason: placed.reason });
      continue;
    }
    const dossierId = /^urn:dossier:annotation:(.+)$/.exec(r.id)?.[1];
    if (dossierId && notebook.hasAnnotation(dossierId)) {
      report.alreadyPresent++;
      continue;
    }
    const kind = (r.facts?.kind && KINDS.includes(r.facts.kind) ? r.facts.kind : KINDS.find((k) => r.classifying.includes(k))) ?? (r.motivations.includes('questioning') ? 'question' : 'passage');
    const figure = r.facts?.figure ? Figure.safeParse({ ...r.facts.figure, entityId: entityByName(r.facts.figure.entity) }) : null;
    const speaker = entityByName(r.facts?.speaker);
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: dossierId && AnnotationId.safeParse(dossierId).success ? dossierId : newId(),
      sourceId: placed.source.id,
      kind,
      target: { contentHash: placed.source.contentHash, quote: placed.quote, position: placed.position },
      anchor: { state: 'exact' },
      note: r.comments.join('\n\n').slice(0, NOTE_MAX_LENGTH),
      tags: normalizeTags(r.tags.map((tag) => tag.slice(0, TAG_MAX_LENGTH))).slice(0, TAGS_MAX),
      entityIds: [...new Set(r.identifying.map(entityByName).filter((id): id is string => id !== null))].slice(0, 50),
      ...NO_FACTS,
      figure: figure?.success ? figure.data : null,
      speakerId: speaker && entities.find((e) => e.id === speaker)?.type === 'person' ? speaker : null,
      eventDate: r.facts?.eventDate && PartialDate.safeParse(r.facts.eventDate).success ? r.facts.eventDate : null,
      createdAt: r.created && !Number.isNaN(Date.parse(r.created)) ? new Date(r.created).toISOString() : now,
      updatedAt: r.modified && !Number.isNaN(Date.parse(r.modified)) ? new Date(r.modified).toISOString() : now,
      createdBy: r.creator,
      updatedBy: r.creator,
    };
    // What the notebook would refuse is reported, not half-imported.
    const checked = AnnotationSchema.safeParse(annotation);
    if (!checked.success) {
      report.skipped.push({ id: r.id, reason: `it does not fit a Dossier annotation (${checked.error.issues[0]?.message ?? 'invalid'})` });
      continue;
    }
    await notebook.putAnnotation(checked.data);
    report.imported++;
  }
  return report;
}

/** Where an annotation goes: a source of this notebook and the words there, or why it cannot go anywhere. */
async function place(notebook: Notebook, r: W3CRead): Promise<{ source: SourceSummary; quote: Annotation['target']['quote']; position: Annotation['target']['position'] } | { reason: string }> {
  let reason = 'it has no target Dossier can read';
  for (const t of r.targets) {
    const source = sourceFor(notebook, t.source);
    if (!source) {
      reason = t.source ? `no source in this notebook is ${t.source}` : (t.unsupported ?? reason);
      continue;
    }
    if (!t.quote && !t.position) {
      reason = t.unsupported ?? 'it names no words of the source';
      continue;
    }
    const { text } = await notebook.getSource(source.id);
    const position = t.position ? { start: utf16Offset(text, t.position.start), end: utf16Offset(text, t.position.end) } : undefined;
    if (!t.quote) {
      if (!position || position.end <= position.start || position.end > text.length) {
        reason = 'its position is outside the source’s text';
        continue;
      }
      const d = describe(text, position.start, position.end);
      return { source, quote: d.quote, position: d.position };
    }
    // Words from elsewhere must be found as written (or nearly: a changed quote mark, a space).
    const found = anchor(text, { quote: t.quote, position }, { minScore: 0.9 });
    if (found.state === 'orphan' || found.start === undefined || found.end === undefined) {
      reason = `the words “${t.quote.exact.slice(0, 60)}” are not in ${source.title}`;
      continue;
    }
    const d = describe(text, found.start, found.end);
    return { source, quote: d.quote, position: d.position };
  }
  return { reason };
}
