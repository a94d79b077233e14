/** The shape of a CLI command; each command is one file in this folder. */
import type { ParseArgsConfig } from 'node:util';
import type { CommandContext } from '../context';

export interface Command {
  /** The command line after `dossier`, for help. */
  usage: string;
  /** One line on what it does. */
  summary: string;
  /** Its options besides the common --json and --notebook. */
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<void>;
}
