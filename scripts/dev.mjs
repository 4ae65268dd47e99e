// `npm run dev`: the API server (restarted by tsx on change) and the Vite dev server with hot reload.
// vite.config.ts proxies /v1, /healthz and /metrics to the API on 127.0.0.1:8787, so use the Vite URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (process.env.PORT && process.env.PORT !== '8787') {
  console.warn(`dev: PORT=${process.env.PORT}, but the Vite proxy in vite.config.ts points at 8787; API calls from the page will miss.`);
}
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'apps/server/src/main.ts'], { cwd: root, stdio: 'inherit', env: process.env }),
  spawn(bin('vite'), [], { cwd: root, stdio: 'inherit', env: process.env }),
];
let exiting = false;
function stopAll(code) {
  if (exiting) return;
  exiting = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stopAll(0));
