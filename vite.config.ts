import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The labs' Lua lane runs ioredis-mock in the browser; its four Node imports are mapped to small shims there
// (apps/web/src/labs/compare/shims), and its two Node globals (process.nextTick for the connect event, Buffer.isBuffer
// in GET) get file-local stand-ins, so no global is defined and fengari keeps its browser paths. Only ioredis-mock's
// own code is touched, and never under vitest.
const shims = fileURLToPath(new URL('./apps/web/src/labs/compare/shims/', import.meta.url));
const IOREDIS_MOCK_SHIMS: Record<string, string> = { events: 'events.ts', stream: 'stream.ts', crypto: 'crypto.ts', 'ioredis/built/utils/index': 'ioredis-utils.ts' };
const NODE_GLOBALS =
  'var process = { env: {}, nextTick: function (fn) { var a = [].slice.call(arguments, 1); queueMicrotask(function () { fn.apply(null, a); }); }, hrtime: function () { return [0, 0]; } };\n' +
  'function Buffer() {}\n' +
  'Buffer.isBuffer = function () { return false; }; Buffer.from = function (v) { return new TextEncoder().encode(String(v)); }; Buffer.concat = function () { return new Uint8Array(0); };\n';
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
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]ioredis-mock[\\/]lib[\\/]index\.js$/.test(id)) return null;
      return { code: NODE_GLOBALS + code, map: null };
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
