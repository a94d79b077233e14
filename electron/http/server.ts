/**
 * Browser mode: the built renderer and the API over HTTP, for machines where Electron cannot run.
 *
 * Safety, since any web page the user visits can reach 127.0.0.1:
 * - it listens on 127.0.0.1 only, on a free port;
 * - every API request must carry the per-launch secret token (X-Dossier-Token), compared in
 *   constant time; the page learns it from the URL's #fragment, which browsers never send;
 * - the Host header must name this server (a DNS-rebinding page would send its own host name);
 * - a cross-origin Origin header is refused, and only POST with a JSON body reaches the API;
 * - the change stream (/api/changes, server-sent events) is asked for the same way, token and all.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { CHANGES_PATH, type ChangeEvent } from '../../shared/api/changes';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';
import { fail, type Result } from '../../shared/api/result';
import { dispatch, type Handlers } from '../backend/api';
import { contentTypeOf, resolveStaticFile } from '../backend/static-files';

/** The header that carries the token. */
export const TOKEN_HEADER = 'x-dossier-token';
/** Largest API request body accepted (pasted text and imports stay far below it). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** How often an idle change stream says it is alive (a comment line), so that nothing between closes it. */
export const KEEP_ALIVE_MS = 25_000;

/** Where the host takes the changes it streams from (the app's ChangeFeed). */
export interface ChangeSource {
  subscribe(listener: (batch: ChangeEvent[]) => void): () => void;
}

/** Streams the changes to one window as server-sent events, until it goes. */
function streamChanges(req: IncomingMessage, res: ServerResponse, changes: ChangeSource): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = changes.subscribe((batch) => res.write(`data: ${JSON.stringify(batch)}\n\n`));
  const alive = setInterval(() => res.write(': alive\n\n'), KEEP_ALIVE_MS);
  const stop = () => {
    unsubscribe();
    clearInterval(alive);
  };
  req.once('close', stop);
  res.once('close', stop);
}

export interface HttpHost {
  /** The address to open, with the token in its fragment. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function serveStatic(rendererDir: string, path: string, res: ServerResponse): Promise<void> {
  const file = resolveStaticFile(rendererDir, path);
  if (!file) return send(res, 404, 'Not found', 'text/plain');
  try {
    send(res, 200, await readFile(file), contentTypeOf(file));
  } catch {
    send(res, 404, 'Not found', 'text/plain');
  }
}

/**
 * Starts the host. `port` 0 (the default) takes a free port. The token is made fresh for each
 * launch unless a test passes one.
 */
export async function startHttpHost(options: {
  handlers: Handlers;
  /** The changes to stream at /api/changes (none: the stream answers 404). */
  changes?: ChangeSource;
  rendererDir: string;
  port?: number;
  token?: string;
}): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir;
  let allowedHosts: Set<string> = new Set();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) return sendResult(res, 421, fail('FORBIDDEN', `Requests for host "${host}" are refused.`));
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
        return serveStatic(rendererDir, url.pathname, res);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return sendResult(res, 403, fail('FORBIDDEN', 'Requests from other sites are refused.'));
      }
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
        return sendResult(res, 403, fail('FORBIDDEN', 'This request has no valid Dossier token. Open the address Dossier printed at start.'));
      }
      if (req.method !== 'POST') return sendResult(res, 405, fail('INVALID_INPUT', 'API calls are POST requests.'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendResult(res, 415, fail('INVALID_INPUT', 'API calls send JSON (Content-Type: application/json).'));
      }
      // The change stream: asked for like any call (POST, JSON, the token), answered as a stream.
      if (url.pathname === CHANGES_PATH) {
        if (!options.changes) return sendResult(res, 404, fail('NOT_FOUND', 'This host streams no changes.'));
        return streamChanges(req, res, options.changes);
      }
      const body = await readBody(req);
      if (body === null) return sendResult(res, 413, fail('INVALID_INPUT', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`));
      let input: unknown;
      try {
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return sendResult(res, 400, fail('INVALID_INPUT', 'The request body is not valid JSON.'));
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendResult(res, 400, fail('INVALID_INPUT', `The request names no operation Dossier can read: ${url.pathname} is not valid percent-encoding.`));
      }
      sendResult(res, 200, await dispatch(options.handlers, channel, input));
    })().catch((e: unknown) => {
      console.error('[dossier] request failed:', e);
      if (!res.headersSent) sendResult(res, 500, fail('INTERNAL', 'The request failed unexpectedly.'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
