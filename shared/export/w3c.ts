/**
 * Annotations as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/), out and
 * back in.
 *
 * Out: an AnnotationCollection whose first page holds every annotation. A target is the source
 * (its URL where known, otherwise a Dossier URN) with a TextQuoteSelector (the exact words and
 * their context) and a TextPositionSelector whose offsets count Unicode code points over the
 * source's normalised text, as the model requires — Dossier counts UTF-16 units, so a passage after
 * an emoji or another astral character is converted. The note is a Markdown TextualBody for
 * commenting, each tag a body for tagging, each linked entity a body for identifying, the kind a
 * body for classifying, and Dossier's own facts (a figure, a speaker, an event's date) a JSON body
 * for describing that other tools can ignore.
 *
 * In: readW3C checks what the model says an annotation MUST be (context, one IRI as id, type,
 * a target, not both body and bodyValue, dates, IRIs, selectors) and reads what Dossier can use;
 * anything else is refused with every problem named.
 */
import type { Annotation, AnnotationKind, Figure } from '../domain/annotation';
import { AUTHOR_MAX_LENGTH } from '../domain/author';
import type { SourceSummary } from '../domain/source';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The media type of the body carrying Dossier's own facts. */
export const DOSSIER_FACTS_FORMAT = 'application/vnd.dossier.facts+json';

export interface W3CTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'identifying' | 'classifying' | 'describing';
  format?: string;
}

export interface W3CAnnotation {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting' | 'questioning' | 'describing';
  created: string;
  modified: string;
  /** Who made it, when the notebook knows (the reporter's display name). */
  creator?: { type: 'Person'; name: string };
  generator: { id: string; type: 'Software'; name: string };
  body?: W3CTextualBody[];
  target: {
    source: string;
    selector: [{ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }, { type: 'TextPositionSelector'; start: number; end: number }];
  };
}

export interface W3CCollection {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: W3CAnnotation['generator'];
  created: string;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

const GENERATOR: W3CAnnotation['generator'] = { id: 'urn:dossier', type: 'Software', name: 'Dossier' };

/** A UTF-16 offset in `text` as a count of code points (an astral character is one). */
export function codePointOffset(text: string, utf16: number): number {
  let points = 0;
  for (let i = 0; i < Math.min(utf16, text.length); i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair does not start a code point.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) points++;
  }
  return points;
}

