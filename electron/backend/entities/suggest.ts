/**
 * Suggested entities found in a source's text: acronyms with their expansion ("Counter Child
 * Sexual Exploitation (CCSE)"), sections of law ("Section 67 B of the Information Technology
 * Act"), operations and their numbered rounds ("P-Hunt_20.3"), and people, organisations and places
 * found by compromise (rules and a lexicon shipped in the package: nothing is downloaded). Names
 * the notebook already knows and suggestions the user dismissed are left out.
 */
import type Compromise from 'compromise';
import type { EntityType } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';
import type { Notebook } from '../store/notebook';
import { liveEntities } from './service';

/** One suggestion: a new entity, or a new alias of an entity the notebook has. */
export interface EntitySuggestion {
  key: string;
  type: EntityType;
  name: string;
  aliases: string[];
  /** For a round: the operation it seems to belong to, by name. */
  parentName: string | null;
  /** When the suggestion is another name of a known entity. */
  aliasOf: { id: string; name: string } | null;
  sourceId: string;
  sourceTitle: string;
  /** The sentence it was found in. */
  evidence: string;
}

interface Candidate {
  type: EntityType;
  name: string;
  aliases: string[];
  parentName?: string;
  at: number;
}

const CONNECTORS = '(?:of|the|and|for|from|against|on|in)';
const CAP_WORD = "[A-Z][\\p{L}'’-]*";
const EXPANSION = `${CAP_WORD}(?:\\s+(?:${CONNECTORS}\\s+)*${CAP_WORD}){1,7}`;
const ACRONYM_AFTER = new RegExp(`(${EXPANSION})\\s*\\(([A-Z][A-Z0-9]{1,7})\\)(\\s+Act)?`, 'gu');
const ACRONYM_BEFORE = new RegExp(`\\b([A-Z][A-Z0-9]{1,7})\\s*\\((${EXPANSION})\\)`, 'gu');
const SECTION = /\bSection\s+(\d+\s?[A-Z]?)\s+of\s+the\s+((?:[A-Z][\p{L}]*\s+){1,6}Act)(?:\s+of\s+(\d{4}))?/gu;
const OPERATION = /\bOperation\s+[‘“"']?([A-Z][\p{L}]*(?:[\s_-][A-Z][\p{L}]*)?)/gu;
const ROUND = /\b([A-Z][\p{L}]*(?:[\s_-][A-Z][\p{L}]*)?)[\s_-](\d{1,2}\.\d{1,2})\b/gu;
const CODE_NAMED = /code[- ]named\s+(?:the\s+operation\s+|it\s+)?[‘“"']([^’”"'\n]{2,40})[’”"']/gu;
const NUMBERED = /^(.*?)[\s_-](\d{1,2}\.\d{1,2})$/u;
/** Words that start sentences, not names: "Hence the Child Sexual…" is "Child Sexual…". */
const LEADING_NOISE = new Set(['hence', 'thus', 'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'with', 'and', 'but', 'so', 'then', 'this', 'that', 'under', 'after', 'also', 'of', 'from']);
/** What a name from the NLP library may contain. */
const NAME_CHARS = /^[\p{L}\p{M}][\p{L}\p{M}\s.'’,-]*$/u;

function trimLeadingNoise(expansion: string): string {
  const words = expansion.split(/\s+/);
  while (words.length > 1 && LEADING_NOISE.has(words[0].toLowerCase())) words.shift();
  return words.join(' ');
}

/** An acronym alone is a useful alias from three letters on; "IT" alone would match "IT professionals". */
function acronymAliases(acronym: string, suffix = ''): string[] {
  return [...(suffix ? [`${acronym}${suffix}`] : []), ...(acronym.length >= 3 ? [acronym] : [])];
}

/** Trims punctuation and titles off a name found by the NLP library. */
function cleanName(raw: string): string {
  return raw
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+(IPS|IAS|Jr|Sr)$/u, '')
    .trim();
}

function isProperName(name: string): boolean {
  return name.length >= 3 && /^\p{Lu}/u.test(name) && !/^(Operation|Section)\b/u.test(name);
}

/** The candidates of one text, in text order; `nlp` is compromise (loaded when suggestions are first asked for). */
export function candidatesIn(text: string, operationStems: ReadonlySet<string>, nlp: typeof Compromise): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(ACRONYM_AFTER)) {
    const [, raw, acronym, act] = m;
    const expansion = trimLeadingNoise(raw);
    out.push(
      act
        ? { type: 'law', name: `${expansion} Act`, aliases: acronymAliases(acronym, ' Act'), at: m.index }
        : { type: 'organisation', name: acronym, aliases: [expansion], at: m.index },
    );
  }
  for (const m of text.matchAll(ACRONYM_BEFORE)) out.push({ type: 'organisation', name: m[1], aliases: [trimLeadingNoise(m[2])], at: m.index });
  for (const m of text.matchAll(SECTION)) out.push({ type: 'law', name: `Section ${m[1]} of the ${m[2]}`, aliases: [], at: m.index });
  const stems = new Set(operationStems);
  for (const m of text.matchAll(OPERATION)) {
    out.push({ type: 'operation', name: `Operation ${m[1]}`, aliases: [m[1]], at: m.index });
    stems.add(normalizeName(m[1]));
  }
  for (const m of text.matchAll(CODE_NAMED)) {
    const numbered = NUMBERED.exec(m[1].trim());
    if (numbered) {
      stems.add(normalizeName(numbered[1]));
      out.push({ type: 'operation', name: m[1].trim(), aliases: [], parentName: numbered[1], at: m.index });
    } else {
      out.push({ type: 'operation', name: m[1].trim(), aliases: [], at: m.index });
    }
  }
  for (const m of text.matchAll(ROUND)) {
    const stem = normalizeName(m[1]);
    if (stems.has(stem)) out.push({ type: 'operation', name: m[0], aliases: [], parentName: m[1], at: m.index });
  }
  const patterned = out.map((c) => normalizeName([c.name, ...c.aliases].join(' ')));
  const doc = nlp(text);
  const found: [EntityType, string[]][] = [
    ['person', doc.people().out('array') as string[]],
    ['organisation', doc.organizations().out('array') as string[]],
    ['place', doc.places().out('array') as string[]],
  ];
  const people = new Set(found[0][1].map((n) => normalizeName(cleanName(n))));
  for (const [type, names] of found) {
    for (const raw of names) {
      const name = cleanName(raw);
      const key = normalizeName(name);
      if (!isProperName(name) || !NAME_CHARS.test(name) || /^\p{Lu}{1,3}$/u.test(name)) continue;
      // Part of a longer name or of a pattern found above ("Abraham" of "Manoj Abraham").
      if (patterned.some((p) => p.includes(key))) continue;
      if (type === 'person' && !key.includes(' ') && [...people].some((p) => p.endsWith(` ${key}`))) continue;
      out.push({ type, name, aliases: [], at: Math.max(0, text.indexOf(name)) });
    }
  }
  return out;
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('.', at) + 1, text.lastIndexOf('\n', at) + 1, at - 200);
  let end = text.slice(at).search(/[.\n]/);
  end = end < 0 ? text.length : Math.min(at + end + 1, at + 300);
  return text.slice(start, end).trim();
}

