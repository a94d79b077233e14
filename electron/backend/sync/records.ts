/**
 * A notebook as CouchDB documents, for team notebooks (issue 15). The grain keeps unrelated edits
 * apart, so two reporters' edits of different things never conflict:
 *
 *   notebook                       the notebook's name
 *   source:<id>                    a source's metadata (title, outlet, date, versions…), without
 *                                  where this machine keeps its text (`packed` is local)
 *   annotation:<id>                one annotation
 *   entity:<id>                    one entity, with its aliases; a merge is the merged one's `mergedInto`
 *   distinct:<a>+<b>               "not the same" for two entities (ids in order)
 *   dismissed:<key>                a dismissed entity suggestion
 *   resolution:<entity>:<metric>   the fact sheet's resolution of a conflicting figure (metric folded)
 *   summary:<entity>|summary:notebook   a fact-sheet summary
 *   text:<sha256>                  a text, content-addressed: the same document, same revision, on every replica
 *   original:<sha256>              an imported file as received, as the attachment `file`
 *
 * Ids are stable across replicas: they are the notebook's own ids, or derived from what the
 * record is about. A document holds the record as `body`, with who wrote that revision and when
 * (`by`, `at`) beside it, so that the same record written by two people is still the same body.
 */
import { createHash } from 'node:crypto';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Entity } from '../../../shared/domain/entity';
import type { FactsheetNotes, FigureResolution } from '../../../shared/domain/factsheet';
import type { SourceSummary } from '../../../shared/domain/source';
import { metricKey } from '../../../shared/factsheet/reconcile';

export const RECORD_KINDS = ['notebook', 'source', 'annotation', 'entity', 'distinct', 'dismissed', 'resolution', 'summary', 'text', 'original'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A record as shared: its document id, what kind it is, and its body (null: deleted). */
export interface SharedRecord {
  id: string;
  kind: RecordKind;
  body: unknown;
}

/** The kind of a document id, or null when the id is not one of a notebook's. */
export function kindOf(id: string): RecordKind | null {
  if (id === 'notebook') return 'notebook';
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const kind = id.slice(0, colon) as RecordKind;
  return (RECORD_KINDS as readonly string[]).includes(kind) && kind !== 'notebook' && id.length > colon + 1 ? kind : null;
}

export const sourceDocId = (id: string) => `source:${id}`;
export const annotationDocId = (id: string) => `annotation:${id}`;
export const entityDocId = (id: string) => `entity:${id}`;
export const textDocId = (hash: string) => `text:${hash}`;
export const originalDocId = (sha256: string) => `original:${sha256}`;
export const distinctDocId = (a: string, b: string) => (a < b ? `distinct:${a}+${b}` : `distinct:${b}+${a}`);
export const dismissedDocId = (key: string) => `dismissed:${key}`;
export const resolutionDocId = (r: Pick<FigureResolution, 'entityId' | 'metric'>) => `resolution:${r.entityId}:${metricKey(r.metric)}`;
/** The notebook's own summary is kept under '' in factsheet.json. */
export const summaryDocId = (entityId: string) => `summary:${entityId === '' ? 'notebook' : entityId}`;
export const summaryKeyOf = (docId: string) => {
  const key = docId.slice('summary:'.length);
  return key === 'notebook' ? '' : key;
};

/** A source's metadata as shared: where this machine keeps the texts (`packed`) stays local. */
export function sharedSource(source: SourceSummary): SourceSummary {
  const { packed: _packed, ...rest } = source;
  const original = rest.provenance.original ? (({ packed: _p, ...o }) => o)(rest.provenance.original) : rest.provenance.original;
  return {
    ...rest,
    provenance: { ...rest.provenance, original },
    versions: rest.versions.map(({ packed: _v, ...v }) => v),
  };
}

/** The records of one source: its metadata and each of its annotations. */
export function shardRecords(source: SourceSummary, annotations: readonly Annotation[]): SharedRecord[] {
  return [{ id: sourceDocId(source.id), kind: 'source', body: sharedSource(source) }, ...annotations.map((a) => ({ id: annotationDocId(a.id), kind: 'annotation' as const, body: a }))];
}

/** The records of entities.json. */
export function entityRecords(doc: { entities: readonly Entity[]; dismissedSuggestions: readonly string[]; distinctPairs: readonly (readonly [string, string])[] }): SharedRecord[] {
  return [
    ...doc.entities.map((e) => ({ id: entityDocId(e.id), kind: 'entity' as const, body: e })),
    ...doc.distinctPairs.map(([a, b]) => ({ id: distinctDocId(a, b), kind: 'distinct' as const, body: { pair: a < b ? [a, b] : [b, a] } })),
    ...doc.dismissedSuggestions.map((key) => ({ id: dismissedDocId(key), kind: 'dismissed' as const, body: { key } })),
  ];
}

/** The records of factsheet.json: the standing resolution per entity and metric, and each summary. */
export function factsheetRecords(notes: FactsheetNotes): SharedRecord[] {
  // The last resolution for an entity and metric stands (as the fact sheet reads them).
  const standing = new Map<string, FigureResolution>();
  for (const r of notes.resolutions) standing.set(resolutionDocId(r), r);
  return [
    ...[...standing].map(([id, body]) => ({ id, kind: 'resolution' as const, body })),
    ...Object.entries(notes.summaries).map(([entityId, text]) => ({ id: summaryDocId(entityId), kind: 'summary' as const, body: { entityId, text } })),
  ];
}

/** JSON with keys in order and undefined left out, so equal records have equal text on every machine. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A record body's fingerprint; null (deleted) has its own. */
export function bodyHash(body: unknown): string {
  return createHash('sha256')
    .update(body === null || body === undefined ? '\u0000deleted' : canonicalJson(body))
    .digest('hex')
    .slice(0, 32);
}

const clip = (s: string, max = 80) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** A record in a reporter's words ("the highlight “registered 268 cases”"), from its body when there is one. */
export function describeRecord(id: string, body: unknown): string {
  const b = (body ?? {}) as { target?: { quote?: { exact?: unknown } }; name?: unknown; title?: unknown; metric?: unknown };
  switch (kindOf(id)) {
    case 'annotation':
      return typeof b.target?.quote?.exact === 'string' ? `the highlight “${clip(b.target.quote.exact)}”` : 'a highlight';
    case 'entity':
      return typeof b.name === 'string' ? `the entity “${clip(b.name)}”` : 'an entity';
    case 'source':
      return typeof b.title === 'string' ? `the source “${clip(b.title)}”` : 'a source';
    case 'notebook':
      return 'the notebook’s name';
    case 'distinct':
      return 'two entities marked as not the same';
    case 'dismissed':
      return 'a dismissed suggestion';
    case 'resolution':
      return typeof b.metric === 'string' ? `the fact sheet’s choice for “${clip(b.metric)}”` : 'a fact-sheet choice between figures';
    case 'summary':
      return 'a fact-sheet summary';
    default:
      return 'a record';
  }
}
