// `npm start`: builds the web playground when its build is missing or stale, then runs the server (tsx).
// The server prints its URL. Signals are passed on so the server's graceful shutdown runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = path.join(root, 'dist/web/index.html');
const webIndex = path.join(root, 'apps/web/index.html');
const webSrc = path.join(root, 'apps/web/src');

/** Newest modification time under `dir` (ms), skipping node_modules; bounded by the size of the source tree. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function webSources() {
  const packages = path.join(root, 'packages');
  const pkgSrcs = existsSync(packages) ? readdirSync(packages).map((p) => path.join(packages, p, 'src')) : [];
  return [webIndex, webSrc, path.join(root, 'vite.config.ts'), ...pkgSrcs];
}

const hasWebApp = existsSync(webIndex) && existsSync(webSrc) && readdirSync(webSrc).length > 0;
if (!hasWebApp) {
  console.log('start: apps/web has no app to build yet; the server will say so at / and serve the API.');
} else {
  const builtAt = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...webSources().map((p) => (existsSync(p) ? (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) : 0)));
  if (builtAt < sourcesAt) {
    console.log(builtAt ? 'start: the web build is older than its sources; rebuilding (npx vite build)…' : 'start: building the web playground (npx vite build)…');
    const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('start: the web build FAILED (see above). Starting the server anyway: the API works, the playground does not.');
    }
  } else {
    console.log('start: the web build is up to date.');
  }
}

const server = spawn(path.join(root, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
