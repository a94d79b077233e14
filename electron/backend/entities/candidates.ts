/**
 * The names one text gives: acronyms with their expansion ("Counter Child Sexual Exploitation
 * (CCSE)"), sections of law ("Section 67 B of the Information Technology Act"), operations and
 * their numbered rounds ("P-Hunt_20.3"), and people, organisations and places found by compromise
 * (rules and a lexicon shipped in the package: nothing is downloaded), each cleaned as a reporter
 * writes a name down. Pure: run by the names worker (names-worker.ts) and, where no worker can
 * start, on the calling thread.
 */
import type Compromise from 'compromise';
import type { EntityType } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';

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
  'hence',
  'thus',
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'and',
  'but',
  'so',
  'then',
  'this',
  'that',
  'under',
  'after',
  'also',
  'of',
  'from',
  'both',
  'get',
  'got',
  'when',
  'if',
  'as',
  'while',
  'meanwhile',
  'however',
  'although',
  'says',
  'said',
  'told',
  'asked',
  'ask',
  'let',
  'tell',
  'dear',
  'thanks',
  'today',
  'yesterday',
  'tomorrow',
  'even',
  'only',
  'like',
  'unlike',
  'before',
  'since',
  'until',
  'during',
  'former',
  'ex',
]);
/** Titles and honorifics, before a name: "Mr Blair", "Home Secretary Charles Clarke", "Dr. Feel". */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'baroness',
  'baron',
  'rev',
  'reverend',
  'fr',
  'father',
  'sister',
  'brother',
  'president',
  'vice',
  'prime',
  'minister',
  'pm',
  'chancellor',
  'secretary',
  'home',
  'foreign',
  'shadow',
  'deputy',
  'senator',
  'sen',
  'rep',
  'representative',
  'congressman',
  'congresswoman',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'general',
  'gen',
  'colonel',
  'col',
  'captain',
  'capt',
  'lieutenant',
  'lt',
  'major',
  'maj',
  'sergeant',
  'sgt',
  'inspector',
  'superintendent',
  'constable',
  'officer',
  'chief',
  'commissioner',
  'detective',
  'agent',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'sheikh',
  'shri',
  'sri',
  'smt',
  'kumari',
  'ambassador',
  'mp',
  'mep',
  'ceo',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'leader',
  'spokesman',
  'spokeswoman',
  'spokesperson',
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
    out.push(act ? { type: 'law', name: `${expansion} Act`, aliases: acronymAliases(acronym, ' Act'), at: m.index } : { type: 'organisation', name: acronym, aliases: [expansion], at: m.index });
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
