/** `dossier snapshots`: the automatic snapshots of a notebook — list them, take one, restore one. */
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export const snapshots: Command = {
  usage: 'snapshots list|take|changes NAME|restore NAME [--for-team] --notebook DIR [--json]',
  summary:
    'the notebook’s automatic snapshots (annotations, entities, notes as they were): list them, take one now, see what colleagues changed since one (a shared notebook), or put the notebook back as it was at one (the present is kept as a snapshot first)',
  options: { 'for-team': { type: 'boolean' } },
  help: [
    'dossier snapshots [list]        the snapshots, newest first: when, what each holds',
    'dossier snapshots take          take one now',
    'dossier snapshots changes NAME  what colleagues changed since it (a shared notebook)',
    'dossier snapshots restore NAME  put the notebook back as it was (the present is kept as a snapshot first);',
    '                                in a shared notebook only your own edits, unless --for-team',
  ],
  async run(ctx: CommandContext) {
    const [verb, name, ...extra] = ctx.positionals;
    // Without a verb: the list (it changes nothing).
    if ((verb === 'list' || verb === undefined) && name === undefined) {
      const list = await ctx.call('notebook:snapshots', {});
      if (ctx.json) return ctx.out(JSON.stringify(list, null, 2));
      if (list.length === 0) return ctx.out('No snapshots yet: Dossier takes one each hour the notebook is edited, and "dossier snapshots take" takes one now.');
      for (const s of list) {
        const held = s.problem ? `cannot be restored: ${s.problem}` : `${s.sources} sources, ${s.annotations} annotations, ${s.entities} entities`;
        ctx.out(`${s.name}  ${s.takenAt}  ${size(s.bytes).padStart(8)}  ${held}`);
      }
      return;
    }
    if (verb === 'take' && name === undefined) {
      const s = await ctx.call('notebook:snapshot', {});
      if (ctx.json) return ctx.out(JSON.stringify(s, null, 2));
      return ctx.out(`Took ${s.name} (${s.sources} sources, ${s.annotations} annotations, ${size(s.bytes)}).`);
    }
    if (verb === 'changes' && name !== undefined && extra.length === 0) {
      const changes = await ctx.call('notebook:snapshotChanges', { name });
      if (ctx.json) return ctx.out(JSON.stringify(changes, null, 2));
      if (changes.length === 0) return ctx.out(`No colleague changed anything since ${name}: restoring it rolls back only your own edits, and there are none of theirs to roll back.`);
      ctx.out(
        `Since ${name}, colleagues changed ${changes.length} record${changes.length === 1 ? '' : 's'}. Restoring it keeps ${changes.length === 1 ? 'this' : 'these'} as the team has ${changes.length === 1 ? 'it' : 'them'}; with --for-team ${changes.length === 1 ? 'it is' : 'they are'} rolled back too, each colleague's version listed in dossier conflicts:`,
      );
      for (const c of changes) ctx.out(`${c.at.slice(0, 16).replace('T', ' ')}  ${c.by ?? 'someone unnamed'} ${c.how} ${c.what}  (${c.id})`);
      return;
    }
    if (verb === 'restore' && name !== undefined && extra.length === 0) {
      const info = await ctx.call('notebook:restoreSnapshot', { name, forTeam: ctx.values['for-team'] === true });
      if (ctx.json) return ctx.out(JSON.stringify(info, null, 2));
      ctx.out(`Restored ${name}: "${info.name}" has ${info.sourceCount} sources as they were then. The state it replaced is kept as a snapshot ending in -before-restore.`);
      // A shared notebook: the restore rolled back only this reporter's own edits.
      for (const k of info.kept) ctx.out(`Kept ${k.id} as ${k.by ?? 'someone unnamed'} changed it after the snapshot (a restore rolls back only your own edits; --for-team rolls theirs back too).`);
      for (const r of info.rolledBack) ctx.out(`Rolled back ${r.id} over ${r.by ?? 'someone unnamed'}’s edit; their version stays as a conflict (dossier conflicts).`);
      return;
    }
    throw new UsageError('snapshots takes list, take, changes NAME or restore NAME (a name from "dossier snapshots list")');
  },
};
