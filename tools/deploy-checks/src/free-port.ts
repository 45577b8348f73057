/**
 * A port the kernel just handed out and released, for a child that cannot pick its own and tell us
 * which (Prometheus, a `--metrics-port` that must be 1 or more). Another process could take it in
 * between; on loopback in a test that is rare, and the child then fails to start, loudly.
 */
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