/** A code-point offset in `text` as a UTF-16 offset (the inverse of codePointOffset). */
export function utf16Offset(text: string, points: number): number {
  let i = 0;
  for (let p = 0; p < points && i < text.length; p++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

const MOTIVATION: Record<AnnotationKind, W3CAnnotation['motivation']> = {
  passage: 'highlighting',
  figure: 'describing',
  quote: 'describing',
  question: 'questioning',
  event: 'describing',
};

/** The IRI of a source: where it was published, or Dossier's own name for it. */
export function sourceIri(source: Pick<SourceSummary, 'id' | 'provenance'>): string {
  return source.provenance.url ?? `urn:dossier:source:${source.id}`;
}

/** Dossier's facts on an annotation, named for another notebook (entities by name). */
export interface DossierFacts {
  kind: AnnotationKind;
  figure: (Omit<Figure, 'entityId'> & { entity: string | null }) | null;
  speaker: string | null;
  eventDate: string | null;
}

/**
 * One annotation as a W3C Web Annotation. `text` is the source text the annotation's offsets are
 * over (the version it points at); `entityName` names a linked entity.
 */
export function toW3CAnnotation(annotation: Annotation, source: Pick<SourceSummary, 'id' | 'provenance'>, text: string, entityName: (id: string) => string | null): W3CAnnotation {
  const { start, end } = annotation.target.position;
  const body: W3CTextualBody[] = [];
  if (annotation.note.trim() !== '') body.push({ type: 'TextualBody', value: annotation.note, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of annotation.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  for (const id of annotation.entityIds) {
    const name = entityName(id);
    if (name) body.push({ type: 'TextualBody', value: name, purpose: 'identifying' });
  }
  body.push({ type: 'TextualBody', value: annotation.kind, purpose: 'classifying' });
  if (annotation.figure || annotation.speakerId || annotation.eventDate) {
    const { entityId, ...figure } = annotation.figure ?? { entityId: null };
    const facts: DossierFacts = {
      kind: annotation.kind,
      figure: annotation.figure ? { ...(figure as Omit<Figure, 'entityId'>), entity: entityId ? entityName(entityId) : null } : null,
      speaker: annotation.speakerId ? entityName(annotation.speakerId) : null,
      eventDate: annotation.eventDate,
    };
    body.push({ type: 'TextualBody', value: JSON.stringify(facts), format: DOSSIER_FACTS_FORMAT, purpose: 'describing' });
  }
  return {
    '@context': W3C_CONTEXT,
    id: `urn:dossier:annotation:${annotation.id}`,
    type: 'Annotation',
    motivation: annotation.note.trim() !== '' && annotation.kind === 'passage' ? 'commenting' : MOTIVATION[annotation.kind],
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    ...(annotation.createdBy ? { creator: { type: 'Person' as const, name: annotation.createdBy } } : {}),
    generator: GENERATOR,
    body,
    target: {
      source: sourceIri(source),
      selector: [
        { type: 'TextQuoteSelector', exact: annotation.target.quote.exact, prefix: annotation.target.quote.prefix, suffix: annotation.target.quote.suffix },
        { type: 'TextPositionSelector', start: codePointOffset(text, start), end: codePointOffset(text, end) },
      ],
    },
  };
}

/** A notebook's annotations as one AnnotationCollection with a single page. */
export function toW3CCollection(notebook: { id: string; name: string }, annotations: W3CAnnotation[], created: string): W3CCollection {
  const id = `urn:dossier:notebook:${notebook.id}:annotations`;
  return {
    '@context': W3C_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `${notebook.name} — annotations`,
    total: annotations.length,
    generator: GENERATOR,
    created,
    first: { id: `${id}:page1`, type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
}

/** One target of an annotation as Dossier reads it. */
export interface W3CTarget {
  /** The resource annotated (an IRI); null when the target names none. */
  source: string | null;
  quote: { exact: string; prefix: string; suffix: string } | null;
  /** In code points. */
  position: { start: number; end: number } | null;
  /** Why Dossier cannot place this target, when it cannot (several resources as one, a non-text selector). */
  unsupported: string | null;
}

/** An annotation as Dossier reads it from a W3C file. */
export interface W3CRead {
  id: string;
  motivations: string[];
  comments: string[];
  tags: string[];
  identifying: string[];
  classifying: string[];
  facts: DossierFacts | null;
  created: string | null;
  modified: string | null;
  /** The first creator's name (or nickname), when it gives one. */
  creator: string | null;
  targets: W3CTarget[];
}

/** A W3C file that is not what the model allows, with every problem found. */
export class W3CError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** An absolute IRI: a scheme, a colon, and no spaces. */
const isIri = (v: Json | undefined): v is string => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(v);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const typesOf = (o: Obj): string[] => asList(o.type).filter((t): t is string => typeof t === 'string');

/** Reads the selectors of a SpecificResource; problems go to `problems`. */
function readSelectors(selectors: Json[], where: string, problems: string[]): Pick<W3CTarget, 'quote' | 'position' | 'unsupported'> {
  const out: Pick<W3CTarget, 'quote' | 'position' | 'unsupported'> = { quote: null, position: null, unsupported: null };
  for (const s of selectors) {
    if (isIri(s)) {
      out.unsupported ??= 'its selector is a link to elsewhere';
      continue;
    }
    if (!isObj(s)) {
      problems.push(`${where}: a selector must be an object or an IRI`);
      continue;
    }
    const type = typesOf(s)[0];
    const single = (key: string) => typeof s[key] === 'string';
    switch (type) {
      case 'TextQuoteSelector':
        if (!single('exact')) problems.push(`${where}: a TextQuoteSelector needs one “exact” text`);
        else out.quote = { exact: s.exact as string, prefix: typeof s.prefix === 'string' ? s.prefix : '', suffix: typeof s.suffix === 'string' ? s.suffix : '' };
        break;
      case 'TextPositionSelector': {
        const ok = (n: Json | undefined) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
        if (!ok(s.start) || !ok(s.end) || (s.end as number) < (s.start as number)) problems.push(`${where}: a TextPositionSelector needs whole, non-negative start and end, end not before start`);
        else out.position = { start: s.start as number, end: s.end as number };
        break;
      }
      case 'FragmentSelector':
      case 'CssSelector':
      case 'XPathSelector':
        if (!single('value')) problems.push(`${where}: a ${type} needs exactly one value`);
        out.unsupported ??= `a ${type} points into a page Dossier does not keep`;
        break;
      case 'SvgSelector':
        if (!single('value') && !isIri(s.id)) problems.push(`${where}: an SvgSelector needs one value or an id`);
        out.unsupported ??= 'an SvgSelector marks an area of an image';
        break;
      case 'DataPositionSelector':
        if (typeof s.start !== 'number' || typeof s.end !== 'number') problems.push(`${where}: a DataPositionSelector needs start and end`);
        out.unsupported ??= 'a DataPositionSelector counts bytes, not characters';
        break;
      case 'RangeSelector':
        if (!isObj(s.startSelector) || !isObj(s.endSelector)) problems.push(`${where}: a RangeSelector needs a startSelector and an endSelector`);
        out.unsupported ??= 'a RangeSelector is not read by Dossier';
        break;
      default:
        out.unsupported ??= `a selector of type ${type ?? '(none)'} is not read by Dossier`;
    }
    if (s.refinedBy !== undefined) out.unsupported ??= 'a refined selector is not read by Dossier';
  }
  return out;
}

function readTarget(t: Json, where: string, problems: string[]): W3CTarget | null {
  if (isIri(t)) return { source: t, quote: null, position: null, unsupported: 'it names a whole resource, not a passage' };
  if (!isObj(t)) {
    problems.push(`${where}: a target must be an IRI or an object`);
    return null;
  }
  const types = typesOf(t);
  if (types.some((x) => ['Composite', 'List', 'Independents'].includes(x))) {
    if (!Array.isArray(t.items) || t.items.length === 0) problems.push(`${where}: a ${types[0]} needs items`);
    return { source: null, quote: null, position: null, unsupported: `a ${types[0]} of several resources is not read by Dossier` };
  }
  if (t.source !== undefined || t.selector !== undefined || types.includes('SpecificResource')) {
    if (!isIri(t.source)) {
      problems.push(`${where}: a SpecificResource needs one IRI as its source`);
      return null;
    }
    return { source: t.source, ...readSelectors(asList(t.selector), where, problems) };
  }
  if (!isIri(t.id)) {
    problems.push(`${where}: a target resource needs one IRI as its id`);
    return null;
  }
  return { source: t.id, quote: null, position: null, unsupported: 'it names a whole resource, not a passage' };
}

function checkBodies(a: Obj, where: string, problems: string[]): void {
  if (a.body !== undefined && a.bodyValue !== undefined) problems.push(`${where}: it has both body and bodyValue`);
  if (a.bodyValue !== undefined && typeof a.bodyValue !== 'string') problems.push(`${where}: bodyValue must be one string`);
  for (const b of asList(a.body)) {
    if (isIri(b)) continue;
    if (!isObj(b)) {
      problems.push(`${where}: a body must be an IRI or an object`);
      continue;
    }
    const types = typesOf(b);
    if (types.includes('TextualBody') && typeof b.value !== 'string') problems.push(`${where}: a TextualBody needs one value`);
    if (types.includes('Choice') && (!Array.isArray(b.items) || b.items.length === 0)) problems.push(`${where}: a Choice needs items`);
    if (types.includes('SpecificResource') && !isIri(b.source)) problems.push(`${where}: a SpecificResource body needs one IRI as its source`);
    if (b.textDirection !== undefined && !['ltr', 'rtl', 'auto'].includes(b.textDirection as string)) problems.push(`${where}: textDirection must be ltr, rtl or auto`);
  }
}

function checkCommon(a: Obj, where: string, problems: string[]): void {
  for (const key of ['created', 'modified', 'generated']) {
    if (a[key] !== undefined && !(typeof a[key] === 'string' && DATE_TIME.test(a[key] as string)))
      problems.push(`${where}: ${key} must be one date and time with its time zone (xsd:dateTime), not ${JSON.stringify(a[key])}`);
  }
  if (a.canonical !== undefined && !isIri(a.canonical)) problems.push(`${where}: canonical must be one IRI`);
  for (const key of ['rights', 'via']) if (a[key] !== undefined && !asList(a[key]).every(isIri)) problems.push(`${where}: ${key} must be IRIs`);
  for (const key of ['creator', 'generator']) {
    if (a[key] !== undefined && !asList(a[key]).every((x) => isIri(x) || (isObj(x) && (x.id === undefined || isIri(x.id)))))
      problems.push(`${where}: ${key} must be agents (IRIs or objects), not ${JSON.stringify(a[key])}`);
  }
}

/** The name of an annotation's first creator that gives one (an agent's name, else its nickname), trimmed to what an author may be. */
function creatorName(creator: Json | undefined): string | null {
  for (const agent of asList(creator)) {
    if (!isObj(agent)) continue;
    const name = [agent.name, agent.nickname].flatMap((n) => asList(n)).find((n): n is string => typeof n === 'string' && n.trim() !== '');
    if (name) return name.trim().slice(0, AUTHOR_MAX_LENGTH);
  }
  return null;
}

const hasContext = (o: Obj) => asList(o['@context']).includes(W3C_CONTEXT);

function readAnnotation(a: Json, where: string, inherited: boolean, problems: string[]): W3CRead | null {
  if (!isObj(a)) {
    problems.push(`${where}: an annotation must be a JSON object`);
    return null;
  }
  const before = problems.length;
  if (!inherited && !hasContext(a)) problems.push(`${where}: its @context must be or include ${W3C_CONTEXT}`);
  if (!isIri(a.id)) problems.push(`${where}: its id must be one IRI${a.id === undefined ? ' (it has none)' : `, not ${JSON.stringify(a.id)}`}`);
  if (!typesOf(a).includes('Annotation')) problems.push(`${where}: its type must be Annotation${a.type === undefined ? ' (it has none)' : `, not ${JSON.stringify(a.type)}`}`);
  if (a.target === undefined) problems.push(`${where}: it has no target`);
  if (a.textDirection !== undefined && !['ltr', 'rtl', 'auto'].includes(a.textDirection as string)) problems.push(`${where}: textDirection must be ltr, rtl or auto`);
  checkCommon(a, where, problems);
  checkBodies(a, where, problems);
  const targets = asList(a.target)
    .map((t) => readTarget(t, `${where}, target`, problems))
    .filter((t): t is W3CTarget => t !== null);
  if (problems.length > before) return null;
  const bodies = asList(a.body).filter(isObj);
  const text = (purpose: string) => bodies.filter((b) => typeof b.value === 'string' && asList(b.purpose).includes(purpose) && b.format !== DOSSIER_FACTS_FORMAT).map((b) => b.value as string);
  const comments = [
    ...(typeof a.bodyValue === 'string' ? [a.bodyValue] : []),
    ...bodies.filter((b) => typeof b.value === 'string' && (b.purpose === undefined || asList(b.purpose).includes('commenting')) && b.format !== DOSSIER_FACTS_FORMAT).map((b) => b.value as string),
  ];
  let facts: DossierFacts | null = null;
  const factsBody = bodies.find((b) => b.format === DOSSIER_FACTS_FORMAT && typeof b.value === 'string');
  if (factsBody) {
    try {
      facts = JSON.parse(factsBody.value as string) as DossierFacts;
    } catch {
      facts = null;
    }
  }
  return {
    id: a.id as string,
    motivations: asList(a.motivation).filter((m): m is string => typeof m === 'string'),
    comments,
    tags: text('tagging'),
    identifying: text('identifying'),
    classifying: text('classifying'),
    facts,
    created: typeof a.created === 'string' ? a.created : null,
    modified: typeof a.modified === 'string' ? a.modified : null,
    creator: creatorName(a.creator),
    targets,
  };
}

/**
 * Reads a W3C Web Annotation file: one annotation, a list of them, an AnnotationPage or an
 * AnnotationCollection with its pages embedded. Throws W3CError naming every problem.
 */
export function readW3C(text: string): W3CRead[] {
  let data: Json;
  try {
    data = JSON.parse(text) as Json;
  } catch (e) {
    throw new W3CError(`It is not JSON: ${(e as Error).message}.`);
  }
  const problems: string[] = [];
  const out: W3CRead[] = [];
  const readItems = (items: Json | undefined, where: string, inherited: boolean) => {
    if (!Array.isArray(items)) return problems.push(`${where}: a page needs a list of items`);
    items.forEach((item, i) => {
      const read = readAnnotation(item, `${where}, item ${i + 1}`, inherited, problems);
      if (read) out.push(read);
    });
  };
  if (Array.isArray(data)) {
    data.forEach((a, i) => {
      const read = readAnnotation(a, `annotation ${i + 1}`, false, problems);
      if (read) out.push(read);
    });
  } else if (isObj(data) && typesOf(data).includes('AnnotationCollection')) {
    if (!hasContext(data)) problems.push(`the collection: its @context must be or include ${W3C_CONTEXT}`);
    if (!isIri(data.id)) problems.push('the collection: its id must be one IRI');
    if (data.total !== undefined && !(typeof data.total === 'number' && Number.isInteger(data.total) && data.total >= 0)) problems.push('the collection: total must be a whole number');
    checkCommon(data, 'the collection', problems);
    // Pages given by address only are elsewhere: only embedded pages can be read.
    let page: Json | undefined = data.first;
    for (let n = 1; isObj(page); n++) {
      readItems(page.items, `the collection's page ${n}`, true);
      page = page.next;
    }
  } else if (isObj(data) && typesOf(data).includes('AnnotationPage')) {
    if (!hasContext(data)) problems.push(`the page: its @context must be or include ${W3C_CONTEXT}`);
    readItems(data.items, 'the page', true);
  } else {
    const read = readAnnotation(data, 'the annotation', false, problems);
    if (read) out.push(read);
  }
  if (problems.length > 0) throw new W3CError(`It is not a valid Web Annotation file: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}.`);
  return out;
}
