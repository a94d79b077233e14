/** `dossier check`: examine a notebook folder file by file; with --repair, fix what can be fixed. */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

export const check: Command = {
  usage: 'check --notebook DIR [--repair] [--json]',
  summary: 'check every file of a notebook (schemas, texts against their sha256, annotations, entity links); --repair fixes what it can after copying the folder',
  options: { repair: { type: 'boolean' } },
  async run(ctx: CommandContext) {
    const dir = ctx.values.notebook;
    if (ctx.positionals.length > 0 || typeof dir !== 'string' || dir === '') throw new UsageError('check needs --notebook DIR and takes no other arguments');
    const { checkNotebook, isPermissionProblem } = await import('../../backend/store/check');
    const folder = resolve(dir);
    const { inspectFolder } = await import('../../backend/store/scan');
    const { notebookPaths } = await import('../../backend/store/layout');
    if ((await inspectFolder(notebookPaths(folder))) === null) throw new DossierError('NOT_A_NOTEBOOK', `${folder} is not a Dossier notebook (it has no notebook.json).`);
    if (ctx.values.repair === true) {
      const { syncPaths } = await import('../../backend/sync/paths');
      const shared = await access(syncPaths(folder).config).then(
        () => true,
        () => false,
      );
      // A damaged text is made again from its original, read by the import's own extraction.
      const { extractLazily } = await import('../../backend/import/extract-lazily');
      const { repairNotebook } = await import('../../backend/store/repair');
      const report = await repairNotebook(folder, { shared, reread: async (name, bytes) => (await extractLazily(name, bytes)).text });
      if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        ctx.out(`Copied the notebook as it was to ${report.backup} first.`);
        ctx.out(report.done.length === 0 ? 'Nothing needed repairing.' : report.done.map((d) => `Repaired: ${d}`).join('\n'));
        for (const p of report.left) ctx.out(`Still wrong: ${p.file}: ${p.problem}`);
      }
      return report.left.length === 0 ? 0 : 1;
    }
    const report = await checkNotebook(folder);
    if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
    else if (report.problems.length === 0) ctx.out(`No problems: ${report.sources} sources, ${report.annotations} annotations and ${report.texts} texts checked.`);
    else {
      for (const p of report.problems) ctx.out(`${p.file}: ${p.problem}`);
      const n = report.problems.length;
      const denied = report.problems.filter(isPermissionProblem).length;
      const found = `${n} problem${n === 1 ? '' : 's'} in ${report.sources} sources, ${report.annotations} annotations and ${report.texts} texts.`;
      const advice =
        denied === n
          ? `This user may not read ${denied === 1 ? 'that file' : 'those files'}; --repair cannot change permissions.`
          : `Run "dossier check --notebook ${dir} --repair" to fix what can be fixed (the folder is copied first)${denied > 0 ? `; it cannot change the permissions of the ${denied} file${denied === 1 ? '' : 's'} this user may not read` : ''}.`;
      ctx.out(`${found} ${advice}`);
    }
    return report.problems.length === 0 ? 0 : 1;
  },
};
