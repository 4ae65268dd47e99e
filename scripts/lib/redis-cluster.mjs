// Starts and stops a throwaway local Redis Cluster: three masters (no replicas) on free loopback ports, created with
// `redis-cli --cluster create`, for the cluster tests and for trying the server against a cluster by hand:
//   node scripts/lib/redis-cluster.mjs        # prints REDIS_CLUSTER_NODES=..., Ctrl-C stops and removes it
// Each node is a redis-server from redis-server.mjs (no persistence, temporary directory removed on stop).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, startRedis } from './redis-server.mjs';

const run = promisify(execFile);

/** redis-cli with a bounded wait: a wedged node must fail the setup, not hang it. */
async function cli(args, timeoutMs = 30_000, access = {}) {
  const auth = access.password === undefined ? [] : ['-a', access.password, '--no-auth-warning'];
  const tls = access.tls === undefined ? [] : ['--tls', '--cacert', access.tls.ca, ...(access.tls.clientCert ? ['--cert', access.tls.clientCert, '--key', access.tls.clientKey] : [])];
  const { stdout } = await run('redis-cli', [...auth, ...tls, ...args], { timeout: timeoutMs });
  return stdout;
}

/** Polls until every node reports cluster_state:ok and knows all nodes (bounded: `timeoutMs`). */
async function waitForClusterOk(ports, timeoutMs, access) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const infos = await Promise.all(ports.map((p) => cli(['-h', '127.0.0.1', '-p', String(p), 'cluster', 'info'], 30_000, access).catch((e) => String(e))));
    const ok = infos.every(
      (info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${ports.length}`) && info.includes('cluster_slots_ok:16384'),
    );
    if (ok) return;
    last = infos.map((info, i) => `${ports[i]}: ${info.split('\n').find((l) => l.startsWith('cluster_state')) ?? info.trim()}`).join('; ');
    if (Date.now() > deadline) throw new Error(`Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms (${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `masters` (default 3, at least 3 as redis-cli requires) cluster-enabled redis-servers and joins them into
 * one cluster covering all 16384 slots. Returns { nodes: [{host, port}], ports, env, stop() }; `env` is the
 * REDIS_CLUSTER_NODES value ("127.0.0.1:p1,127.0.0.1:p2,...") the server's configuration reads. With `password`
 * every node requires it (requirepass, and masterauth for the nodes among themselves). With `tls` ({ ca, cert, key,
 * clientCert, clientKey } PEM files, e.g. from tls-certs.mjs) every node, and the cluster bus, speaks only TLS on its
 * port; with `tls.requireClientCert` the nodes also require a client certificate from the CA (Redis's default). With
 * `announceHostnames` node i tells clients it is node-<i>.ratelab-cluster.invalid, a name that never resolves, so only
 * a client with a NAT map (announced address -> reachable address) can follow the cluster's redirections.
 */
export async function startRedisCluster({ masters = 3, timeoutMs = 30_000, password = undefined, tls = undefined, announceHostnames = false } = {}) {
  const access = { password, tls };
  if (masters < 3) throw new RangeError('a Redis Cluster needs at least 3 masters');
  const servers = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    for (let i = 0; i < masters; i += 1) {
      const port = await freePort();
      // The cluster bus defaults to port + 10000, which may not exist (ports go up to 65535) or be taken; pick it.
      const busPort = await freePort();
      servers.push(
        await startRedis({
          port,
          extraArgs: [
            '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(busPort), '--cluster-node-timeout', '5000',
            ...(password === undefined ? [] : ['--requirepass', password, '--masterauth', password]),
            // Clients are told a host name no resolver knows (as behind NAT or in a container network); the nodes
            // still reach each other by IP over the cluster bus.
            ...(announceHostnames ? ['--cluster-announce-hostname', `node-${i + 1}.ratelab-cluster.invalid`, '--cluster-preferred-endpoint-type', 'hostname'] : []),
            // The port chosen above becomes the TLS port; plain TCP is switched off (the later --port wins).
            ...(tls === undefined
              ? []
              : ['--port', '0', '--tls-port', String(port), '--tls-cluster', 'yes', '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca,
                  '--tls-auth-clients', tls.requireClientCert ? 'yes' : 'no']),
          ],
        }),
      );
    }
    const ports = servers.map((s) => s.port);
    await cli(['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], timeoutMs, access);
    await waitForClusterOk(ports, timeoutMs, access);
    return {
      nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
      ports,
      env: ports.map((p) => `127.0.0.1:${p}`).join(','),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Run directly: start a cluster for manual experiments and keep it until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startRedisCluster();
  console.log(`REDIS_CLUSTER_NODES=${cluster.env}`);
  console.log('Redis Cluster is up (3 masters); press Ctrl-C to stop it and remove its data.');
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