/** Suggestions for one source, or for every source when `sourceId` is null. */
export async function suggestEntities(nb: Notebook, sourceId: string | null): Promise<EntitySuggestion[]> {
  const doc = nb.entities;
  const live = liveEntities(doc);
  const known = new Map<string, { id: string; name: string }>();
  for (const e of live) for (const n of [e.name, ...e.aliases]) known.set(normalizeName(n), { id: e.id, name: e.name });
  const operationStems = new Set(
    live.filter((e) => e.type === 'operation' && e.parentId === null).flatMap((e) => [e.name, ...e.aliases].map((n) => normalizeName(n).replace(/^operation /, ''))),
  );
  const knownSurnames = new Set(live.filter((e) => e.type === 'person').map((e) => normalizeName(e.name).split(' ').at(-1)!));
  const dismissed = new Set(doc.dismissedSuggestions);
  const seen = new Set<string>();
  const out: EntitySuggestion[] = [];
  const sources = sourceId ? nb.listSources().filter((s) => s.id === sourceId) : nb.listSources();
  const texts = new Map<string, string>();
  for (const summary of sources) texts.set(summary.id, (await nb.getSource(summary.id)).text);
  // compromise takes most of a second to load: hosts start without it.
  const nlp = (await import('compromise')).default;
  // First pass: operation names anywhere, so a round is recognised in any source.
  for (const text of texts.values()) for (const c of candidatesIn(text, operationStems, nlp)) if (c.type === 'operation' && !c.parentName) operationStems.add(normalizeName(c.aliases[0] ?? c.name));
  for (const summary of sources) {
    const text = texts.get(summary.id)!;
    for (const c of candidatesIn(text, operationStems, nlp)) {
      if (c.type === 'person' && knownSurnames.has(normalizeName(c.name))) continue;
      const owner = known.get(normalizeName(c.name));
      // A known name with an unknown expansion: suggest the expansion as an alias.
      const newAliases = c.aliases.filter((a) => !known.has(normalizeName(a)));
      if (owner && newAliases.length === 0) continue;
      const key = owner ? `alias:${owner.id}:${normalizeName(newAliases[0])}` : `${c.type}:${normalizeName(c.name)}`;
      if (seen.has(key) || dismissed.has(key) || (!owner && newAliases.length < c.aliases.length && c.aliases.length > 0 && known.has(normalizeName(c.aliases[0])))) continue;
      seen.add(key);
      out.push({
        key,
        type: c.type,
        name: owner ? newAliases[0] : c.name,
        aliases: owner ? newAliases.slice(1) : newAliases,
        parentName: c.parentName ?? null,
        aliasOf: owner ?? null,
        sourceId: summary.id,
        sourceTitle: summary.title,
        evidence: sentenceAround(text, c.at),
      });
    }
  }
  return out;
}
