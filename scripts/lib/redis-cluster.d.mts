// Types of redis-cluster.mjs for the TypeScript tests that use it.
export interface LocalRedisCluster {
  /** Every master, for an ioredis `Cluster` seed list. */
  nodes: { host: string; port: number }[];
  ports: number[];
  /** The REDIS_CLUSTER_NODES value for this cluster: "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3". */
  env: string;
  /** Stops every node and removes its temporary directory. */
  stop(): Promise<void>;
}

/** `password`: every node requires it (requirepass and masterauth). `tls`: PEM files; every node speaks only TLS. */
export function startRedisCluster(options?: {
  masters?: number;
  timeoutMs?: number;
  password?: string;
  tls?: { ca: string; cert: string; key: string; clientCert?: string; clientKey?: string; requireClientCert?: boolean };
  /** Node i announces node-<i>.ratelab-cluster.invalid (never resolves) to clients. */
  announceHostnames?: boolean;
}): Promise<LocalRedisCluster>;
