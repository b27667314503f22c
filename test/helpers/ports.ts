/** Loopback ports and a black-hole DNS "server" for tests. */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A port free for both UDP and TCP on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((res, rej) => {
      const socket = createSocket('udp4');
      socket.once('error', rej);
      socket.bind(0, '127.0.0.1', () => {
        const p = socket.address().port;
        socket.close(() => res(p));
      });
    });
    const tcpFree = await new Promise<boolean>((res) => {
      const server = createServer();
      server.once('error', () => res(false));
      server.listen(port, '127.0.0.1', () => server.close(() => res(true)));
    });
    if (tcpFree) return port;
  }
  throw new Error('no free loopback port found');
}

export interface Blackhole {
  address: string;
  port: number;
  /** How many datagrams arrived (so a test can see that queries were sent). */
  received(): number;
  stop(): Promise<void>;
}

/**
 * A UDP socket on loopback that reads DNS queries and never answers: the real way to make a
 * resolver time out. (Pointing at a closed port does not work: the kernel answers with ICMP
 * port unreachable, which resolvers report as ECONNREFUSED at once.)
 */
export async function startBlackhole(): Promise<Blackhole> {
  const socket = createSocket('udp4');
  let count = 0;
  socket.on('message', () => {
    count++;
  });
  await new Promise<void>((res, rej) => {
    socket.once('error', rej);
    socket.bind(0, '127.0.0.1', () => res());
  });
  const port = socket.address().port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    received: () => count,
    stop: () => new Promise((res) => socket.close(() => res())),
  };
}
