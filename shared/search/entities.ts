/**
 * Entities in search: every spelling of every entity (name and aliases), matched word by word and,
 * for names spelt joined or split ("phunt", "cyber dome"), by fuse.js; `entity:` filter values
 * resolved to entities (an operation with its rounds).
 */
import Fuse from 'fuse.js';
import { isUnspaced, normalizeName, tokenize } from '../domain/names';
import { hasPhrase } from './snippets';
import { fuzziness, swapDistance } from './typos';
import type { EntityHit, Highlighted, SearchEntity } from './types';

/** An entity the query names, with how well and whether outright. */
export interface NamedEntity {
  hit: EntityHit;
  score: number;
  /** Every query word matched and at least half of that spelling's words covered: the query names it outright. */
  strong: boolean;
}

export class EntityNames {
  private list: SearchEntity[] = [];
  private byId = new Map<string, SearchEntity>();
  private fuse = new Fuse<{ id: string; key: string; display: string }>([], { keys: ['key'] });
  /** Each entity's spellings, normalised. */
  private keys = new Map<string, string[]>();
  private spellings: { id: string; display: string; key: string; tokens: string[] }[] = [];

  /** Replaces the entities (live ones only; merged tombstones are left out by the caller). */
  set(entities: readonly SearchEntity[]): void {
    this.list = [...entities];
    this.byId = new Map(entities.map((e) => [e.id, e]));
    const entries: { id: string; key: string; display: string }[] = [];
    this.keys = new Map();
    for (const e of entities) {
      const keys: string[] = [];
      for (const display of [e.name, ...e.aliases]) {
        const key = normalizeName(display);
        if (key === '' || keys.includes(key)) continue;
        keys.push(key);
        entries.push({ id: e.id, key, display });
      }
      this.keys.set(e.id, keys);
    }
    this.fuse = new Fuse(entries, { keys: ['key'], includeScore: true, threshold: 0.34, ignoreLocation: true });
    this.spellings = entries.map((e) => ({ ...e, tokens: e.key.split(' ') }));
  }

  get all(): readonly SearchEntity[] {
    return this.list;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The normalised spellings of an entity. */
  keysOf(id: string): readonly string[] {
    return this.keys.get(id) ?? [];
  }

  /**
   * Entity filter values to sets of entity ids, one per value (an operation brings its rounds);
   * a result must be about one entity of every set. Null when there is no such filter.
   */
  resolve(values: string[], problems: string[]): Set<string>[] | null {
    if (values.length === 0) return null;
    const scopes: Set<string>[] = [];
    for (const value of values) {
      const key = normalizeName(value);
      let found = this.list.filter((e) => this.keys.get(e.id)?.includes(key));
      if (found.length === 0) {
        const best = this.fuse.search(key, { limit: 1 })[0];
        if (best && (best.score ?? 1) <= 0.25) found = [this.byId.get(best.item.id)!];
      }
      if (found.length === 0) {
        problems.push(`No entity is called “${value}”, so that filter was left out.`);
        continue;
      }
      const ids = new Set<string>();
      for (const e of found) {
        ids.add(e.id);
        for (const child of this.list) if (child.parentId === e.id) ids.add(child.id);
      }
      scopes.push(ids);
    }
    return scopes.length > 0 ? scopes : null;
  }

  /**
   * Entities named by the query. Each query word must match a word of the name or of one alias
   * (exactly, as the start of it, or within its typos) and phrases must appear as such; fuse.js
   * adds names spelt joined or split ("phunt", "cyber dome"). `strong` marks an entity the query
   * names outright: every query word matched and at least half of that spelling's words covered
   * ("abrahm" names Manoj Abraham; "police" does not name Kerala Police Cyberdome).
   */
  search(query: string, phrases: string[][], excluded: string[][]): NamedEntity[] {
    const key = normalizeName(query);
    if (key === '') return [];
    const queryTokens = key.split(' ');
    const best = new Map<string, { score: number; display: string; strong: boolean }>();
    const consider = (id: string, score: number, display: string, strong: boolean) => {
      const known = best.get(id);
      if (!known || score > known.score) best.set(id, { score, display, strong: strong || (known?.strong ?? false) });
      else if (strong) known.strong = true;
    };
    for (const { id, display, key: k, tokens: nameTokens } of this.spellings) {
      if (!phrases.every((p) => hasPhrase(k, p))) continue;
      const quality = tokenMatch(queryTokens, nameTokens);
      if (quality === null) continue;
      const covered = nameTokens.filter((t) => queryTokens.some((q) => wordMatches(q, t) !== null)).length;
      consider(id, k === key ? 1 : quality * (0.5 + (0.5 * covered) / nameTokens.length), display, covered * 2 >= nameTokens.length);
    }
    if (phrases.length === 0) {
      for (const r of this.fuse.search(key, { limit: 10 })) {
        const score = r.score ?? 1;
        // Strong only when the spellings differ just by spacing ("phunt" for "P Hunt").
        if (score <= 0.2) consider(r.item.id, 0.5 * (1 - score), r.item.display, r.item.key.replaceAll(' ', '') === key.replaceAll(' ', ''));
      }
    }
    return [...best.entries()]
      .filter(([id]) => !excluded.some((x) => (this.keys.get(id) ?? []).some((k) => hasPhrase(k, x))))
      .sort((a, b) => b[1].score - a[1].score || this.byId.get(a[0])!.name.localeCompare(this.byId.get(b[0])!.name))
      .map(([id, m]) => {
        const e = this.byId.get(id)!;
        const isName = m.display === e.name;
        return {
          score: m.score,
          strong: m.strong,
          hit: { id, type: e.type, name: markTokens(e.name, queryTokens), alias: isName ? null : markTokens(m.display, queryTokens), score: m.score },
        };
      });
  }
}

/** How a query word matches a word: 1 exactly, 0.8 as its start, 0.6 within the word's typos, else null. */
function wordMatches(query: string, word: string): number | null {
  if (query === word) return 1;
  if ([...query].length >= 2 && word.startsWith(query)) return 0.8;
  // A word of a script written without spaces may sit inside a longer one as the segmenter cut it.
  if (isUnspaced(query) && word.includes(query)) return 0.8;
  const typos = fuzziness(query);
  return typos > 0 && Math.abs(query.length - word.length) <= typos && swapDistance(query, word) <= typos ? 0.6 : null;
}

/** Whether every query word matches a word of a name, and how well on average. */
function tokenMatch(queryTokens: string[], nameTokens: string[]): number | null {
  let total = 0;
  for (const q of queryTokens) {
    let bestScore = 0;
    for (const t of nameTokens) bestScore = Math.max(bestScore, wordMatches(q, t) ?? 0);
    if (bestScore === 0) return null;
    total += bestScore;
  }
  return total / queryTokens.length;
}

/** Marks the tokens of a name that match a query token (exactly, by prefix, or within its typos). */
function markTokens(text: string, queryTokens: string[]): Highlighted {
  const ranges: [number, number][] = [];
  for (const t of tokenize(text)) if (queryTokens.some((q) => wordMatches(q, t.text) !== null)) ranges.push([t.start, t.end]);
  return { text, ranges };
}
