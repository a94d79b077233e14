/** The shape of a CLI command; each command is one file in this folder. */
import type { ParseArgsConfig } from 'node:util';
import type { CommandContext } from '../context';

export interface Command {
  /** The command line after `dossier`, for help. */
  usage: string;
  /** One line on what it does. */
  summary: string;
  /** More for `dossier COMMAND --help`: its verbs, its syntax, examples (lines). */
  help?: readonly string[];
  /** Its options besides the common --json and --notebook. */
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Only reads the notebook (its output goes elsewhere): it may run while the app has the notebook
   * open, on the notebook's files as they are on disk, and says so.
   */
  readsOnly?: boolean;
  /** Runs the command; a number is the exit code (0 when nothing is returned). */
  run(ctx: CommandContext): Promise<number | void>;
}
