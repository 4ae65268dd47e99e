// Makes sure the system programs the test suite drives are present: redis-server and redis-cli (real Redis for the
// conformance, cluster and fault tests), openssl (certificates for the TLS cluster test) and Chromium at
// /usr/bin/chromium (Playwright cannot download browsers here).
// When something is missing and we run as root with apt-get, it is installed from Debian packages; otherwise the
// caller gets one line that says exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hasCommand } from './redis-server.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Each need: how to tell it is there, and the Debian package that provides it. */
const NEEDS = {
  'redis-server': { present: () => hasCommand('redis-server'), pkg: 'redis-server' },
  'redis-cli': { present: () => hasCommand('redis-cli'), pkg: 'redis-server' },
  openssl: { present: () => hasCommand('openssl'), pkg: 'openssl' },
  [CHROMIUM]: { present: () => existsSync(CHROMIUM), pkg: 'chromium' },
};

function apt(args) {
  console.log(`[prerequisites] apt-get ${args.join(' ')}`);
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run.status === 0;
}

/**
 * Ensures every program in `names` (keys of NEEDS) exists. Returns undefined when all are present (possibly after
 * installing them), or the one-line message to print when they cannot be installed from here.
 */
export function ensurePrerequisites(names) {
  const missing = names.filter((name) => !NEEDS[name].present());
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((name) => NEEDS[name].pkg))];
  const line = `missing ${missing.join(', ')}: install with \`sudo apt-get install -y ${packages.join(' ')}\` (Debian/Ubuntu), then run npm test again`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) return line;
  console.log(`[prerequisites] ${missing.join(', ')} missing; installing ${packages.join(' ')} with apt-get`);
  // One `apt-get update`, then the install: a fresh container has no package lists at all.
  if (!apt(['update']) || !apt(['install', '-y', ...packages])) return `apt-get failed; ${line}`;
  const still = names.filter((name) => !NEEDS[name].present());
  return still.length ? `still missing ${still.join(', ')} after apt-get; ${line}` : undefined;
}
