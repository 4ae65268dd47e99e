// A small TCP proxy for fault tests: it forwards 127.0.0.1:<port> to a target and can, on command, add delay to
// every chunk in both directions, drop every open connection, or black-hole new ones (accept, forward nothing).
// It exists so fault tests need no root, no tc/netem and no third-party tool. Bounds: at most `maxConnections`
// client connections at once (more are refused), and a delayed chunk waits at most `delayMs` (capped at 60 s).
import net from 'node:net';

const MAX_DELAY_MS = 60_000;

/**
 * Starts a proxy to `target` ({ host, port }) on a free loopback port (or `port`).
 * Returns { port, url, setDelay(ms), dropAll(), setBlackhole(on), stats(), close() }.
 */
export async function startTcpProxy({ target, port = 0, maxConnections = 512 }) {
  let delayMs = 0;
  let blackhole = false;
  const open = new Set();
  const counts = { accepted: 0, refused: 0, dropped: 0, delayedChunks: 0, bytes: 0 };

  /** Copies `from` to `to`, honouring the current delay while keeping chunk order. */
  const pipe = (from, to) => {
    let chain = Promise.resolve();
    from.on('data', (chunk) => {
      counts.bytes += chunk.length;
      if (blackhole) return;
      const wait = delayMs;
      if (wait > 0) counts.delayedChunks += 1;
      chain = chain.then(
        () =>
          new Promise((resolve) => {
            const send = () => {
              if (!to.destroyed) to.write(chunk);
              resolve();
            };
            if (wait > 0) setTimeout(send, wait).unref();
            else send();
          }),
      );
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
    const pair = { client, upstream };
    open.add(pair);
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    pipe(client, upstream);
    pipe(upstream, client);
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
    /** While on, connections are accepted but nothing is forwarded either way (a silent network partition). */
    setBlackhole(on) {
      blackhole = Boolean(on);
    },
    stats() {
      return { ...counts, open: open.size, delayMs, blackhole };
    },
    close() {
      for (const pair of [...open]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
