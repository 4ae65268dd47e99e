// A small TCP proxy for fault tests: it forwards 127.0.0.1:<port> to a target and can, on command, add delay to
// every chunk in both directions, drop every open connection, or hold all traffic (a black hole) until released.
// It exists so fault tests need no root, no tc/netem and no third-party tool. Bounds: at most `maxConnections`
// client connections at once (more are refused), a delay of at most 60 s, and at most 16 MiB waiting per connection.
import net from 'node:net';

const MAX_DELAY_MS = 60_000;
/** Bytes one connection may have waiting in the proxy (delayed or held) before it is reset. */
const MAX_HELD_BYTES = 16 * 1024 * 1024;

/**
 * Starts a proxy to `target` ({ host, port }) on a free loopback port (or `port`).
 * Returns { port, url, setDelay(ms), setDelayFor(pattern, ms), dropAll(), setBlackhole(on), stats(), close() }.
 */
export async function startTcpProxy({ target, port = 0, maxConnections = 512 }) {
  let delayMs = 0;
  /** A targeted delay for client-to-target chunks whose text matches a pattern (one slow command). */
  let match;
  let blackhole = false;
  const open = new Set();
  const counts = { accepted: 0, refused: 0, dropped: 0, delayedChunks: 0, bytes: 0 };

  /** Resolves when the black hole is lifted (at once when there is none). */
  let release = Promise.resolve();
  let lift = () => {};

  /**
   * Copies `from` to `to` in order. A chunk leaves `delayMs` after it arrived (latency, not a queue that adds up),
   * and while the black hole is on it waits, as TCP would retransmit through a partition, so no byte is lost.
   */
  const pipe = (from, to, pair, upstream) => {
    let chain = Promise.resolve();
    from.on('data', (chunk) => {
      counts.bytes += chunk.length;
      const targeted = upstream && match !== undefined && match.pattern.test(chunk.toString('latin1'));
      const wait = Math.max(delayMs, targeted ? match.ms : 0);
      const due = Date.now() + wait;
      if (wait > 0) counts.delayedChunks += 1;
      pair.held += chunk.length;
      if (pair.held > MAX_HELD_BYTES) {
        // A bound on memory: a connection that piles up more than this while held is reset instead.
        pair.end();
        return;
      }
      chain = chain.then(async () => {
        while (blackhole) await release;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
        pair.held -= chunk.length;
        if (!to.destroyed) to.write(chunk);
      });
    });
  };

  const server = net.createServer((client) => {
    if (open.size >= maxConnections) {
      counts.refused += 1;
      client.destroy();
      return;
    }
    counts.accepted += 1;
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    const pair = { client, upstream, held: 0, end: () => {} };
    open.add(pair);
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    pair.end = end;
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    pipe(client, upstream, pair, true);
    pipe(upstream, client, pair, false);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const chosen = server.address().port;

  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    /** Every chunk, both ways, waits this long from now on (0 = none). */
    setDelay(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) throw new RangeError(`delay must be 0..${MAX_DELAY_MS} ms`);
      delayMs = ms;
    },
    /**
     * Delays only client-to-target chunks whose text matches `pattern` (e.g. /SUBSCRIBE/i) by `ms`, and what
     * follows them on that connection, since order is kept; `setDelayFor(undefined)` clears it.
     */
    setDelayFor(pattern, ms = 0) {
      if (pattern === undefined) {
        match = undefined;
        return;
      }
      if (!(pattern instanceof RegExp) || !Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) throw new RangeError(`setDelayFor needs a RegExp and 0..${MAX_DELAY_MS} ms`);
      match = { pattern, ms };
    },
    /** Resets every open connection, as a crashed middlebox or a failover would. */
    dropAll() {
      for (const pair of [...open]) {
        counts.dropped += 1;
        if (pair.client.resetAndDestroy) pair.client.resetAndDestroy();
        else pair.client.destroy();
        pair.upstream.destroy();
        open.delete(pair);
      }
    },
    /**
     * While on, connections are accepted but nothing is forwarded either way (a silent network partition); what
     * was sent meanwhile is delivered, in order, when it is lifted.
     */
    setBlackhole(on) {
      if (on && !blackhole) release = new Promise((resolve) => (lift = resolve));
      if (!on && blackhole) {
        blackhole = false;
        lift();
      }
      blackhole = Boolean(on);
    },
    stats() {
      return { ...counts, open: open.size, delayMs, blackhole };
    },
    close() {
      blackhole = false;
      lift();
      for (const pair of [...open]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
