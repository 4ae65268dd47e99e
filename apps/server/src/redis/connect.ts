import { connect as tlsConnect } from 'node:tls';
import { Cluster, Redis } from 'ioredis';
import RedisMock from 'ioredis-mock';
import type { RedisTarget } from '../config.js';

/** The client type the server talks to: an ioredis Redis, an ioredis Cluster, or ioredis-mock posing as Redis. */
export type ServerRedis = Redis | Cluster;

/** What the app needs from its store: the main client, a way to open more, and what kind of store it is. */
export interface RedisHandle {
  kind: RedisTarget['kind'];
  /** 'embedded' for ioredis-mock; otherwise where it points (never includes a password). */
  describe: string;
  client: ServerRedis;
  /** A new, separate connection to the same data (subscribers, race replicas). The caller closes it. */
  connect(): ServerRedis;
}

let embeddedCounter = 0;

/**
 * Connection errors surface where they matter — as failed commands, which the breaker and onRedisDown handle, and
 * as breaker transitions in the log — so the client's own 'error' events are not printed once per retry.
 */
function quiet<T extends ServerRedis>(client: T, hints: ConnectionHints): T {
  client.on('error', (error: unknown) => warnOnce(error, hints));
  return client;
}

/** What to tell the operator when Redis refuses the credentials, its certificate is not trusted, or it wants ours. */
interface ConnectionHints {
  credentials: string;
  tls: string;
  unresolved: string;
}

const CLIENT_CERTIFICATE_HINT = 'Redis requires a client certificate: set REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE (signed by a CA it trusts).';

const REFUSED_CREDENTIALS = /NOAUTH|WRONGPASS|invalid (username-password|password)|AUTH <password> called without any password/i;
const UNTRUSTED_CERTIFICATE = /self[- ]signed certificate|unable to (verify|get local issuer)|certificate (has expired|is not yet valid)|Hostname\/IP does not match/i;
const CLIENT_CERTIFICATE_WANTED = /alert certificate required|alert (bad|unknown) certificate|peer did not return a certificate/i;
const UNRESOLVED_HOST = /getaddrinfo (ENOTFOUND|EAI_AGAIN) \S+/;
const warned = new Set<string>();

/**
 * A Redis that refuses this server's credentials, or whose certificate it cannot verify, will not start working on
 * its own, unlike one that is down, so each is said once, with what to set. ioredis reports a Cluster's node errors
 * inside the cluster's own error (lastNodeError).
 */
function warnOnce(error: unknown, hints: ConnectionHints): void {
  const text = [error, (error as { lastNodeError?: unknown } | null)?.lastNodeError].map((e) => (e instanceof Error ? e.message : '')).join(' ');
  for (const [kind, pattern, what, hint] of [
    ['credentials', REFUSED_CREDENTIALS, "refused this server's credentials", hints.credentials],
    ['tls', UNTRUSTED_CERTIFICATE, "presented a TLS certificate this server does not trust", hints.tls],
    ['client-certificate', CLIENT_CERTIFICATE_WANTED, 'refused this server without a client certificate it accepts', CLIENT_CERTIFICATE_HINT],
    ['unresolved', UNRESOLVED_HOST, 'has an address this server cannot resolve', hints.unresolved],
  ] as const) {
    const found = pattern.exec(text);
    if (!found || warned.has(kind)) continue;
    warned.add(kind);
    console.error(`ratelab: Redis ${what} (${found[0]}). ${hint}`);
  }
}

/**
 * ioredis does not pass on a cluster node's TLS errors (the cluster only reports "Connection is closed."), so with
 * TLS on, the first cluster error is checked by one connection of our own to a seed node, with the same TLS options:
 * a handshake, then a PING, because under TLS 1.3 a server that wants a client certificate says so only after the
 * handshake. Whatever fails is reported like any other error (warnOnce). Bounded: 2 s.
 */
function probeTlsOnFirstError(cluster: Cluster, node: { host: string; port: number }, tls: object, hints: ConnectionHints): void {
  cluster.once('error', () => {
    const socket = tlsConnect({ host: node.host, port: node.port, ...tls });
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('secureConnect', () => socket.write('PING\r\n'));
    socket.once('data', () => socket.destroy());
    socket.once('error', (error) => {
      socket.destroy();
      warnOnce(error, hints);
    });
  });
}

/** Connection options shared by every real connection: fail fast while Redis is away, reconnect on our own. */
function realOptions(timeoutMs: number) {
  return {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(500, timeoutMs * 4),
    maxRetriesPerRequest: 1,
    // Without an offline queue a command issued while Redis is away fails at once instead of waiting, so
    // requests get their onRedisDown answer in milliseconds rather than after a reconnect.
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(50 * times, 500),
    lazyConnect: true,
    // ioredis re-subscribes on reconnect with a promise nobody handles; with commandTimeout a slow Redis makes it
    // reject, and that unhandled rejection killed the process (found by the reliability fault tests). RuleStore
    // subscribes again on every 'ready' itself, with its failures handled.
    autoResubscribe: false,
  };
}

