/** `dossier entities` and `dossier mentions`: who and what the notebook is about, and where. */
import { formatPartialDate } from '../../../shared/domain/dates';
import { ENTITY_TYPE_LABEL } from '../../../shared/domain/entity';
import { normalizeName } from '../../../shared/domain/names';
import { fuzziness, swapDistance } from '../../../shared/search/typos';
import { DossierError } from '../../../shared/api/result';
import { UsageError, type CommandContext } from '../context';
import { dateOrUndated, table } from '../format';
import type { Command } from './types';

export const entities: Command = {
  readsOnly: true,
  usage: 'entities --notebook DIR [--json]',
  summary: 'list the entities of a notebook: type, name, aliases and linked passages',
  options: {},
  async run(ctx: CommandContext) {
    if (ctx.positionals.length > 0) throw new UsageError('entities takes no arguments besides --notebook');
    const list = await ctx.call('entities:list', {});
    if (ctx.json) return ctx.out(JSON.stringify(list, null, 2));
    if (list.length === 0) return ctx.out('This notebook has no entities yet.');
    const nameOf = new Map(list.map((e) => [e.id, e.name]));
    ctx.out(
      table(
        ['ID', 'TYPE', 'NAME', 'PASSAGES', 'DATES', 'ALIASES'],
        list.map((e) => [
          e.id,
          ENTITY_TYPE_LABEL[e.type] + (e.parentId ? ` (round of ${nameOf.get(e.parentId) ?? '?'})` : ''),
          e.name,
          e.linkCount,
          [e.start, e.end]
            .filter((d): d is string => d !== null)
            .map(formatPartialDate)
            .join('–') || '—',
          e.aliases.join('; ') || '—',
        ]),
      ),
    );
  },
};

/** The entity a command line names by its id, name or an alias (any spelling of them); NOT_FOUND otherwise. */
export async function findEntity(ctx: CommandContext, wanted: string) {
  const list = await ctx.call('entities:list', {});
  const key = normalizeName(wanted);
  const entity = list.find((e) => e.id === wanted) ?? list.find((e) => [e.name, ...e.aliases].some((n) => normalizeName(n) === key));
  if (!entity) {
    const near = nearestEntities(list, wanted);
    const meant = near.length === 0 ? '' : ` Did you mean ${near.map((e) => `“${e.name}” (${ENTITY_TYPE_LABEL[e.type].toLowerCase()})`).join(' or ')}?`;
    throw new DossierError('NOT_FOUND', `No entity is called “${wanted}”.${meant} Run "dossier entities" for the list.`);
  }
  return entity;
}

/**
 * The entities a name that matched none may have meant (at most three): those with a spelling
 * that holds every word typed, as typed ("Manoj" → Manoj Abraham) or within the typos search
 * allows ("abrahm"), closest first.
 */
export function nearestEntities<E extends { id: string; name: string; aliases: string[] }>(list: readonly E[], wanted: string): E[] {
  const words = normalizeName(wanted).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const scored: { e: E; edits: number }[] = [];
  for (const e of list) {
    let best = Infinity;
    for (const spelling of [e.name, ...e.aliases]) {
      const tokens = normalizeName(spelling).split(' ');
      let edits = 0;
      for (const w of words) {
        const nearest = Math.min(...tokens.map((t) => (t === w ? 0 : swapDistance(w, t))));
        if (nearest > fuzziness(w)) {
          edits = Infinity;
          break;
        }
        edits += nearest;
      }
      best = Math.min(best, edits);
    }
    if (best < Infinity) scored.push({ e, edits: best });
  }
  return scored
    .sort((a, b) => a.edits - b.edits)
    .slice(0, 3)
    .map((x) => x.e);
}

export const mentions: Command = {
  readsOnly: true,
  usage: 'mentions ENTITY --notebook DIR [--json]',
  summary: 'list where an entity (id, name or alias) is named in the sources but not yet linked',
  options: {},
  async run(ctx: CommandContext) {
    const [wanted, ...extra] = ctx.positionals;
    if (!wanted || extra.length > 0) throw new UsageError('mentions takes exactly one entity (its id, name or an alias)');
    const entity = await findEntity(ctx, wanted);
    const found = await ctx.call('entities:mentions', { id: entity.id });
    if (ctx.json) return ctx.out(JSON.stringify({ entity: { id: entity.id, name: entity.name }, mentions: found }, null, 2));
    if (found.length === 0) return ctx.out(`Every mention of ${entity.name} is already linked.`);
    ctx.out(`${found.length} unlinked mention${found.length === 1 ? '' : 's'} of ${entity.name}:`);
    for (const m of found) {
      ctx.out(`\n${m.sourceTitle} (${dateOrUndated(m.published)}) [${m.sourceId} ${m.start}–${m.end}]`);
      ctx.out(`  …${m.before.replace(/\s+/g, ' ')}[${m.match}]${m.after.replace(/\s+/g, ' ')}…`);
    }
  },
};
