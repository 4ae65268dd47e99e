import type { Context, MiddlewareHandler } from 'hono';
import type { Readable } from 'node:stream';
import { HttpError } from '../../errors/http-error.js';

/** A request body read once, at the edge: its text and its size in bytes. */
interface BufferedBody {
  text: string;
  bytes: number;
}

/** Bodies already read for a request, so nested bounds (global, then per route) and readJson share one read. */
const buffered = new WeakMap<Context, BufferedBody>();

/** Methods whose bodies are never read. */
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The Node.js request behind a context, when the app runs under @hono/node-server (`c.env.incoming`). */
function nodeIncoming(c: Context): Readable | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming && typeof (incoming as Readable).on === 'function' ? (incoming as Readable) : undefined;
}

/** Reads at most `maxBytes` from a byte stream; undefined when the body is longer. */
async function readBounded(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<BufferedBody | undefined> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) return undefined;
    parts.push(chunk);
  }
  return { text: Buffer.concat(parts, bytes).toString('utf8'), bytes };
}

/** The web-standard body as an async iterable of bytes (app.request() in tests, or any non-Node runtime). */
async function* webChunks(c: Context): AsyncIterable<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) return;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * Bounds the request body to `maxBytes` and reads it once. Under Node.js the body is read straight from the
 * IncomingMessage: building a web `Request` and `ReadableStream` for every call, as hono's bodyLimit and
 * `c.req.text()` do, cost about half of the server's CPU per `/v1/check` (measured with autocannon, see
 * docs/benchmarks.md). A declared Content-Length above the bound is refused before anything is read; a longer
 * body without one is refused as soon as it passes the bound. Nested bounds reuse the first read.
 */
export function boundedBody(maxBytes: number, onTooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    if (BODYLESS.has(c.req.method)) return next();
    const already = buffered.get(c);
    if (already) return already.bytes > maxBytes ? onTooLarge(c) : next();
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > maxBytes) return onTooLarge(c);
    const incoming = nodeIncoming(c);
    let body: BufferedBody | undefined;
    try {
      body = await readBounded(incoming ?? webChunks(c), maxBytes);
    } catch {
      throw new HttpError(400, 'bad_body', 'the request body could not be read');
    }
    if (!body) return onTooLarge(c);
    buffered.set(c, body);
    return next();
  };
}

/** The body `boundedBody` read for this request, or undefined when no bound ran (the caller reads it itself). */
export function bufferedText(c: Context): string | undefined {
  return buffered.get(c)?.text;
}
