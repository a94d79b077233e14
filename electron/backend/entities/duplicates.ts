/**
 * Likely duplicate entities: the same name written with or without spaces, an acronym of the
 * other's name, or nearly the same name. Pairs the user marked "not the same" are never suggested,
 * nor names that differ in a number ("P-Hunt 20.2" and "P-Hunt 20.3" are different rounds).
 */
import { distance } from 'fastest-levenshtein';
import { numbersIn } from '../../../shared/domain/anchoring';
import type { Entity } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';
import type { EntitiesDoc } from '../store/layout';
import { liveEntities } from './service';

/** Two entities that may be one, and why. */
export interface DuplicateSuggestion {
  aId: string;
  bId: string;
  reason: string;
}

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'from', 'against', 'on', 'in', 'a', 'an']);

function initials(key: string): string {
  return key
    .split(' ')
    .filter((w) => w && !SMALL_WORDS.has(w))
    .map((w) => w[0])
    .join('');
}

function why(a: Entity, b: Entity): string | null {
  for (const x of [a.name, ...a.aliases]) {
    for (const y of [b.name, ...b.aliases]) {
      const kx = normalizeName(x);
      const ky = normalizeName(y);
      if (numbersIn(kx).join() !== numbersIn(ky).join()) continue;
      if (kx.replaceAll(' ', '') === ky.replaceAll(' ', '')) return `“${x}” and “${y}” are the same name spelled apart`;
      const [short, long] = kx.length <= ky.length ? [kx, ky] : [ky, kx];
      if (/^[\p{L}]{2,8}$/u.test(short) && long.includes(' ') && initials(long) === short) return `“${short.toUpperCase()}” looks like the initials of “${kx === long ? x : y}”`;
      if (short.length >= 6 && distance(kx, ky) <= Math.max(1, Math.floor(long.length / 10))) return `“${x}” and “${y}” are nearly the same`;
    }
  }
  return null;
}

/** Every likely duplicate pair among the live entities, most obvious first. */
export function findDuplicates(doc: Readonly<EntitiesDoc>): DuplicateSuggestion[] {
  const distinct = new Set(doc.distinctPairs.map(([a, b]) => `${a} ${b}`));
  const live = liveEntities(doc);
  const out: DuplicateSuggestion[] = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [live[i], live[j]];
      const key = a.id < b.id ? `${a.id} ${b.id}` : `${b.id} ${a.id}`;
      if (distinct.has(key) || a.parentId === b.id || b.parentId === a.id) continue;
      const reason = why(a, b);
      if (reason) out.push({ aId: a.id, bId: b.id, reason });
    }
  }
  return out;
}
