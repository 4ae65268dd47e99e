// The only module of the server that reads process.env. Everything else receives a validated ServerConfig.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export type RedisTarget =
  | { kind: 'embedded' }
  /** `tls.ca`: a private CA to trust (REDIS_TLS_CA_FILE) for a rediss:// URL. */
  | { kind: 'single'; url: string; tls?: RedisTls }
  /**
   * `username` and `password` (REDIS_CLUSTER_USERNAME / REDIS_CLUSTER_PASSWORD) authenticate to every node; `tls`
   * (REDIS_CLUSTER_TLS, REDIS_TLS_CA_FILE) makes every node connection TLS.
   */
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; username?: string; password?: string; tls?: RedisTls; natMap?: NatMap };

/** REDIS_CLUSTER_NAT_MAP: the address a node announces ("host:port") -> the address this server reaches it at. */
export type NatMap = Record<string, { host: string; port: number }>;

/**
 * TLS to Redis: `ca` is the PEM text of a private CA to trust (without it, the system's trusted CAs); `cert` and `key`
 * a client certificate and its key, for a Redis that requires one (its default when TLS is on: tls-auth-clients yes).
 */
export interface RedisTls {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface BreakerConfig {
  /** 'local': each process has its own breaker; 'shared': state also travels through Redis (default 'local'). */
  scope: 'local' | 'shared';
  /** Consecutive failed Redis calls that open the breaker (default 5). */
  failureThreshold: number;
  /** How long the breaker stays open before letting a probe through, in ms (default 2000). */
  openMs: number;
  /** Requests allowed to try Redis while half-open (default 1). */
  halfOpenProbes: number;
}

export interface ServerConfig {
  /** TCP port (default 8787). */
  port: number;
  /** Interface to listen on (default 0.0.0.0). */
  host: string;
  redis: RedisTarget;
  adminToken: string;
  /** True when ADMIN_TOKEN was unset and a random token was generated for this run. */
  adminTokenGenerated: boolean;
  /** Allowed CORS origins; empty = no CORS headers (default empty; the dev server proxies instead). */
  corsOrigins: string[];
  /** Bound on every Redis call, in ms (default 250). */
  redisTimeoutMs: number;
  breaker: BreakerConfig;
  /** How often each process compares its rule version with Redis, in ms (default 500, at most 1000). */
  rulesCheckMs: number;
  /** Largest request body accepted, in bytes (default 262144). */
  maxBodyBytes: number;
  /** Time allowed for in-flight requests at SIGTERM before exiting anyway, in ms (default 5000). */
  shutdownTimeoutMs: number;
  /** Directory of the built web app (default <repo>/dist/web). */
  staticDir: string;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_STATIC_DIR = path.resolve(here, '../../../dist/web');

const int = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: int('PORT', 8787, 0, 65535),
  HOST: z.string().optional(),
  REDIS_URL: z.string().optional(),
  REDIS_CLUSTER_NODES: z.string().optional(),
  REDIS_CLUSTER_USERNAME: z.string().optional(),
  REDIS_CLUSTER_PASSWORD: z.string().optional(),
  REDIS_CLUSTER_TLS: z.string().optional(),
  REDIS_CLUSTER_NAT_MAP: z.string().optional(),
  REDIS_TLS_CA_FILE: z.string().optional(),
  REDIS_TLS_CERT_FILE: z.string().optional(),
  REDIS_TLS_KEY_FILE: z.string().optional(),
  ADMIN_TOKEN: z.string().optional(),
  CORS_ORIGIN: z.string().optional(),
  REDIS_TIMEOUT_MS: int('REDIS_TIMEOUT_MS', 250, 10, 10_000),
  BREAKER_SCOPE: z.string().optional(),
  BREAKER_FAILURE_THRESHOLD: int('BREAKER_FAILURE_THRESHOLD', 5, 1, 1000),
  BREAKER_OPEN_MS: int('BREAKER_OPEN_MS', 2000, 50, 600_000),
  BREAKER_HALF_OPEN_PROBES: int('BREAKER_HALF_OPEN_PROBES', 1, 1, 100),
  RULES_CHECK_MS: int('RULES_CHECK_MS', 500, 50, 1000),
  MAX_BODY_BYTES: int('MAX_BODY_BYTES', 262_144, 1024, 10 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: int('SHUTDOWN_TIMEOUT_MS', 5000, 100, 60_000),
  STATIC_DIR: z.string().optional(),
});

/** The Cluster's credentials: only with REDIS_CLUSTER_NODES, and free of control characters (they travel in AUTH). */
function clusterAuth(username: string | undefined, password: string | undefined, clustered: boolean, problems: string[]) {
  const auth: { username?: string; password?: string } = {};
  for (const [name, value] of [['REDIS_CLUSTER_USERNAME', username], ['REDIS_CLUSTER_PASSWORD', password]] as const) {
    if (value === undefined || value === '') continue;
    if (!clustered) problems.push(`${name} applies to REDIS_CLUSTER_NODES only; for one Redis put the credentials in REDIS_URL (rediss://user:password@host:port)`);
    // eslint-disable-next-line no-control-regex
    else if (value.length > 512 || /[\x00-\x1f\x7f]/.test(value)) problems.push(`${name} must be 1 to 512 characters without control characters`);
    else auth[name === 'REDIS_CLUSTER_USERNAME' ? 'username' : 'password'] = value;
  }
  if (auth.username !== undefined && auth.password === undefined) problems.push('REDIS_CLUSTER_USERNAME is set without REDIS_CLUSTER_PASSWORD: an ACL user needs both');
  return auth;
}

/** PEM files named by the TLS variables, and the line each must contain. */
const TLS_FILES = [
  { name: 'REDIS_TLS_CA_FILE', field: 'ca', marker: '-----BEGIN CERTIFICATE-----', what: 'PEM certificate' },
  { name: 'REDIS_TLS_CERT_FILE', field: 'cert', marker: '-----BEGIN CERTIFICATE-----', what: 'PEM certificate' },
  { name: 'REDIS_TLS_KEY_FILE', field: 'key', marker: 'PRIVATE KEY-----', what: 'PEM private key' },
] as const;

type TlsEnv = Partial<Record<'REDIS_CLUSTER_TLS' | (typeof TLS_FILES)[number]['name'], string>>;

/**
 * TLS settings: REDIS_CLUSTER_TLS turns TLS on for a cluster (a rediss:// REDIS_URL already is TLS);
 * REDIS_TLS_CA_FILE names a private CA to trust, REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE a client certificate,
 * for either. The files are read here, once, so a bad path stops the start with its name rather than failing every
 * connection later.
 */
function parseTls(e: TlsEnv, target: RedisTarget, readFile: (path: string) => string, problems: string[]): RedisTls | undefined {
  const flag = e.REDIS_CLUSTER_TLS?.trim().toLowerCase() ?? '';
  if (!['', '0', '1', 'false', 'true', 'no', 'yes'].includes(flag)) problems.push(`REDIS_CLUSTER_TLS must be 1 or 0 (true/false, yes/no; got "${e.REDIS_CLUSTER_TLS}")`);
  const clusterTls = ['1', 'true', 'yes'].includes(flag);
  if (clusterTls && target.kind !== 'cluster') problems.push('REDIS_CLUSTER_TLS applies to REDIS_CLUSTER_NODES only; for one Redis use a rediss:// REDIS_URL');
  const tls = (target.kind === 'cluster' && clusterTls) || (target.kind === 'single' && /^rediss:/i.test(target.url));
  const files = TLS_FILES.filter((f) => e[f.name]?.trim());
  if (files.length === 0) return tls ? {} : undefined;
  if (!tls) {
    problems.push(`${files.map((f) => f.name).join(' and ')} ${files.length > 1 ? 'are' : 'is'} set but no connection uses TLS: use a rediss:// REDIS_URL, or REDIS_CLUSTER_TLS=1 with REDIS_CLUSTER_NODES`);
    return undefined;
  }
  if (!e.REDIS_TLS_CERT_FILE?.trim() !== !e.REDIS_TLS_KEY_FILE?.trim()) problems.push('REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE go together: a client certificate needs its key');
  const out: RedisTls = {};
  for (const f of files) {
    const path = (e[f.name] as string).trim();
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      problems.push(`${f.name}: cannot read "${path}" (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (!text.includes(f.marker)) problems.push(`${f.name}: "${path}" holds no ${f.what} (a line with ${f.marker} is expected)`);
    else out[f.field] = text;
  }
  return out;
}

const HOST_PORT = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/;

/** "host:port" as { host, port }, brackets of an IPv6 host removed; undefined when it is not one. */
function hostPort(text: string): { host: string; port: number } | undefined {
  const m = HOST_PORT.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) return undefined;
  return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port };
}

/**
 * REDIS_CLUSTER_NAT_MAP: "announced:port=reachable:port,…", for nodes that announce addresses this server cannot
 * reach (a container network, a private endpoint). Only with REDIS_CLUSTER_NODES; every pair is checked.
 */
function parseNatMap(text: string | undefined, clustered: boolean, problems: string[]): NatMap | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (!clustered) {
    problems.push('REDIS_CLUSTER_NAT_MAP applies to REDIS_CLUSTER_NODES only');
    return undefined;
  }
  const map: NatMap = {};
  for (const pair of t.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to, extra] = pair.split('=');
    const announced = from === undefined ? undefined : hostPort(from);
    const reachable = to === undefined ? undefined : hostPort(to);
    if (!announced || !reachable || extra !== undefined) {
      problems.push(`REDIS_CLUSTER_NAT_MAP: "${pair}" is not announced-host:port=reachable-host:port (example: 10.0.1.5:6379=203.0.113.7:16379)`);
      continue;
    }
    map[`${announced.host}:${announced.port}`] = reachable;
  }
  return map;
}

function parseRedis(url: string | undefined, nodes: string | undefined, problems: string[]): RedisTarget {
  const u = url?.trim() || undefined;
  const n = nodes?.trim() || undefined;
  if (u && n) {
    problems.push('REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a Cluster, not both');
    return { kind: 'embedded' };
  }
  if (u) {
    if (!/^rediss?:\/\/[^\s]+$/.test(u)) {
      problems.push(`REDIS_URL must look like redis://host:port or rediss://user:pass@host:port/db (got "${u}")`);
    }
    return { kind: 'single', url: u };
  }
  if (n) {
    const parsed = n.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
      const node = hostPort(part);
      if (!node) problems.push(`REDIS_CLUSTER_NODES: "${part}" is not host:port (example: 10.0.0.1:7000,10.0.0.2:7000)`);
      return node ?? { host: '', port: 0 };
    });
    if (parsed.length === 0) problems.push('REDIS_CLUSTER_NODES is set but lists no host:port');
    return { kind: 'cluster', nodes: parsed };
  }
  return { kind: 'embedded' };
}

