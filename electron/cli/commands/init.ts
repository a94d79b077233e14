/** `dossier init DIR [--sample] [--name NAME]`: a new notebook folder. */
import { rmdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Notebook } from '../../backend/store/notebook';
import { DossierError } from '../../../shared/api/result';
import { NotebookName } from '../../../shared/domain/notebook';
import { SEEDS_DIR, UsageError, type CommandContext } from '../context';
import type { Command } from './types';

async function run(ctx: CommandContext): Promise<void> {
  const [dirArg, ...extra] = ctx.positionals;
  if (!dirArg || extra.length > 0) throw new UsageError('init takes exactly one folder');
  const dir = resolve(dirArg);
  let notebook: Notebook;
  if (ctx.values.sample === true) {
    if (ctx.values.name !== undefined) throw new UsageError('--name cannot be combined with --sample');
    const existing = await stat(dir).catch(() => null);
    // The sample is built beside its target and renamed into place; an empty target folder makes way.
    if (existing?.isDirectory()) {
      await rmdir(dir).catch(() => {
        throw new DossierError('ALREADY_EXISTS', `${dir} is not empty; choose an empty or new folder for a new notebook.`);
      });
    } else if (existing) {
      throw new DossierError('ALREADY_EXISTS', `${dir} is a file, not a folder.`);
    }
    const { createSampleNotebook } = await import('../../backend/sample/sample');
    notebook = await createSampleNotebook(SEEDS_DIR, dir);
  } else {
    const name = NotebookName.safeParse(typeof ctx.values.name === 'string' ? ctx.values.name : basename(dir));
    if (!name.success) throw new UsageError(`--name ${name.error.issues[0].message}`);
    const { Notebook } = await import('../../backend/store/notebook');
    notebook = await Notebook.create(dir, { name: name.data });
  }
  const info = notebook.info;
  await notebook.close();
  if (ctx.json) ctx.out(JSON.stringify(info, null, 2));
  else ctx.out(`Created notebook "${info.name}" at ${info.path} with ${info.sourceCount} sources.`);
}

export const init: Command = {
  usage: 'init DIR [--sample] [--name NAME] [--json]',
  summary: 'create a new notebook folder (with --sample, the sample notebook "Operation P-Hunt (sample)")',
  options: { sample: { type: 'boolean' }, name: { type: 'string' } },
  run,
};
