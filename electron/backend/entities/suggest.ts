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
 * Reading a text's names is the slow part; the name reader (name-reader.ts) does it once per text,
 * in a worker, in the background after an import, and keeps what it found. Building the cards from
 * that takes well under a second on thousands of sources (docs/PERFORMANCE.md).
 */
import type { EntityType } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';
import type { Notebook } from '../store/notebook';
import type { NameReader, NamesProgress } from './name-reader';
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

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('.', at) + 1, text.lastIndexOf('\n', at) + 1, at - 200);
  let end = text.slice(at).search(/[.\n]/);
  end = end < 0 ? text.length : Math.min(at + end + 1, at + 300);
  return text.slice(start, end).trim();
}

/**
 * How many unread texts a request waits for (a few seconds of reading at most, the sample's five
 * among them); with more, the cards come from what is read so far and the reading goes on in the
 * background.
 */
export const WAIT_FOR_TEXTS = 40;

/** The cards, and how far the reading of the sources' names is while it runs. */
export interface Suggestions {
  cards: EntitySuggestion[];
  reading: NamesProgress | null;
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

/**
 * Suggestions for one source, or for every source when `sourceId` is null: one card per name, most
 * widely named first. One source, or up to {@link WAIT_FOR_TEXTS} unread texts, are read first;
 * with more, the cards are built from what was read and `reading` says how far the rest is.
 */
export async function suggestEntities(nb: Notebook, sourceId: string | null, names: NameReader, options: { waitFor?: number } = {}): Promise<Suggestions> {
  const doc = nb.entities;
  const live = liveEntities(doc);
  const known = new Map<string, { id: string; name: string }>();
  for (const e of live) for (const n of [e.name, ...e.aliases]) known.set(normalizeName(n), { id: e.id, name: e.name });
  const dismissed = new Set(doc.dismissedSuggestions);
  // Newest first, so a card's first source and sentence is the latest that names it.
  const all = nb.listSources();
  const sources = sourceId ? all.filter((s) => s.id === sourceId) : all;
  const unread = await names.unread(sources);
  // One source's text is read at once, ahead of the background reading.
  if (sourceId !== null || unread.length <= (options.waitFor ?? WAIT_FOR_TEXTS)) await names.read(unread);
  else await names.readEverything();
  const byHash = await names.known();

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
  // The people messages were exchanged with, named as the headers name them, their addresses as aliases.
  for (const summary of sources) {
    if (!summary.mail) continue;
    let text: string | null = null;
    for (const a of [...summary.mail.from, ...summary.mail.to, ...summary.mail.cc]) {
      const name = a.name && normalizeName(a.name) !== '' ? a.name : a.address;
      const owner = known.get(normalizeName(name));
      if (known.has(normalizeName(a.address)) && (owner || name === a.address)) continue;
      const aliases = name === a.address ? [] : [a.address];
      const key = owner ? `alias:${owner.id}:${normalizeName(a.address)}` : `name:${normalizeName(name)}`;
      if (dismissed.has(key)) continue;
      let card = cards.get(key);
      if (!card) {
        card = {
          key,
          type: 'person',
          name: owner ? a.address : name,
          aliases: owner ? [] : aliases,
          parentName: null,
          aliasOf: owner ?? null,
          first: null,
          sources: new Map(),
          mentions: 0,
          types: new Map(),
        };
        cards.set(key, card);
      }
      for (const alias of aliases) if (!owner && !card.aliases.includes(alias) && alias !== card.name) card.aliases.push(alias);
      card.mentions++;
      card.types.set('person', (card.types.get('person') ?? 0) + 1);
      if (!card.sources.has(summary.id)) card.sources.set(summary.id, summary.title);
      if (!card.first) {
        text ??= (await nb.getSource(summary.id)).text;
        const at = text.indexOf(a.address);
        card.first = {
          sourceId: summary.id,
          title: summary.title,
          evidence: at >= 0 ? text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at) < 0 ? undefined : text.indexOf('\n', at)).slice(0, 300) : `${name} <${a.address}>`,
        };
      }
    }
  }
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
        card = {
          key,
          type,
          name: owner ? newAliases[0] : name,
          aliases: owner ? newAliases.slice(1) : newAliases,
          parentName: c.parentName ?? null,
          aliasOf: owner ?? null,
          first: null,
          sources: new Map(),
          mentions: 0,
          types: new Map(),
        };
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
  out.sort((a, b) => b.sourceCount - a.sourceCount || b.mentions - a.mentions || a.name.localeCompare(b.name));
  return { cards: out, reading: names.reading };
}
