/** `dossier serve`: Dossier in browser mode, on a given notebook or the last one. */
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

export const serve: Command = {
  usage: 'serve [--notebook DIR] [--no-open]',
  summary: 'open Dossier in your browser, served on 127.0.0.1 only (the notebook given, or the last one); Ctrl+C stops it',
  options: { 'no-open': { type: 'boolean' } },
  async run(ctx: CommandContext) {
    if (ctx.positionals.length > 0) throw new UsageError('serve takes no arguments; give the notebook with --notebook DIR');
    if (ctx.json) throw new UsageError('serve does not print JSON');
    const notebook = typeof ctx.values.notebook === 'string' ? ctx.values.notebook : undefined;
    const { serveUntilStopped } = await import('../../http/browser-mode');
    await serveUntilStopped({ notebook, noOpen: ctx.values['no-open'] === true });
  },
};
