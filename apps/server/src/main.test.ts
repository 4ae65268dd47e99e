import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('main.ts configuration errors', () => {
  it('exits 2 naming each variable to change, without a stack trace', () => {
    const run = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'abc', REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: 'x:1', ADMIN_TOKEN: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/PORT must be a whole number from 0 to 65535 \(got "abc"\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