/** Validates an environment; pure but for the token generator and the file reader (REDIS_TLS_CA_FILE), which tests pass. */
export function parseConfig(
  env: Record<string, string | undefined>,
  generateToken = () => randomBytes(24).toString('base64url'),
  readFile = (path: string) => readFileSync(path, 'utf8'),
): ConfigResult {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(issue.message);
    return { ok: false, problems };
  }
  const e = parsed.data;
  const redis = parseRedis(e.REDIS_URL, e.REDIS_CLUSTER_NODES, problems);
  const auth = clusterAuth(e.REDIS_CLUSTER_USERNAME, e.REDIS_CLUSTER_PASSWORD, redis.kind === 'cluster', problems);
  if (redis.kind === 'cluster') Object.assign(redis, auth);
  const tls = parseTls(e, redis, readFile, problems);
  if (tls && redis.kind !== 'embedded') redis.tls = tls;
  const natMap = parseNatMap(e.REDIS_CLUSTER_NAT_MAP, redis.kind === 'cluster', problems);
  if (natMap && redis.kind === 'cluster') redis.natMap = natMap;
  let adminToken = e.ADMIN_TOKEN?.trim() ?? '';
  const adminTokenGenerated = adminToken === '';
  if (adminTokenGenerated) adminToken = generateToken();
  else if (!/^[\x21-\x7e]{16,256}$/.test(adminToken)) {
    problems.push('ADMIN_TOKEN must be 16 to 256 printable ASCII characters without spaces (or unset it to get a random one)');
  }
  const scope = (e.BREAKER_SCOPE ?? 'local').trim() || 'local';
  if (scope !== 'local' && scope !== 'shared') problems.push(`BREAKER_SCOPE must be "local" or "shared" (got "${scope}")`);
  const corsOrigins = (e.CORS_ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^\s/]+$/.test(origin)) {
      problems.push(`CORS_ORIGIN: "${origin}" must be * or an origin like https://example.com (no path)`);
    }
  }
  const host = e.HOST?.trim() || '0.0.0.0';
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: {
      port: e.PORT,
      host,
      redis,
      adminToken,
      adminTokenGenerated,
      corsOrigins,
      redisTimeoutMs: e.REDIS_TIMEOUT_MS,
      breaker: {
        scope: scope as 'local' | 'shared',
        failureThreshold: e.BREAKER_FAILURE_THRESHOLD,
        openMs: e.BREAKER_OPEN_MS,
        halfOpenProbes: e.BREAKER_HALF_OPEN_PROBES,
      },
      rulesCheckMs: e.RULES_CHECK_MS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      staticDir: e.STATIC_DIR?.trim() ? path.resolve(e.STATIC_DIR.trim()) : DEFAULT_STATIC_DIR,
    },
  };
}

/** Reads and validates this process's environment (the one read of process.env in the server). */
export function readConfig(): ConfigResult {
  return parseConfig(process.env);
}
