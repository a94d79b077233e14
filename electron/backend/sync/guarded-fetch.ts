/**
 * What Dossier lets PouchDB send over the network: requests to the team's server, and nowhere
 * else. PouchDB's own fetch follows redirects, so a server (or whatever answers in its place)
 * replying 307 to `http://elsewhere/` would receive the notebook — texts and notes — at that other
 * address, over plain http, with the password when the host is the same on another port. Here a
 * redirect is followed only within the configured origin (scheme, host and port); any other is
 * refused, naming the address, before a byte is sent there.
 */
import { fetch as pouchFetch } from 'pouchdb-fetch';

/** Redirects followed within the origin before giving up (CouchDB itself sends none). */
const MAX_REDIRECTS = 5;

/** The error a refused redirect gives (described in words by describeSyncError). */
export class RedirectRefused extends Error {
  readonly code = 'DOSSIER_REDIRECT_REFUSED';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`The server at ${new URL(from).origin} sent Dossier on to ${to}, another address; nothing was sent there. Dossier sends a shared notebook only to the server it was given.`);
    this.name = 'RedirectRefused';
  }
}

type Fetch = (url: string, options?: unknown) => Promise<{ status: number; headers: { get(name: string): string | null } }>;

/** A fetch for PouchDB that sends only to `origin` and follows redirects only within it. */
export function fetchWithin(origin: string, base: Fetch = pouchFetch as unknown as Fetch): Fetch {
  const allowed = new URL(origin).origin;
  return async (url, options = {}) => {
    let at = url;
    for (let hops = 0; ; hops++) {
      if (new URL(at).origin !== allowed) throw new RedirectRefused(url, at);
      const response = await base(at, { ...(options as object), redirect: 'manual' });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (!location) return response;
      const next = new URL(location, at).toString();
      if (new URL(next).origin !== allowed) throw new RedirectRefused(url, next);
      if (hops >= MAX_REDIRECTS) throw new RedirectRefused(url, `${next} (after ${MAX_REDIRECTS} redirects)`);
      at = next;
    }
  };
}
