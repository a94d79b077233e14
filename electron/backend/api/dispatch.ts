/**
 * The one place where a call crosses into the backend: look up the operation, parse the input
 * with the contract's schema, run the handler, and turn every outcome into a Result. Each host
 * adds only its own caller check (IPC sender, HTTP token) in front of this.
 */
import { type z } from 'zod';
import { CHANNELS, type Channel } from '../../../shared/api/channels';
import { contract, type Output } from '../../../shared/api/contract';
import { DossierError, fail, ok, type Result } from '../../../shared/api/result';

/** A handler receives its operation's parsed input and returns its output (or throws DossierError). */
export type Handlers = {
  [C in Channel]: (input: z.output<(typeof contract)[C]['input']>) => Promise<Output<C>> | Output<C>;
};

/** Tells whether a string names an operation of the contract. */
export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

/** Describes schema problems for a person: "name: must not be empty; path: expected string". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function errnoToResult(e: NodeJS.ErrnoException): Result<never> {
  const where = e.path ? ` (${e.path})` : '';
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return fail('IO_ERROR', `Dossier is not allowed to write there${where}.`);
    case 'ENOSPC':
      return fail('IO_ERROR', `The disk is full${where}; nothing was saved. Free some space and try again.`);
    case 'EROFS':
      return fail('IO_ERROR', `That disk is read-only${where}.`);
    default:
      return fail('IO_ERROR', `${e.message}`);
  }
}

/**
 * Runs one call. Never throws: an unknown operation, bad input, a refused operation and a bug all
 * come back as a failed Result with a message a person can act on.
 */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('UNKNOWN_OPERATION', `There is no operation called "${channel}".`);
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('INVALID_INPUT', `Invalid input for ${channel}: ${describeIssues(parsed.error)}`);
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) return fail('INTERNAL', `${channel} produced a malformed answer: ${describeIssues(checked.error)}`);
    return ok(checked.data);
  } catch (e) {
    if (e instanceof DossierError) return fail(e.code, e.message);
    if (e && typeof e === 'object' && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string') {
      return errnoToResult(e as NodeJS.ErrnoException);
    }
    console.error(`[dossier] ${channel} failed:`, e);
    return fail('INTERNAL', `${channel} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
  }
}
