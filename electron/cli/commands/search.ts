/** `dossier search`: the app's search, same engine and syntax, from the command line. */
import { describeMarks, quoteMarksFor } from '../../../shared/domain/quotes';
import { FILTERS, QUERY_HELP } from '../../../shared/search/query';
import { UsageError, type CommandContext } from '../context';
import { dateOrUndated } from '../format';
import type { Command } from './types';

/** Marks highlighted words with [brackets] for a terminal. */
function mark(h: { text: string; ranges: [number, number][] }): string {
  let out = '';
  let at = 0;
  for (const [s, e] of h.ranges) {
    out += `${h.text.slice(at, s)}[${h.text.slice(s, e)}]`;
    at = e;
  }
  return out + h.text.slice(at);
}

export const search: Command = {
  readsOnly: true,
  usage: 'search "QUERY" --notebook DIR [--limit N] [--json]',
  help: ['The query:', ...QUERY_HELP.map((h) => `  ${h.syntax.padEnd(28)} ${h.means}`), '', "Example: dossier search 'abrahm kind:quote' --notebook ~/notebooks/p-hunt"],
  summary: `search sources, annotations and entities (words, "phrases", -word, ${FILTERS.map((f) => `${f}:`).join(' ')})`,
  options: { limit: { type: 'string' } },
  async run(ctx: CommandContext) {
    const query = ctx.positionals.join(' ');
    if (query.trim() === '') throw new UsageError(`search needs a query, in quotes. Syntax:\n${QUERY_HELP.map((h) => `  ${h.syntax.padEnd(28)} ${h.means}`).join('\n')}`);
    const limitText = ctx.values.limit;
    const limit = limitText === undefined ? 10 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
    const r = await ctx.call('search:query', { query, limit, asYouType: false });
    if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
    for (const p of r.problems) ctx.out(`Note: ${p}`);
    if (r.entities.length + r.annotations.length + r.sources.length === 0) {
      ctx.out(`Nothing matches “${query}”.`);
      return 1;
    }
    if (r.entities.length > 0) {
      ctx.out(`\nEntities (${r.totals.entities})`);
      for (const e of r.entities) ctx.out(`  ${mark(e.name)}${e.alias ? ` — as “${mark(e.alias)}”` : ''}  [${e.type}, ${e.id}]`);
    }
    if (r.annotations.length > 0) {
      ctx.out(`\nAnnotations (${r.totals.annotations})`);
      for (const a of r.annotations) {
        const [open, close] = quoteMarksFor(a.quote.text);
        const marks = describeMarks(a.quote.text);
        ctx.out(`  ${a.kind}: ${open}${mark(a.quote)}${close}${a.linkedTo ? ` (linked to ${a.linkedTo})` : ''}${marks ? ` (check the quotation marks: ${marks.replace(/^The passage /, '')})` : ''}`);
        if (a.note) ctx.out(`    note: ${mark(a.note).replace(/\s+/g, ' ')}`);
        ctx.out(`    ${a.sourceTitle}, ${a.outlet ?? 'outlet unknown'}, ${dateOrUndated(a.published)} [${a.sourceId} ${a.start}–${a.end}]`);
      }
    }
    if (r.sources.length > 0) {
      ctx.out(`\nSources (${r.totals.sources}${r.totals.more ? '+' : ''})`);
      for (const s of r.sources) {
        ctx.out(`  ${mark(s.title)} — ${s.outlet ?? 'outlet unknown'}, ${dateOrUndated(s.published)} [${s.id}${s.hit ? ` ${s.hit.start}–${s.hit.end}` : ''}]`);
        ctx.out(`    ${mark(s.snippet)}`);
      }
    }
  },
};