/**
 * Embedded connections open at once, at most: the app's client and subscriber, and per running lab up to its race
 * replicas (8 each, 2 labs by default). Each ioredis-mock instance listens on its data set's shared emitter, whose
 * default limit of 10 made Node print a "possible memory leak" warning during an ordinary race.
 */
const EMBEDDED_CONNECTIONS = 64;

/** An embedded store: ioredis-mock instances created with the same host/port share one data set. */
export function embeddedRedis(): RedisHandle {
  embeddedCounter += 1;
  const where = { host: 'ratelab-embedded', port: 20_000 + ((process.pid * 7 + embeddedCounter) % 40_000) };
  const make = () => {
    const mock = new RedisMock(where);
    // Internal to ioredis-mock (the shared context of one data set); if it moves, only the warning comes back.
    (mock as unknown as { context?: { modifiedKeyEvents?: { setMaxListeners(n: number): void } } }).context?.modifiedKeyEvents?.setMaxListeners(EMBEDDED_CONNECTIONS);
    return mock as unknown as Redis;
  };
  return { kind: 'embedded', describe: 'embedded (ioredis-mock, in this process, not persisted)', client: make(), connect: make };
}

export function redisHandle(target: RedisTarget, timeoutMs: number): RedisHandle {
  if (target.kind === 'embedded') return embeddedRedis();
  if (target.kind === 'single') {
    const options = { ...realOptions(timeoutMs), ...(target.tls ? { tls: { ...target.tls } } : {}) };
    const make = () =>
      quiet(new Redis(target.url, options), {
        credentials: 'Put the user and password in REDIS_URL: redis://user:password@host:port (rediss:// for TLS).',
        tls: 'If Redis uses a private CA, set REDIS_TLS_CA_FILE to its PEM file.',
        unresolved: 'Check the host name in REDIS_URL.',
      });
    const safe = target.url.replace(/\/\/[^@/]*@/, '//***@');
    return { kind: 'single', describe: safe, client: make(), connect: make };
  }
  const hints = {
    credentials: 'Set REDIS_CLUSTER_PASSWORD (and REDIS_CLUSTER_USERNAME for an ACL user) to what the cluster nodes require.',
    tls: 'If the nodes use a private CA, set REDIS_TLS_CA_FILE to its PEM file.',
    unresolved:
      'A node announces an address this server cannot use (a container network or private endpoint): map it with REDIS_CLUSTER_NAT_MAP=announced-host:port=reachable-host:port,…',
  };
  // Every connection of the handle has the same target, so only the first one made (the app's main client) carries
  // the probe: one diagnosis serves them all, and a race's replicas do not each open a probe connection.
  let probe = target.tls && target.nodes[0] ? { node: target.nodes[0], tls: target.tls } : undefined;
  const make = () => {
    const cluster = quiet(
      new Cluster(target.nodes, {
        redisOptions: {
          ...realOptions(timeoutMs),
          ...(target.username !== undefined ? { username: target.username } : {}),
          ...(target.password !== undefined ? { password: target.password } : {}),
          ...(target.tls ? { tls: { ...target.tls } } : {}),
        },
        enableOfflineQueue: false,
        lazyConnect: true,
        ...(target.natMap ? { natMap: target.natMap } : {}),
        clusterRetryStrategy: (times: number) => Math.min(100 * times, 1000),
      }),
      hints,
    );
    // A node's own errors (an announced name that does not resolve, say) come as 'node error', not 'error'.
    cluster.on('node error', (error: unknown) => warnOnce(error, hints));
    if (probe) probeTlsOnFirstError(cluster, probe.node, probe.tls, hints);
    probe = undefined;
    return cluster;
  };
  const nat = target.natMap ? `, ${Object.keys(target.natMap).length} NAT-mapped address(es)` : '';
  const who = `${target.tls ? ' over TLS' : ''}${target.password === undefined ? '' : ` as ${target.username ?? 'default'} with a password`}${nat}`;
  return { kind: 'cluster', describe: `cluster ${target.nodes.map((n) => `${n.host}:${n.port}`).join(',')}${who}`, client: make(), connect: make };
}

/** Opens a lazily created connection, bounded; resolves false instead of throwing when Redis is unreachable. */
export async function openConnection(client: ServerRedis, timeoutMs: number): Promise<boolean> {
  const status = (client as { status?: string }).status;
  if (status === 'ready' || status === undefined) return true;
  if (status !== 'wait') return status === 'connect' || status === 'connecting' ? waitReady(client, timeoutMs) : false;
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([connected, timer]);
}

function waitReady(client: ServerRedis, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Closes a connection without waiting on a Redis that may be gone. */
export function closeConnection(client: ServerRedis): void {
  try {
    client.disconnect();
  } catch {
    // Already closed: nothing to release.
  }
}
