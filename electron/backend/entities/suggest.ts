/**
 * Suggested entities found in the sources' texts: acronyms with their expansion ("Counter Child
 * Sexual Exploitation (CCSE)"), sections of law ("Section 67 B of the Information Technology
 * Act"), operations and their numbered rounds ("P-Hunt_20.3"), and people, organisations and places
 * found by compromise (rules and a lexicon shipped in the package: nothing is downloaded).
 *
 * One card per name across the notebook, with every source that names it, ranked by how many
 * sources name it and how often. Names are read as a reporter writes them down: titles and
 * honorifics off ("Mr Blair", "Secretary Patricia Hewitt"), possessives off ("Blunkett's"), a
 * surname alone folded into the one full name the notebook gives it ("Blair" → Tony Blair), and
 * a name the notebook already knows (as a name or an alias) never suggested again. Suggestions the
 * reporter dismissed stay dismissed.
 *
 * Reading a text with compromise is the slow part (about 16,000 words a second here): what each
 * text gives is kept by the text's hash, in memory and in cache/entity-candidates.json, so the
 * cards are built again in milliseconds after an accept, and in a second or two on a notebook of
 * thousands of sources that was read before (docs/PERFORMANCE.md).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Compromise from 'compromise';
import type { EntityType } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';
import { writeFileDurably } from '../store/durable-file';
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
  /** The first source that names it (newest first), and the sentence there. */
  sourceId: string;
  sourceTitle: string;
  evidence: string;
  /** Every source that names it, the one above first (at most 50 listed). */
  sources: { id: string; title: string }[];
  /** How many sources name it, and how many times in all. */
  sourceCount: number;
  mentions: number;
}

/** A name one text gives. */
export interface Candidate {
  type: EntityType;
  name: string;
  aliases: string[];
  parentName?: string;
  /** A numbered round ("P-Hunt 20.3"): kept only when its operation is known somewhere in the notebook. */
  round?: boolean;
  /** Where it is first named in the text, and how many times (absent: once). */
  at: number;
  count?: number;
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
/** Words that start sentences, not names: "Hence the Child Sexual…" is "Child Sexual…", "Both Mr Brown" is Brown. */
const LEADING_NOISE = new Set([
  'hence', 'thus', 'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'with', 'and', 'but', 'so', 'then', 'this', 'that', 'under', 'after', 'also', 'of', 'from',
  'both', 'get', 'got', 'when', 'if', 'as', 'while', 'meanwhile', 'however', 'although', 'says', 'said', 'told', 'asked', 'ask', 'let', 'tell', 'dear', 'thanks', 'today', 'yesterday', 'tomorrow', 'even', 'only', 'like', 'unlike', 'before', 'since', 'until', 'during', 'former', 'ex',
]);
/** Titles and honorifics, before a name: "Mr Blair", "Home Secretary Charles Clarke", "Dr. Feel". */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'baroness', 'baron', 'rev', 'reverend', 'fr', 'father', 'sister', 'brother',
  'president', 'vice', 'prime', 'minister', 'pm', 'chancellor', 'secretary', 'home', 'foreign', 'shadow', 'deputy', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman', 'governor', 'gov', 'mayor',
  'judge', 'justice', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'lieutenant', 'lt', 'major', 'maj', 'sergeant', 'sgt', 'inspector', 'superintendent', 'constable', 'officer', 'chief', 'commissioner', 'detective', 'agent',
  'king', 'queen', 'prince', 'princess', 'pope', 'sheikh', 'shri', 'sri', 'smt', 'kumari', 'ambassador', 'mp', 'mep', 'ceo', 'chairman', 'chairwoman', 'chair', 'director', 'leader', 'spokesman', 'spokeswoman', 'spokesperson',
]);
const CALENDAR = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
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

/**
 * A name as a reporter writes it down: punctuation, a possessive and what follows it ("Samantha's
 * point"), titles and honorifics ("Mr", "Secretary"), sentence words before it ("Both", "Get") and
 * post-nominals ("IPS") off. Empty when nothing of a name is left.
 */
