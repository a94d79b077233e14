/**
 * Team notebooks from the command line: `dossier share` (turn sharing on through a CouchDB
 * server), `dossier join` (a full local copy of a notebook colleagues share), `dossier sync` (one
 * round, exits when caught up, says what moved) and `dossier conflicts` (what two laptops changed
 * at once, each version with its author). The password is never an argument (it would show in the
 * process list and the shell's history): it comes from DOSSIER_SYNC_PASSWORD, each time.
 */
import type { SyncRound } from '../../../shared/api/contract-sync';
import type { SyncConflict } from '../../../shared/domain/sync';
import { UsageError, type CommandContext } from '../context';
import type { Command } from './types';

/** A database's address as colleagues pass it around: the server, then the database as the last path segment. */
export function splitDatabaseUrl(url: string): { server: string; database: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not repeated: what was typed may hold a password.
    throw new UsageError(`the database's address is not a web address: give it as in https://couch.example.org/p-hunt`);
  }
  if (parsed.username || parsed.password)
    throw new UsageError(`leave the name and password out of the address (${parsed.origin}/…): give the name with --user and the password in DOSSIER_SYNC_PASSWORD`);
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  const last = segments.pop();
  if (!last) throw new UsageError(`${parsed.origin}${parsed.pathname} names no database: add its name at the end, as in ${parsed.origin}/p-hunt`);
  parsed.pathname = segments.join('/');
  return { server: parsed.toString().replace(/\/+$/, ''), database: decodeURIComponent(last) };
}

function login(ctx: CommandContext, url: string) {
  const user = ctx.values.user;
  const username = typeof user === 'string' && user.trim() !== '' ? user.trim() : null;
  const password = process.env.DOSSIER_SYNC_PASSWORD ?? null;
  if (username && password === null) throw new UsageError(`give the password of ${username} in the environment variable DOSSIER_SYNC_PASSWORD (never on the command line)`);
  return { ...splitDatabaseUrl(url), username, password: username ? password : null };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeRound(round: SyncRound): string[] {
  const lines = [
    `Sent ${plural(round.sent, 'record')} (${plural(round.uploaded, 'document')} to the server), took in ${plural(round.received, 'record')} (${plural(round.downloaded, 'document')} from it).`,
  ];
  if (round.waiting > 0) lines.push(`${plural(round.waiting, 'record')} wait for what they refer to (a source's text, an entity) and come in with it.`);
  for (const r of round.refused) lines.push(`Refused ${r.id}: ${r.reason}`);
  for (const k of round.kept) lines.push(`Kept ${k.id} as ${k.by ?? 'someone unnamed'} changed it after the snapshot restored here (a restore rolls back only your own edits).`);
  return lines;
}

export const share: Command = {
  usage: 'share --to URL [--user NAME] --notebook DIR [--json]',
  summary: 'shares the notebook through the team’s CouchDB server (URL: the database’s address, made when missing; https, or http to this machine); the password comes from DOSSIER_SYNC_PASSWORD',
  options: { to: { type: 'string' }, user: { type: 'string' } },
  async run(ctx) {
    const to = ctx.values.to;
    if (typeof to !== 'string' || ctx.positionals.length > 0) throw new UsageError('give the database’s address with --to URL');
    const { status, round } = await ctx.call('sync:share', login(ctx, to));
    if (ctx.json) return ctx.out(JSON.stringify({ status, round }, null, 2));
    ctx.out(`Shared through ${to}.`);
    for (const line of describeRound(round)) ctx.out(line);
    ctx.out(`Colleagues join with: dossier join ${to}${status.shared && status.username ? ' --user THEIR-NAME' : ''} --notebook DIR. Run "dossier sync" to send and take in edits.`);
  },
};

export const join: Command = {
  usage: 'join URL [--user NAME] --notebook DIR [--json]',
  summary: 'makes DIR a full local copy of a notebook colleagues share at URL; the password comes from DOSSIER_SYNC_PASSWORD',
  options: { user: { type: 'string' } },
  async run(ctx) {
    const [url, ...extra] = ctx.positionals;
    const dir = ctx.values.notebook;
    if (!url || extra.length > 0) throw new UsageError('give the shared database’s address, as in dossier join https://couch.example.org/p-hunt --notebook DIR');
    if (typeof dir !== 'string' || dir === '') throw new UsageError('give the folder of the new notebook with --notebook DIR');
    const { notebook, round } = await ctx.callWithoutNotebook('sync:join', { ...login(ctx, url), path: dir });
    if (ctx.json) return ctx.out(JSON.stringify({ notebook, round }, null, 2));
    ctx.out(`Joined "${notebook.name}" in ${notebook.path}: ${plural(notebook.sourceCount, 'source')}.`);
    for (const line of describeRound(round)) ctx.out(line);
  },
};

export const sync: Command = {
  usage: 'sync --notebook DIR [--json]',
  summary: 'one round with the team’s server: sends the edits made here, takes in colleagues’, and exits when caught up, saying what moved',
  options: {},
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError('sync takes no arguments');
    const round = await ctx.call('sync:now', {});
    const conflicts = await ctx.call('sync:conflicts', {});
    if (ctx.json) return ctx.out(JSON.stringify({ ...round, conflicts: conflicts.length }, null, 2));
    for (const line of describeRound(round)) ctx.out(line);
    ctx.out(conflicts.length === 0 ? 'Caught up; no conflicts.' : `Caught up; ${plural(conflicts.length, 'record')} changed on two laptops at once: see "dossier conflicts".`);
  },
};

/** The fields in which a conflict's versions differ (what the reporter has to choose between). */
function differing(conflict: SyncConflict): string[] {
  const bodies = conflict.versions.map((v) => (v.body && typeof v.body === 'object' ? (v.body as Record<string, unknown>) : {}));
  const keys = [...new Set(bodies.flatMap((b) => Object.keys(b)))];
  return keys.filter((k) => new Set(bodies.map((b) => JSON.stringify(b[k] ?? null))).size > 1);
}

const short = (value: unknown) => {
  const text = JSON.stringify(value ?? null);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

export const conflicts: Command = {
  usage: 'conflicts --notebook DIR [--json]',
  summary: 'what was changed on two laptops at once (as of the last sync): each version with its author and time, and how they differ; none is chosen until a reporter chooses',
  options: {},
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError('conflicts takes no arguments');
    const list = await ctx.call('sync:conflicts', {});
    if (ctx.json) return ctx.out(JSON.stringify(list, null, 2));
    if (list.length === 0) return ctx.out('No conflicts: no record was changed on two laptops at once (as of the last "dossier sync").');
    for (const c of list) {
      const fields = differing(c);
      ctx.out(`${c.id} (${c.kind}): ${plural(c.versions.length, 'version')}${fields.length > 0 ? `, differing in ${fields.join(', ')}` : ''}`);
      for (const v of c.versions) {
        const who = `${v.by ?? 'someone unnamed'}${v.at ? ` at ${v.at}` : ''}`;
        const what = v.deleted ? 'deleted it' : fields.map((f) => `${f} = ${short((v.body as Record<string, unknown>)[f])}`).join('; ');
        ctx.out(`  ${v.winner ? '*' : '-'} ${v.rev}  ${who}: ${what}`);
      }
    }
    ctx.out('(* is the version shown until a reporter chooses in the app’s Conflicts panel.)');
  },
};
