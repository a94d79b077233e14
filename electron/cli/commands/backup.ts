/** `dossier backup` and `dossier restore`: a whole notebook in one archive, and back into a folder. */
import { resolve } from 'node:path';
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

export const backup: Command = {
  readsOnly: true,
  usage: 'backup --notebook DIR --out FILE [--force]',
  summary: 'write the whole notebook (sources, originals, annotations, entities, fact-sheet notes) to one archive',
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx: CommandContext) {
    const out = ctx.values.out;
    if (ctx.positionals.length > 0 || typeof out !== 'string' || out === '') throw new UsageError('backup needs --notebook DIR and --out FILE');
    const written = await ctx.call('notebook:backup', { path: resolve(out), overwrite: ctx.values.force === true });
    if (ctx.json) return ctx.out(JSON.stringify(written, null, 2));
    ctx.out(`Wrote ${written.files} files to ${written.path} (${written.bytes.toLocaleString('en')} bytes).`);
  },
};

export const restore: Command = {
  usage: 'restore ARCHIVE DIR',
  summary: 'restore a backup archive into a new (or empty) folder, every file checked first',
  options: {},
  async run(ctx: CommandContext) {
    const [archive, folder, ...extra] = ctx.positionals;
    if (!archive || !folder || extra.length > 0) throw new UsageError('restore takes an archive and the folder to restore it into');
    const [{ checkImportFile }, { restoreBackup }] = await Promise.all([import('../../backend/files'), import('../../backend/store/backup')]);
    await checkImportFile(resolve(archive));
    const done = await restoreBackup(resolve(archive), resolve(folder));
    if (ctx.json) return ctx.out(JSON.stringify({ ...done, path: resolve(folder) }, null, 2));
    ctx.out(`Restored "${done.name}" (${done.files} files) into ${resolve(folder)}.`);
  },
};