export function cleanName(raw: string): string {
  let name = raw
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/['’]s\b.*$|(?<=s)['’](?:\s.*)?$/u, '')
    .replace(/\s+(IPS|IAS|Jr|Sr|MP|QC|KC|OBE|MBE|CBE|PhD)\.?$/u, '')
    .trim();
  const words = name.split(/\s+/);
  while (words.length > 1 && (LEADING_NOISE.has(words[0].toLowerCase()) || TITLES.has(words[0].toLowerCase().replace(/\.$/, '')))) words.shift();
  name = words.join(' ');
  return name.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function isProperName(name: string): boolean {
  return name.length >= 3 && /^\p{Lu}/u.test(name) && !/^(Operation|Section)\b/u.test(name);
}

/** Names that are not names of anything: a day or month first ("Tuesday care"), a lowercase word last ("Obama administration"), a title alone. */
function isNoise(name: string): boolean {
  const words = name.split(/\s+/);
  if (CALENDAR.test(words[0])) return true;
  if (words.length > 1 && /^\p{Ll}/u.test(words.at(-1)!)) return true;
  return words.length === 1 && TITLES.has(words[0].toLowerCase().replace(/\.$/, ''));
}

/** The candidates of one text, in text order; `nlp` is compromise (loaded when suggestions are first asked for). */
export function candidatesIn(text: string, nlp: typeof Compromise): Candidate[] {
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
  const stems = new Set<string>();
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
  // Every numbered name is kept, marked: whether it is a round is known only once every text is read.
  const rounds: Candidate[] = [];
  for (const m of text.matchAll(ROUND)) rounds.push({ type: 'operation', name: m[0], aliases: [], parentName: m[1], round: true, at: m.index });
  const patterned = [...out, ...rounds.filter((r) => stems.has(normalizeName(r.parentName!)))].map((c) => normalizeName([c.name, ...c.aliases].join(' ')));
  out.push(...rounds);
  const doc = nlp(text);
  const found: [EntityType, string[]][] = [
    ['person', doc.people().out('array') as string[]],
    ['organisation', doc.organizations().out('array') as string[]],
    ['place', doc.places().out('array') as string[]],
  ];
  for (const [type, names] of found) {
    for (const raw of names) {
      const name = cleanName(raw);
      const key = normalizeName(name);
      if (!isProperName(name) || !NAME_CHARS.test(name) || /^\p{Lu}{1,3}$/u.test(name) || isNoise(name)) continue;
      // Part of a name a pattern found above ("Child Sexual Exploitation" of the CCSE's expansion).
      if (patterned.some((p) => p.includes(key))) continue;
      const at = text.indexOf(name);
      out.push({ type, name, aliases: [], at: Math.max(0, at) });
    }
  }
  // The same name found again in the text is counted, not repeated (the cache keeps one entry).
  const once = new Map<string, Candidate>();
  for (const c of out) {
    const key = JSON.stringify([c.type, c.name, c.aliases, c.parentName ?? null, c.round === true]);
    const first = once.get(key);
    if (first) first.count = (first.count ?? 1) + 1;
    else once.set(key, { ...c });
  }
  return [...once.values()];
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('.', at) + 1, text.lastIndexOf('\n', at) + 1, at - 200);
  let end = text.slice(at).search(/[.\n]/);
  end = end < 0 ? text.length : Math.min(at + end + 1, at + 300);
  return text.slice(start, end).trim();
}

const CACHE_FORMAT = 'dossier-entity-candidates-2';
/** What each text gave, by its hash: in memory per notebook folder, and on disk beside the open cache. */
const memory = new Map<string, Map<string, Candidate[]>>();

/** Tests: forgets what was read, so the next request reads the cache file (or the texts) again. */
export function forgetCandidatesForTests(): void {
  memory.clear();
}

