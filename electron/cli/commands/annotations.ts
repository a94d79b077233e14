/** `dossier export-annotations` and `dossier import-annotations`: the notebook's annotations for other tools, and back. */
import { resolve } from 'node:path';
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

export const exportAnnotations: Command = {
  readsOnly: true,
  usage: 'export-annotations --notebook DIR --format w3c|csv --out FILE [--force]',
  summary: 'write every annotation as W3C Web Annotation JSON-LD (offsets in code points) or as CSV',
  options: { out: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx: CommandContext) {
    if (ctx.positionals.length > 0) throw new UsageError('export-annotations takes no words besides its options');
    const format = ctx.values.format;
    if (format !== 'w3c' && format !== 'csv') throw new UsageError(`--format must be w3c or csv${typeof format === 'string' ? ` (not “${format}”)` : ''}`);
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('export-annotations needs --out FILE');
    const written = await ctx.call('annotations:export', { format, path: resolve(out), overwrite: ctx.values.force === true });
    if (ctx.json) return ctx.out(JSON.stringify(written, null, 2));
    ctx.out(`Wrote ${written.count} annotation${written.count === 1 ? '' : 's'} to ${written.path} (${written.bytes.toLocaleString('en')} bytes).`);
  },
};

export const importAnnotations: Command = {
  usage: 'import-annotations FILE --notebook DIR',
  summary: 'add the annotations of a W3C Web Annotation file to the sources of the notebook they name',
  options: {},
  async run(ctx: CommandContext) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0) throw new UsageError('import-annotations takes one W3C file');
    const report = await ctx.call('annotations:importW3C', { path: resolve(file) });
    if (ctx.json) return ctx.out(JSON.stringify(report, null, 2));
    // Already there is not a failure: importing the same file twice leaves the notebook as it was.
    const present = report.alreadyPresent;
    ctx.out(`Imported ${report.imported} annotation${report.imported === 1 ? '' : 's'}${present > 0 ? `; ${present} ${present === 1 ? 'was' : 'were'} already in the notebook` : ''}.`);
    for (const s of report.skipped) ctx.out(`  not imported: ${s.id} — ${s.reason}`);
    return report.skipped.length > 0 && report.imported === 0 ? 1 : 0;
  },
};
