/** `dossier factsheet`: the fact sheet of an entity (or of the whole notebook) written to a file. */
import { extname, resolve } from 'node:path';
import { FactSheetFormat } from '../../../shared/api/contract-factsheet';
import { UsageError, type CommandContext } from '../context';
import { findEntity } from './entities';
import type { Command } from './types';

export const factsheet: Command = {
  readsOnly: true,
  usage: 'factsheet ENTITY|--all --notebook DIR --out FILE [--format md|html|pdf|docx|json] [--force]',
  summary: 'write the fact sheet of an entity (an operation with its rounds) or of the whole notebook: figures with conflicts marked, timeline, people, quotes, open questions, sources',
  options: { out: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' }, all: { type: 'boolean' } },
  async run(ctx: CommandContext) {
    const [wanted, ...extra] = ctx.positionals;
    const all = ctx.values.all === true;
    if (extra.length > 0 || (all && wanted) || (!all && !wanted)) throw new UsageError('factsheet takes one entity (its id, name or an alias), or --all for the whole notebook');
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('factsheet needs --out FILE');
    const given =
      typeof ctx.values.format === 'string'
        ? ctx.values.format
        : extname(out)
            .slice(1)
            .replace(/^markdown$/, 'md')
            .replace(/^htm$/, 'html');
    const format = FactSheetFormat.safeParse(given);
    if (!format.success) {
      const formats = FactSheetFormat.options.join(', ');
      throw new UsageError(
        typeof ctx.values.format === 'string'
          ? `--format must be one of ${formats} (not “${given}”)`
          : `cannot tell the format from “${out}”: end --out in .${FactSheetFormat.options.join(', .')}, or give --format (${formats})`,
      );
    }
    const entity = all ? null : await findEntity(ctx, wanted!);
    const written = await ctx.call('factsheet:export', { entityId: entity?.id ?? null, format: format.data, path: resolve(out), overwrite: ctx.values.force === true });
    const sheet = await ctx.call('factsheet:build', { entityId: entity?.id ?? null });
    if (ctx.json) return ctx.out(JSON.stringify({ ...written, format: format.data, counts: sheet.counts }, null, 2));
    const { conflicts, singleSource, corroborated, resolved } = sheet.counts;
    ctx.out(`Wrote ${written.path} (${written.bytes.toLocaleString('en')} bytes): ${sheet.title}.`);
    ctx.out(
      `${conflicts} unresolved conflict${conflicts === 1 ? '' : 's'} between sources, ${resolved} resolved, ${singleSource} single-source, ${corroborated} corroborated; ${sheet.sources.length} source${sheet.sources.length === 1 ? '' : 's'}.`,
    );
  },
};