async function readCache(file: string): Promise<Map<string, Candidate[]>> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; byHash?: unknown };
    if (saved.format !== CACHE_FORMAT || !saved.byHash || typeof saved.byHash !== 'object') return new Map();
    return new Map(Object.entries(saved.byHash as Record<string, Candidate[]>).filter(([, list]) => Array.isArray(list)));
  } catch {
    // Missing or damaged: a cache, rebuilt from the texts.
    return new Map();
  }
}

/**
 * What every text of these sources gives, read once per text: from memory, else from the cache
 * file, else by reading the text (and then kept in both).
 */
async function candidatesOf(nb: Notebook, sources: readonly { id: string; contentHash: string }[]): Promise<Map<string, Candidate[]>> {
  const file = join(nb.paths.dir, 'cache', 'entity-candidates.json');
  let byHash = memory.get(nb.paths.dir);
  if (!byHash) {
    byHash = await readCache(file);
    memory.set(nb.paths.dir, byHash);
  }
  const missing = sources.filter((s) => !byHash.has(s.contentHash));
  if (missing.length > 0) {
    // compromise takes most of a second to load: hosts start without it.
    const nlp = (await import('compromise')).default;
    for (const s of missing) byHash.set(s.contentHash, candidatesIn((await nb.getSource(s.id)).text, nlp));
    if (!nb.readOnly) {
      const live = new Set(nb.unorderedSources().map((s) => s.contentHash));
      for (const hash of byHash.keys()) if (!live.has(hash)) byHash.delete(hash);
      await mkdir(dirname(file), { recursive: true })
        .then(() => writeFileDurably(file, JSON.stringify({ format: CACHE_FORMAT, byHash: Object.fromEntries(byHash) })))
        .catch(() => undefined);
    }
  }
  return byHash;
}

interface Card {
  key: string;
  type: EntityType;
  name: string;
  aliases: string[];
  parentName: string | null;
  aliasOf: { id: string; name: string } | null;
  first: { sourceId: string; title: string; evidence: string } | null;
  sources: Map<string, string>;
  mentions: number;
  /** How many times each type was found for this name (the most frequent is shown). */
  types: Map<EntityType, number>;
}

