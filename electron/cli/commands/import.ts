/** `dossier import FILE_OR_FOLDER… --notebook DIR`: bring files into a notebook, with a report. */
import { UsageError, type CommandContext } from '../context';
import { oneLine } from '../terminal';
import type { Command } from './types';

export const importCommand: Command = {
  usage: 'import FILE_OR_FOLDER… --notebook DIR [--json]',
  summary: 'import text, Markdown, saved web pages, PDF and Word files (folders too) and report each',
  options: {},
  async run(ctx: CommandContext) {
    if (ctx.positionals.length === 0) throw new UsageError('import needs at least one file or folder');
    const report = await ctx.call('import:paths', { paths: ctx.positionals });
    const failed = report.outcomes.filter((o) => o.status === 'failed').length;
    if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
      for (const o of report.outcomes) {
        if (o.status === 'imported') ctx.out(`imported    ${oneLine(o.file)} → “${oneLine(o.title)}” [${o.sourceId}]${o.warnings.length ? ` (${o.warnings.join(' ')})` : ''}`);
        else if (o.status === 'duplicate') ctx.out(`duplicate   ${oneLine(o.file)}: already in the notebook as “${oneLine(o.title)}”`);
        else if (o.status === 'new-version') ctx.out(`new version ${oneLine(o.file)}: a changed text of “${oneLine(o.title)}” (same URL); add it with the app's New version…`);
        else ctx.out(`failed      ${oneLine(o.file)}: ${o.reason}`);
      }
      ctx.out(`\n${count('imported')} imported, ${count('duplicate')} duplicate, ${count('new-version')} new version, ${failed} failed.`);
    }
    // Some files failing is a partial failure: scripts should see it.
    return failed > 0 ? 1 : 0;
  },
};
