// Types of tcp-proxy.mjs for the TypeScript tests that use it.
export interface TcpProxyStats {
  accepted: number;
  refused: number;
  dropped: number;
  delayedChunks: number;
  bytes: number;
  open: number;
  delayMs: number;
  blackhole: boolean;
}

export interface TcpProxy {
  port: number;
  url: string;
  setDelay(ms: number): void;
  setDelayFor(pattern: RegExp | undefined, ms?: number): void;
  dropAll(): void;
  setBlackhole(on: boolean): void;
  stats(): TcpProxyStats;
  close(): Promise<void>;
}

export function startTcpProxy(options: { target: { host?: string; port: number }; port?: number; maxConnections?: number }): Promise<TcpProxy>;
