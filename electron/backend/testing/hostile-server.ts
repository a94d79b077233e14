/**
 * A server that stands in front of the test's CouchDB-protocol server and misbehaves on request,
 * as a broken proxy or a hostile host would: each request is passed on, or answered by `answer`.
 * Every request it and a `sink` receive is recorded, with its headers.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestHost {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return (server.address() as AddressInfo).port;
}

const closer = (server: Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A host that records what it is sent and answers 200 {} (where a redirect might lead). */
export async function startSink(): Promise<TestHost> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, bytes });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, seen, close: closer(server) };
}

/**
 * A front for `target` (http://127.0.0.1:PORT): `answer` returns an answer of its own, or null to
 * pass the request on; `rewrite` may change a JSON answer passed on (it gets the parsed body).
 */
export async function startFront(target: string, answer: (method: string, path: string) => Answer | null, rewrite?: (method: string, path: string, body: unknown) => unknown): Promise<TestHost> {
  const seen: Seen[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, bytes: 0 });
    const own = answer(req.method ?? '', req.url ?? '');
    if (own) {
      req.resume();
      res.writeHead(own.status, { 'content-type': 'application/json', ...own.headers }).end(own.body ?? '{}');
      return;
    }
    const headers = { ...req.headers, host: to.host };
    if (rewrite) delete headers['accept-encoding'];
    const onward = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (back) => {
      if (!rewrite || !/json/.test(String(back.headers['content-type']))) {
        res.writeHead(back.statusCode ?? 502, back.headers);
        back.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      back.on('data', (c: Buffer) => chunks.push(c));
      back.on('end', () => {
        const text = JSON.stringify(rewrite(req.method ?? '', req.url ?? '', JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = back.headers;
        res.writeHead(back.statusCode ?? 502, { ...rest, 'content-length': Buffer.byteLength(text) }).end(text);
      });
    });
    onward.on('error', () => res.writeHead(502).end());
    req.pipe(onward);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, seen, close: closer(server) };
}
