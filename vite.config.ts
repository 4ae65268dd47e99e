import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config for the web build (apps/web) and for vitest over every workspace.
export default defineConfig({
  root: 'apps/web',
  plugins: [react()],
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
