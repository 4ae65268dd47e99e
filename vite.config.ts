import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The labs' Lua lane runs ioredis-mock in the browser; its four Node imports are mapped to small shims there
// (apps/web/src/labs/compare/shims). Only imports made by ioredis-mock itself are touched, and never under vitest.
const shims = fileURLToPath(new URL('./apps/web/src/labs/compare/shims/', import.meta.url));
const IOREDIS_MOCK_SHIMS: Record<string, string> = { events: 'events.ts', stream: 'stream.ts', crypto: 'crypto.ts', 'ioredis/built/utils/index': 'ioredis-utils.ts' };
function ioredisMockInBrowser(): Plugin {
  return {
    name: 'ratelab-ioredis-mock-browser',
    enforce: 'pre',
    apply: () => !process.env.VITEST,
    resolveId(source, importer) {
      if (!importer || !/[\\/]node_modules[\\/]ioredis-mock[\\/]/.test(importer)) return null;
      const shim = IOREDIS_MOCK_SHIMS[source];
      return shim ? shims + shim : null;
    },
  };
}

// One config for the web build (apps/web) and for vitest over every workspace.
export default defineConfig({
  root: 'apps/web',
  plugins: [react(), ioredisMockInBrowser()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787', '/healthz': 'http://127.0.0.1:8787', '/metrics': 'http://127.0.0.1:8787' } },
  test: {
    root: '.',
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
