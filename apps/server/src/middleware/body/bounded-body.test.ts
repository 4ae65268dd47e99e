import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../errors/read-json.js';
import { boundedBody } from './bounded-body.js';

/** An app with a loose outer bound and a tight bound on one route, as the server nests them. */
function app(): Hono {
  const a = new Hono();
  const tooLarge = (limit: number) => (c: Parameters<Parameters<typeof boundedBody>[1]>[0]) => c.json({ error: 'too_large', limit }, 413);
  a.use('/v1/*', boundedBody(64, tooLarge(64)));
  a.post('/v1/small', boundedBody(16, tooLarge(16)), async (c) => c.json({ got: await readJson(c) }));
  a.post('/v1/echo', async (c) => c.json({ got: await readJson(c) }));
  a.get('/v1/get', (c) => c.text('ok'));
  return a;
}

const json = (body: string, headers: Record<string, string> = {}) => ({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('boundedBody through app.request (web Request path)', () => {
  const a = app();
  it('passes bodies within every bound and lets readJson parse them', async () => {
    const res = await a.request('/v1/small', json('{"a":1}'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });
  it('refuses a body over the route bound even when the outer bound allows it', async () => {
    const res = await a.request('/v1/small', json(JSON.stringify({ a: 'x'.repeat(20) })));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_large', limit: 16 });
  });
  it('refuses a body over the outer bound', async () => {
    const res = await a.request('/v1/echo', json(JSON.stringify({ a: 'x'.repeat(100) })));
    expect(res.status).toBe(413);
  });
  it('never reads bodies of GET requests', async () => {
    expect((await a.request('/v1/get')).status).toBe(200);
  });
});

describe('boundedBody on a real Node.js server (IncomingMessage path)', () => {
  let server: ServerType;
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends `chunks` without a Content-Length (chunked), so only counting the bytes read can enforce the bound. */
  const chunked = (path: string, chunks: string[]) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (b: Buffer) => (body += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (const c of chunks) req.write(c);
      req.end();
    });

  it('reads a body within bounds from the socket and parses it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/small`, json('{"b":2}'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { b: 2 } });
  });
  it('refuses a declared Content-Length over the bound', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/echo`, json(JSON.stringify({ a: 'x'.repeat(100) })));
    expect(res.status).toBe(413);
  });
  it('refuses a chunked body once it passes the bound, and accepts one within it', async () => {
    expect((await chunked('/v1/small', ['{"a":', '"xxxxxxxxxxxxxxxxxxxx"}'])).status).toBe(413);
    const ok = await chunked('/v1/small', ['{"a":', '1}']);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ got: { a: 1 } });
  });
  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('{"é":"ü"}');
    const res = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/echo', method: 'POST' }, (r) => {
        let body = '';
        r.on('data', (b: Buffer) => (body += b.toString()));
        r.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.write(bytes.subarray(0, 3));
      req.end(bytes.subarray(3));
    });
    expect(JSON.parse(res)).toEqual({ got: { é: 'ü' } });
  });
});
