// Reports the playground's JavaScript sizes from the build output (dist/web), gzip level 9:
//   node apps/web/scripts/bundle-size.mjs
// "entry" is what index.html loads (its module script and modulepreloads); "first view" adds the simulator worker,
// which the first run needs before anything can be drawn. This is a quick estimate from file names; the budget
// (issue 5: 250 KB gzip) is checked by e2e/first-load.spec.ts, which counts every .js file the browser actually
// requests, page and workers, until the first run's charts are painted.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const assets = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const gz = (f) => gzipSync(readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const firstView = [...entry, ...assets.filter((f) => /^sim\.worker-/.test(f))];
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
for (const f of assets.sort((a, b) => gz(b) - gz(a))) console.log(`${kb(gz(f)).padStart(9)}  ${f}`);
console.log(`entry (index.html scripts): ${kb(sum(entry))}`);
console.log(`first view (entry + simulator worker): ${kb(sum(firstView))} (budget 250 KB; measured in the browser by e2e/first-load.spec.ts)`);