/** Suggestions for one source, or for every source when `sourceId` is null: one card per name, most widely named first. */
export async function suggestEntities(nb: Notebook, sourceId: string | null): Promise<EntitySuggestion[]> {
  const doc = nb.entities;
  const live = liveEntities(doc);
  const known = new Map<string, { id: string; name: string }>();
  for (const e of live) for (const n of [e.name, ...e.aliases]) known.set(normalizeName(n), { id: e.id, name: e.name });
  const dismissed = new Set(doc.dismissedSuggestions);
  // Newest first, so a card's first source and sentence is the latest that names it.
  const all = nb.listSources();
  const sources = sourceId ? all.filter((s) => s.id === sourceId) : all;
  const byHash = await candidatesOf(nb, sources);

  // Operations named anywhere (and known ones): a numbered name is a round only of one of them.
  const stems = new Set(live.filter((e) => e.type === 'operation' && e.parentId === null).flatMap((e) => [e.name, ...e.aliases].map((n) => normalizeName(n).replace(/^operation /, ''))));
  for (const s of all) for (const c of byHash.get(s.contentHash) ?? []) if (c.type === 'operation' && !c.round) stems.add(normalizeName(c.parentName ?? c.aliases[0] ?? c.name));

  // Full names of people, by surname: the notebook's own and those the texts give.
  const fullBySurname = new Map<string, Set<string>>();
  const noteFull = (name: string) => {
    const words = normalizeName(name).split(' ');
    if (words.length < 2) return;
    const set = fullBySurname.get(words.at(-1)!) ?? new Set<string>();
    set.add(name);
    fullBySurname.set(words.at(-1)!, set);
  };
  for (const e of live) if (e.type === 'person') for (const n of [e.name, ...e.aliases]) noteFull(n);
  for (const s of all) for (const c of byHash.get(s.contentHash) ?? []) if (c.type === 'person') noteFull(c.name);

  const cards = new Map<string, Card>();
  for (const summary of sources) {
    let text: string | null = null;
    const found = byHash.get(summary.contentHash) ?? [];
    // A first name alone is the one person of the same text with that first name ("Marco" → Marco Arment).
    const fullByFirst = new Map<string, string[]>();
    for (const c of found) {
      const words = normalizeName(c.name).split(' ');
      if (c.type === 'person' && words.length >= 2) fullByFirst.set(words[0], [...(fullByFirst.get(words[0]) ?? []), c.name]);
    }
    for (const c of found) {
      if (c.round && !stems.has(normalizeName(c.parentName ?? ''))) continue;
      let name = c.name;
      const type = c.type;
      const first = type === 'person' && !normalizeName(name).includes(' ') ? fullByFirst.get(normalizeName(name)) : undefined;
      if (first?.length === 1) name = first[0];
      // A surname alone is the one full name the notebook gives it ("Blair" → Tony Blair); with
      // two people of that surname, it cannot be told which, and is no card of its own.
      if (type === 'person' && !normalizeName(name).includes(' ')) {
        const full = fullBySurname.get(normalizeName(name));
        if (full && full.size > 1) continue;
        if (full) name = [...full][0];
      }
      const nameKey = normalizeName(name);
      const owner = known.get(nameKey);
      // A known name with an unknown expansion: suggest the expansion as an alias.
      const newAliases = c.aliases.filter((a) => !known.has(normalizeName(a)));
      if (owner && newAliases.length === 0) continue;
      if (!owner && c.aliases.length > 0 && newAliases.length < c.aliases.length && known.has(normalizeName(c.aliases[0]))) continue;
      // A name compromise typed differently in another text is the same card ("Samantha" a person
      // here, a place there); a dismissal made before cards were per name (type:name) still holds.
      const key = owner ? `alias:${owner.id}:${normalizeName(newAliases[0])}` : `${type === 'person' || type === 'organisation' || type === 'place' ? 'name' : type}:${nameKey}`;
      const legacyKey = owner ? key : `${type}:${nameKey}`;
      if (dismissed.has(key) || dismissed.has(legacyKey)) continue;
      let card = cards.get(key);
      if (!card) {
        card = { key, type, name: owner ? newAliases[0] : name, aliases: owner ? newAliases.slice(1) : newAliases, parentName: c.parentName ?? null, aliasOf: owner ?? null, first: null, sources: new Map(), mentions: 0, types: new Map() };
        cards.set(key, card);
      }
      card.mentions += c.count ?? 1;
      card.types.set(type, (card.types.get(type) ?? 0) + 1);
      if (!card.sources.has(summary.id)) card.sources.set(summary.id, summary.title);
      if (!card.first) {
        text ??= (await nb.getSource(summary.id)).text;
        card.first = { sourceId: summary.id, title: summary.title, evidence: sentenceAround(text, c.at) };
      }
    }
  }
  const out: EntitySuggestion[] = [];
  for (const card of cards.values()) {
    if (!card.first) continue;
    const type = card.aliasOf ? card.type : [...card.types].sort((a, b) => b[1] - a[1])[0][0];
    out.push({
      key: card.key,
      type,
      name: card.name,
      aliases: card.aliases,
      parentName: card.parentName,
      aliasOf: card.aliasOf,
      sourceId: card.first.sourceId,
      sourceTitle: card.first.title,
      evidence: card.first.evidence,
      sources: [...card.sources].slice(0, 50).map(([id, title]) => ({ id, title })),
      sourceCount: card.sources.size,
      mentions: card.mentions,
    });
  }
  return out.sort((a, b) => b.sourceCount - a.sourceCount || b.mentions - a.mentions || a.name.localeCompare(b.name));
}
