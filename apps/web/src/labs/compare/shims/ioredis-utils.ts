// ioredis-mock imports only parseURL from ioredis's utils (which would drag in fs and path); the labs connect to nothing.
export function parseURL(url: string): { host?: string; port?: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: u.port };
  } catch {
    return {};
  }
}

export default { parseURL };
