/**
 * The team's server, as a reporter types it: an address and a database name, checked before
 * anything is sent. Only https is allowed, except to this machine itself (a server on
 * 127.0.0.1, ::1 or localhost, for tests and for a newsroom's tunnel); a password is never
 * part of an address (it would be kept and shown with it).
 */
import { DossierError } from '../../../shared/api/result';

export interface RemoteAddress {
  /** The server's address, without a trailing slash or credentials. */
  server: string;
  /** The database on it. */
  database: string;
  /** The database's full URL. */
  url: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** CouchDB's rule for database names. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

/** Checks a server address and database name; throws INVALID_INPUT naming the problem. */
export function remoteAddress(server: string, database: string): RemoteAddress {
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    throw new DossierError('INVALID_INPUT', `“${server}” is not a web address: write it as https://couch.example.org (the server's address).`);
  }
  if (url.username || url.password) throw new DossierError('INVALID_INPUT', 'Leave the name and password out of the address: give them in their own fields, where the password is kept safely.');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname))
    throw new DossierError(
      'INVALID_INPUT',
      `The address must start with https:// — http:// would send the notebook and the password unencrypted to ${url.hostname}. (Plain http is allowed only to this machine itself.)`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DossierError('INVALID_INPUT', `“${url.protocol}” addresses cannot be used: the server's address starts with https://.`);
  if (url.search || url.hash) throw new DossierError('INVALID_INPUT', 'The server address cannot have a query (?…) or a fragment (#…).');
  const name = database.trim();
  if (!DATABASE_NAME.test(name))
    throw new DossierError('INVALID_INPUT', `“${database}” cannot be a database name: it starts with a lowercase letter and has only lowercase letters, digits and _ $ ( ) + - / (at most 238).`);
  const base = url.toString().replace(/\/+$/, '');
  return { server: base, database: name, url: `${base}/${encodeURIComponent(name)}` };
}
