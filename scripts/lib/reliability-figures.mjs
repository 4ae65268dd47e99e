// Measured figures of the reliability tests. Each test file writes its own fragment to .tmp/reliability/<name>.json
// (test files run in parallel processes, so one shared file would need locking); `npm run reliability:report`
// merges the fragments into .tmp/reliability-figures.json and renders the table in docs/reliability.md.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FRAGMENT_DIR = path.join(ROOT, '.tmp', 'reliability');
export const FIGURES_FILE = path.join(ROOT, '.tmp', 'reliability-figures.json');

/** Writes (replaces) one test file's fragment: `{ name, recordedAt, figures }`. */
export function writeFigures(name, figures) {
  if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new RangeError(`figures name must be a short slug (got ${name})`);
  mkdirSync(FRAGMENT_DIR, { recursive: true });
  const body = { name, recordedAt: new Date().toISOString(), figures };
  writeFileSync(path.join(FRAGMENT_DIR, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
}

/** Every fragment written so far, by name. */
export function readFigures() {
  const out = {};
  let files = [];
  try {
    files = readdirSync(FRAGMENT_DIR).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return out;
  }
  for (const file of files) {
    const body = JSON.parse(readFileSync(path.join(FRAGMENT_DIR, file), 'utf8'));
    out[body.name] = body;
  }
  return out;
}
