/**
 * A cuttable network between one replica and the server, for tests: a TCP proxy on 127.0.0.1
 * in front of the server (express-pouchdb or a real CouchDB alike). `cut()` drops every open
 * connection and refuses new ones, as a train entering a tunnel; `heal()` lets them through again.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  /** The server's address through this proxy. */
  server: string;
  cut(): void;
  heal(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<Proxy> {
  const to = new URL(target);
  const port = Number(to.port || (to.protocol === 'https:' ? 443 : 80));
  const open = new Set<Socket>();
  let isCut = false;
  const server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = connect(port, to.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port: own } = server.address() as AddressInfo;
  return {
    server: `${to.protocol}//127.0.0.1:${own}${to.pathname.replace(/\/+$/, '')}`,
    cut() {
      isCut = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    heal() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
