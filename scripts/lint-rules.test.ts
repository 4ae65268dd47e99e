// Proves the layering and determinism rules of eslint.config.js can fail: each violation below must be reported
// by the named rule, and each allowed counterpart must pass, when linted as if it lived at `file`.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The ids of the rules that fire on `code` placed at `file` (relative to the repository root). */
async function firedRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`fixture did not parse: ${fatal.message}`);
  return result.messages.map((m) => m.ruleId ?? 'unknown');
}

const IMPORTS = 'no-restricted-imports';
const ESCAPE = 'ratelab/no-escaping-relative-imports';
const PROPS = 'no-restricted-properties';
const SYNTAX = 'no-restricted-syntax';
const GLOBALS = 'no-restricted-globals';
/** `x` is used so the fixtures never trip no-unused-vars. */
const use = (line: string) => `${line}\nexport const used = [x];\n`;

const violations: [string, string, string, string][] = [
  // [what, file, code, rule that must fire]
  ['algorithms imports the simulator', 'packages/algorithms/src/limiter/x.ts', use("import { x } from '@ratelab/sim';"), IMPORTS],
  ['algorithms imports a sim path', 'packages/algorithms/src/limiter/x.ts', use("import { x } from '../../../sim/src/index.js';"), ESCAPE],
  ['algorithms imports an app', 'packages/algorithms/src/x.ts', use("import { x } from '../../../apps/server/src/app.js';"), ESCAPE],
  ['algorithms test imports the sim', 'packages/algorithms/src/x.test.ts', use("import { x } from '@ratelab/sim';"), IMPORTS],
  ['sim imports a deep algorithms path', 'packages/sim/src/engine.ts', use("import { x } from '@ratelab/algorithms/source/rules.ts';"), IMPORTS],
  ['sim imports the server', 'packages/sim/src/engine.ts', use("import { x } from '@ratelab/server';"), IMPORTS],
  ['sim reaches algorithms by path', 'packages/sim/src/engine.ts', use("import { x } from '../../algorithms/src/index.js';"), ESCAPE],
  ['a package imports React', 'packages/sim/src/view.ts', use("import x from 'react';"), IMPORTS],
  ['a package imports react-dom/client', 'packages/algorithms/src/view.ts', use("import x from 'react-dom/client';"), IMPORTS],
  ['a package imports recharts', 'packages/sim/src/chart.ts', use("import { x } from 'recharts';"), IMPORTS],
  ['a package imports zustand', 'packages/sim/src/store.ts', use("import { x } from 'zustand';"), IMPORTS],
  ['a package imports @xstate/react', 'packages/algorithms/src/breaker/x.ts', use("import { x } from '@xstate/react';"), IMPORTS],
  ['a package imports hono', 'packages/sim/src/http.ts', use("import { x } from 'hono';"), IMPORTS],
  ['a package imports an app by name', 'packages/sim/src/x.ts', use("import { x } from '@ratelab/web';"), IMPORTS],
  ['a package touches the DOM', 'packages/sim/src/x.ts', 'export const x = document.title;\n', GLOBALS],
  ['library code creates a Redis client', 'packages/sim/src/engine.ts', use("import x from 'ioredis-mock';"), IMPORTS],
  ['the web app imports a deep path', 'apps/web/src/x.tsx', use("import { x } from '@ratelab/algorithms/source/models/gcra.ts';"), IMPORTS],
  ['the server imports test support', 'apps/server/src/x.ts', use("import { x } from '@ratelab/algorithms/source/test-support/redis.ts';"), IMPORTS],
  ['the server imports a sim deep path', 'apps/server/src/x.ts', use("import { x } from '@ratelab/sim/source/engine.ts';"), IMPORTS],
  ['an app reaches a package by path', 'apps/web/src/x.ts', use("import { x } from '../../../packages/algorithms/src/index.js';"), ESCAPE],
  ['an app reaches another app by path', 'apps/web/src/x.ts', use("import { x } from '../../server/src/app.js';"), ESCAPE],
  ['the server reads process.env outside config', 'apps/server/src/app.ts', 'export const x = process.env.PORT;\n', PROPS],
  ['a package destructures process.env', 'packages/sim/src/engine.ts', 'export const { env } = process;\n', PROPS],
  ['Date.now in a package CLI', 'packages/sim/src/cli/replay.ts', 'export const x = Date.now();\n', PROPS],
  ['the server imports env', 'apps/server/src/app.ts', use("import { env as x } from 'node:process';"), SYNTAX],
  ['Date.now in a package', 'packages/sim/src/engine.ts', 'export const x = Date.now();\n', PROPS],
  ['Math.random in a package', 'packages/algorithms/src/x.ts', 'export const x = Math.random();\n', PROPS],
  ['performance.now in a package', 'packages/sim/src/engine.ts', 'export const x = performance.now();\n', PROPS],
  ['setTimeout in a package', 'packages/sim/src/engine.ts', 'export const x = setTimeout(() => 1, 5);\n', GLOBALS],
  ['setInterval in a package', 'packages/algorithms/src/x.ts', 'export const x = setInterval(() => 1, 5);\n', GLOBALS],
  ['globalThis.setTimeout in a package', 'packages/sim/src/engine.ts', 'export const x = globalThis.setTimeout(() => 1, 5);\n', PROPS],
  ['new Date() in a package', 'packages/sim/src/engine.ts', 'export const x = new Date();\n', SYNTAX],
];

