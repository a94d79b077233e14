/** `dossier sources` and `dossier show`: the notebook's sources. */
import { UsageError, type CommandContext } from '../context';
import { dateOrUndated, table } from '../format';
import type { Command } from './types';

export const sources: Command = {
  readsOnly: true,
  usage: 'sources --notebook DIR [--json]',
  summary: 'list the sources of a notebook with their dates, outlets and word counts',
  options: {},
  async run(ctx: CommandContext) {
    if (ctx.positionals.length > 0) throw new UsageError('sources takes no arguments besides --notebook');
    const list = await ctx.call('sources:list', {});
    if (ctx.json) return ctx.out(JSON.stringify(list, null, 2));
    if (list.length === 0) return ctx.out('This notebook has no sources yet.');
    ctx.out(
      table(
        ['ID', 'DATE', 'WORDS', 'OUTLET', 'TITLE'],
        list.map((s) => [s.id, dateOrUndated(s.published), s.wordCount, s.outlet ?? '—', s.title]),
      ),
    );
  },
};

export const show: Command = {
  readsOnly: true,
  usage: 'show SOURCE_ID --notebook DIR [--json]',
  summary: 'print one source: its details and full text',
  options: {},
  async run(ctx: CommandContext) {
    const [id, ...extra] = ctx.positionals;
    if (!id || extra.length > 0) throw new UsageError('show takes exactly one source id');
    const source = await ctx.call('sources:get', { id });
    if (ctx.json) return ctx.out(JSON.stringify(source, null, 2));
    const p = source.provenance;
    ctx.out(
      [
        source.title,
        `Outlet:    ${source.outlet ?? 'not named in the source'}`,
        `Published: ${dateOrUndated(source.published)}`,
        `Words:     ${source.wordCount}`,
        `sha256:    ${source.contentHash}`,
        `Imported:  ${p.importedAt} (${p.method}${p.fileName ? `, ${p.fileName}` : ''})`,
        `URL:       ${p.url ?? 'none'}`,
        '',
        source.text,
      ].join('\n'),
    );
  },
};
