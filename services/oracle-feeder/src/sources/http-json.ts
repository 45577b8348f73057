/**
 * One bounded HTTP GET of a JSON document, shared by the exchange and FX adapters. Everything that
 * can go wrong on the network becomes a `FeederSourceError` with a stable code: the whole exchange
 * (connect, headers and body) runs under the source's timeout, the body is read up to a byte limit,
 * and numbers in the JSON keep their exact digits (lossless-json) so no price passes through a float.
 */
import { parse as parseLosslessJson } from 'lossless-json';
import { FeederSourceError } from './source-error.js';

/** A ticker document is a few KiB; this leaves room for a whole FX table and refuses anything huge. */
export const HTTP_BODY_BYTES_MAX_DEFAULT = 256 * 1024;

export interface HttpJsonRequest {
  readonly source: string;
  readonly url: URL;
  readonly timeoutMs: number;
  /** The caller's cancellation (the round is over, the feeder stops). */
  readonly signal: AbortSignal;
  readonly bodyBytesMax: number;
}

export interface HttpJsonResponse {
  /** The parsed body; every JSON number arrives as its decimal text. */
  readonly body: unknown;
  /** The response's `Date` header (second resolution), when present and valid. */
  readonly serverDateMs: number | undefined;
  /** Local wall-clock time when the body had been read. */
  readonly receivedAtMs: number;
}

export async function fetchJson(request: HttpJsonRequest): Promise<HttpJsonResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  try {
    const response = await fetch(request.url, {
      signal,
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeederSourceError(
        'FEEDER_ERR_SOURCE_HTTP_STATUS',
        request.source,
        `HTTP ${response.status} from ${request.url.origin}${request.url.pathname}: ` +
          `check the symbols and URL (4xx) or wait for the exchange (429, 5xx)`,
      );
    }
    const text = await readBodyText(response, request);
    return {
      body: parseBody(text, request.source),
      serverDateMs: parseDateHeader(response.headers.get('date')),
      receivedAtMs: Date.now(),
    };
  } catch (error) {
    throw asSourceError(error, { request, timeout });
  }
}

async function readBodyText(response: Response, request: HttpJsonRequest): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > request.bodyBytesMax) {
    await response.body?.cancel();
    throw tooLarge(request);
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    if (bytes > request.bodyBytesMax) throw tooLarge(request);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch (cause) {
    throw new FeederSourceError('FEEDER_ERR_SOURCE_MALFORMED', request.source, 'the body is not UTF-8 text', {
      cause,
    });
  }
}

function tooLarge(request: HttpJsonRequest): FeederSourceError {
  return new FeederSourceError(
    'FEEDER_ERR_SOURCE_TOO_LARGE',
    request.source,
    `the body exceeds ${request.bodyBytesMax} bytes: check the URL points at the ticker endpoint`,
  );
}

function parseBody(text: string, source: string): unknown {
  try {
    return parseLosslessJson(text, null, (digits) => digits);
  } catch (cause) {
    const start = JSON.stringify(text.slice(0, 40));
    throw new FeederSourceError(
      'FEEDER_ERR_SOURCE_MALFORMED',
      source,
      `the body is not JSON (starts ${start})`,
      {
        cause,
      },
    );
  }
}

function parseDateHeader(header: string | null): number | undefined {
  if (header === null) return undefined;
  const ms = Date.parse(header);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

function asSourceError(
  error: unknown,
  context: { readonly request: HttpJsonRequest; readonly timeout: AbortSignal },
): FeederSourceError {
  const { request, timeout } = context;
  if (error instanceof FeederSourceError) return error;
  if (timeout.aborted)
    return new FeederSourceError(
      'FEEDER_ERR_SOURCE_TIMEOUT',
      request.source,
      `no complete answer from ${request.url.origin} within ${request.timeoutMs} ms`,
      { cause: error },
    );
  if (request.signal.aborted)
    return new FeederSourceError('FEEDER_ERR_SOURCE_ABORTED', request.source, 'the round was cancelled', {
      cause: error,
    });
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new FeederSourceError(
    'FEEDER_ERR_SOURCE_UNREACHABLE',
    request.source,
    `cannot reach ${request.url.origin} (${reason}): check the base URL and the network`,
    { cause: error },
  );
}