const allowed: [string, string, string][] = [
  ['algorithms imports itself', 'packages/algorithms/src/limiter/x.ts', use("import { x } from '../models/registry.js';")],
  ['a package test reaches scripts/lib', 'packages/algorithms/src/conformance/x.test.ts', use("import { x } from '../../../../scripts/lib/redis-server.mjs';")],
  ['sim imports the algorithms index', 'packages/sim/src/engine.ts', use("import { x } from '@ratelab/algorithms';")],
  ['sim tests import algorithms test support', 'packages/sim/src/engine.test.ts', use("import { x } from '@ratelab/algorithms/source/test-support/redis.ts';")],
  ['library code imports Redis types', 'packages/sim/src/engine.ts', use("import type { Redis as x } from 'ioredis';")],
  ['the sim CLI creates a Redis client', 'packages/sim/src/cli/replay.ts', use("import x from 'ioredis';")],
  ['the web app imports the indexes', 'apps/web/src/x.tsx', use("import { x } from '@ratelab/algorithms';\nimport { y } from '@ratelab/sim';\nexport const z = y;")],
  ['the web app shows raw source', 'apps/web/src/x.ts', use("import x from '@ratelab/algorithms/source/lua/gcra.lua.ts?raw';")],
  ['the web app uses React', 'apps/web/src/x.tsx', use("import x from 'react';")],
  ['a server test imports test support', 'apps/server/src/x.test.ts', use("import { x } from '@ratelab/algorithms/source/test-support/redis.ts';")],
  ['a package CLI entry point reads process.env', 'packages/sim/src/cli/replay.ts', 'export const x = process.env.REDIS_URL;\n'],
  ['the config module reads process.env', 'apps/server/src/config.ts', 'export const x = process.env.PORT;\n'],
  ['a test reads process.env', 'apps/server/src/app.test.ts', 'export const x = process.env.PORT;\n'],
  ['a script reads process.env', 'scripts/start.mjs', 'export const x = process.env.PORT;\n'],
  ['the clock module reads Date.now', 'packages/algorithms/src/clock.ts', 'export const x = Date.now();\n'],
  ['the prng module uses Math.random', 'packages/sim/src/prng.ts', 'export const x = Math.random();\n'],
  ['the timers module uses setTimeout', 'packages/sim/src/time/timers.ts', 'export const x = setTimeout(() => 1, 5);\n'],
  ['a package test uses timers and Date', 'packages/sim/src/engine.test.ts', 'export const x = [Date.now(), setTimeout(() => 1, 5), new Date()];\n'],
  ['a date from a number', 'packages/sim/src/engine.ts', 'export const x = new Date(0).toISOString();\n'],
  ['apps may use timers', 'apps/server/src/reload.ts', 'export const x = setInterval(() => Date.now(), 1000);\n'],
];

describe('eslint layering rules', () => {
  it.each(violations)('fires on: %s', async (_what, file, code, rule) => {
    expect(await firedRules(file, code)).toContain(rule);
  });

  it.each(allowed)('allows: %s', async (_what, file, code) => {
    expect(await firedRules(file, code)).toEqual([]);
  });
});
