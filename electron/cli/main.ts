/**
 * The CLI host of the backend. Each command is a file in commands/; adding one is a line in
 * COMMANDS. Exit codes: 0 done, 1 the operation failed (the message says why), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { DossierError } from '../../shared/api/result';
import { entities, mentions } from './commands/entities';
import { exportAnnotations, importAnnotations } from './commands/annotations';
import { backup, restore } from './commands/backup';
import { factsheet } from './commands/factsheet';
import { importCommand } from './commands/import';
import { terminalSafe } from './terminal';
import { init } from './commands/init';
import { search } from './commands/search';
import { serve } from './commands/serve';
import { show, sources } from './commands/sources';
import type { Command } from './commands/types';
import { makeContext, UsageError } from './context';
import { VERSION } from '../backend/version';
import { check } from './commands/check';
import { snapshots } from './commands/snapshots';
import { conflicts, join, share, sync } from './commands/sync';

const COMMANDS: Record<string, Command> = {
  init,
  sources,
  show,
  entities,
  mentions,
  import: importCommand,
  search,
  factsheet,
  'export-annotations': exportAnnotations,
  'import-annotations': importAnnotations,
  backup,
  restore,
  check,
  snapshots,
  share,
  join,
  sync,
  conflicts,
  serve,
};

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  dossier ${c.usage}\n      ${c.summary}`);
  return [`Dossier ${VERSION}: an offline research notebook for journalists.`, '', 'Usage:', ...lines, '', '  dossier --help | --version'].join('\n');
}

/** Node's parser errors in this tool's words: the option named, and the options the command takes. */
function parseArgsMessage(e: NodeJS.ErrnoException, command: Command): string {
  const option = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? 'that option';
  const takes = [...Object.keys(command.options), 'notebook', 'json'].map((o) => `--${o}`).join(', ');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}. This command takes ${takes}.`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(e.message) ? `${option} needs a value, as in ${option} VALUE.` : `${option} takes no value: write it alone.`;
  }
  return e.message;
}

/** Runs one command line and returns the exit code. Prints to stdout and stderr. */
export async function main(argv: string[], print = (t: string) => console.log(t), printError = (t: string) => console.error(t)): Promise<number> {
  // Everything printed passes here: nothing that came from a file or a server drives the terminal.
  const out = (t: string) => print(terminalSafe(t));
  const err = (t: string) => printError(terminalSafe(t));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    out(VERSION);
    return 0;
  }
  // An own property only: "dossier constructor" is an unknown command, not Object's constructor.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    err(`dossier: unknown command "${name}". Run "dossier --help" for the list.`);
    return 2;
  }
  // `dossier COMMAND --help`: what it does, its usage, and what more it has to say; nothing is opened.
  if (rest.includes('--help') || rest.includes('-h')) {
    out(
      [
        `dossier ${command.usage}`,
        '',
        `  ${command.summary}`,
        ...(command.help ? ['', ...command.help.map((l) => `  ${l}`)] : []),
        '',
        '  --notebook DIR   the notebook folder;  --json   the answer as JSON',
      ].join('\n'),
    );
    return 0;
  }
  let ctx: ReturnType<typeof makeContext> | null = null;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, json: { type: 'boolean' }, notebook: { type: 'string' } },
    });
    ctx = makeContext(positionals, values as Record<string, string | boolean | undefined>, out, err, command.readsOnly === true);
    const code = await command.run(ctx);
    // Only a number is an exit code (a command may end on `return ctx.out(…)`).
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    const json = rest.includes('--json');
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = e instanceof UsageError ? e.message : parseArgsMessage(e as NodeJS.ErrnoException, command);
      err(`dossier ${name}: ${message}\nUsage: dossier ${command.usage}`);
      return 2;
    }
    const code = e instanceof DossierError ? e.code : 'INTERNAL';
    // A file in the way: the API says so; the command line says how to go on.
    const message = code === 'ALREADY_EXISTS' && command.options.force ? `${(e as Error).message} Give --force to replace it.` : (e as Error).message;
    if (json) out(JSON.stringify({ error: { code, message } }, null, 2));
    err(`dossier: ${message}`);
    return 1;
  } finally {
    await ctx?.close();
  }
}
