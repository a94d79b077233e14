/**
 * What Dossier lets PouchDB send to and take from the network.
 *
 * Out: requests to the team's server, and nowhere else. PouchDB's own fetch follows redirects, so
 * a server (or whatever answers in its place) replying 307 to `http://elsewhere/` would receive
 * the notebook — texts and notes — at that other address, over plain http, with the password when
 * the host is the same on another port. Here a redirect is followed only within the configured
 * origin (scheme, host and port); any other is refused, naming the address, before a byte is sent.
 *
 * In: what a broken or hostile server sends cannot stop sharing. PouchDB writes every version of a
 * document it pulls in one go, and thousands of versions of one record overflow its stack in a
 * callback (nothing can catch that: the round never ends, and every later one repeats it). So a
 * document with more leaves than any team makes is refused by name before PouchDB sees it, and a
 * revision history longer than CouchDB keeps (its revs_limit, 1,000) is pruned as CouchDB prunes it.
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

interface FetchResponse {
  status: number;
  ok?: boolean;
  headers: { get(name: string): string | null };
  json?: () => Promise<unknown>;
}
type Fetch = (url: string, options?: unknown) => Promise<FetchResponse>;

/** What is taken from the server (see the module comment). */
export interface ServerLimits {
  /** Versions (leaves) of one document beyond which it is refused. */
  maxLeaves: number;
  /** Revisions of a document's history kept (CouchDB's revs_limit). */
  maxHistory: number;
  /** Told of each document refused, with why. */
  refused(id: string, reason: string): void;
}

/** No team makes a thousand versions of one record between two syncs; CouchDB keeps 1,000 revisions of history. */
export const SERVER_LIMITS = { maxLeaves: 1000, maxHistory: 1000 } as const;

/** A document's history, pruned to the newest `max` revisions. */
function prune(doc: unknown, max: number): void {
  const revisions = (doc as { _revisions?: { ids?: unknown } } | null)?._revisions;
  if (revisions && Array.isArray(revisions.ids) && revisions.ids.length > max) revisions.ids = revisions.ids.slice(0, max);
}

/** The server's answer with what the limits do not allow taken out (only the replication's reads are looked at). */
async function limited(url: string, response: FetchResponse, limits: ServerLimits): Promise<FetchResponse> {
  if (!response.ok || !response.json) return response;
  const at = new URL(url);
  const changes = at.pathname.endsWith('/_changes');
  const bulkGet = at.pathname.endsWith('/_bulk_get');
  const openRevs = at.searchParams.has('open_revs');
  if (!changes && !bulkGet && !openRevs) return response;
  const data = await response.json();
  if (changes) {
    const feed = data as { results?: { id?: unknown; changes?: unknown[] }[] };
    if (Array.isArray(feed.results))
      feed.results = feed.results.filter((c) => {
        const leaves = Array.isArray(c.changes) ? c.changes.length : 0;
        if (leaves <= limits.maxLeaves) return true;
        limits.refused(
          String(c.id),
          `the server has ${leaves.toLocaleString('en')} versions of it (more than ${limits.maxLeaves.toLocaleString('en')}: no team makes that many; a broken or hostile server does), so none was taken in`,
        );
        return false;
      });
  } else if (bulkGet) {
    for (const r of (data as { results?: { docs?: { ok?: unknown }[] }[] }).results ?? []) for (const d of r.docs ?? []) prune(d.ok, limits.maxHistory);
  } else if (Array.isArray(data)) for (const d of data as { ok?: unknown }[]) prune(d?.ok, limits.maxHistory);
  else prune(data, limits.maxHistory);
  return { status: response.status, ok: response.ok, headers: response.headers, json: async () => data };
}

/**
 * A fetch for PouchDB that sends only to `origin`, follows redirects only within it, and (with
 * `limits`) refuses or prunes what the server sends beyond them.
 */
export function fetchWithin(origin: string, base: Fetch = pouchFetch as unknown as Fetch, limits?: ServerLimits): Fetch {
  const allowed = new URL(origin).origin;
  return async (url, options = {}) => {
    const response = await follow(url, options);
    return limits ? limited(url, response, limits) : response;
  };
  async function follow(url: string, options: unknown): Promise<FetchResponse> {
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
  }
}
