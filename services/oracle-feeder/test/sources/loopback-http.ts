// A real node:http server on a free loopback port for the HTTP adapters' tests: each request is
// answered by the test's handler, and every request URL is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface LoopbackHttp {
  readonly baseUrl: string;
  readonly requests: URL[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopbackHttp(): Promise<LoopbackHttp> {
  let handler: Handler = (_request, response) => response.writeHead(404).end();
  const requests: URL[] = [];
  const server = createServer((request, response) => {
    requests.push(new URL(request.url ?? '/', 'http://loopback'));
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Answers with a JSON body (or any text) and the given status and extra headers. */
export function reply(body: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  };
}

/** Accepts the request and never answers: only the adapter's own timeout can end the fetch. */
export const neverAnswer: Handler = () => {};

/** Sends the headers and the start of a body, then stalls. */
export const stallBody: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('[{"symbol":');
};
