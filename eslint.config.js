// ESLint for the whole repository: the recommended JavaScript and TypeScript rules, plus ratelab's layering and
// determinism rules written as lint rules so that `npm test` fails when a file crosses a boundary.
// Flat config: when two blocks set the same rule for a file, the LATER block wins (rules are not merged), so each
// block below repeats the full list for its folder. scripts/lint-rules.test.ts proves every layering rule fires.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './scripts/lib/eslint-layering.mjs';

/** Test code (and the helpers only tests use) may read the clock, the environment and deep package paths. */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'e2e/**'];
/** The only package files allowed to touch wall-clock time, timers or Math.random. */
const CLOCK_FILES = ['packages/*/src/**/{clock,prng,random,time,timers}.ts'];
/** The only application file that reads process.env: configuration is validated once, at the edge. */
const CONFIG_FILE = 'apps/server/src/config.ts';
/** Command-line entry points are edges too (like scripts/): they read argv and the environment and pass them in. */
const CLI_FILES = 'packages/*/src/cli/**';

// ---- no-restricted-imports building blocks -------------------------------------------------------------------
const UI_AND_APPS = [
  {
    regex: '^(react|react-dom|recharts|zustand|@xstate/react|hono|@hono/[^/]+)(/.*)?$',
    message: 'packages/* are framework-free: React, recharts, zustand, @xstate/react and Hono belong in apps/*.',
  },
  { regex: '^@ratelab/(server|web)(/.*)?$', message: 'packages/* never import an app.' },
];
const NOTHING_OF_OURS = { regex: '^@ratelab/', message: 'packages/algorithms imports nothing of ours: it is the bottom layer.' };
const SIM_ONLY_ALGORITHMS = {
  regex: '^@ratelab/(?!algorithms$)',
  message: "packages/sim imports only '@ratelab/algorithms' (its public index), nothing deeper and no other workspace.",
};
const SIM_TESTS_ONLY_ALGORITHMS = {
  regex: '^@ratelab/(?!algorithms$|algorithms/source/)',
  message: "packages/sim tests import only '@ratelab/algorithms' (and its source/* for test support).",
};
/** Runtime Redis clients stay out of library code: callers hand one in (RedisLike); types are fine. */
const NO_REDIS_CLIENT = {
  regex: '^ioredis(-mock)?$',
  allowTypeImports: true,
  message: 'Library code takes a Redis client as an argument (RedisLike); only tests, test-support and the sim CLI create one.',
};
const APPS_PUBLIC_ONLY = {
  regex: '^@ratelab/(algorithms|sim)/(?!source/.*\\?raw$)',
  message: "Apps import packages through their public index ('@ratelab/algorithms', '@ratelab/sim'); source/*?raw is allowed for source views.",
};
const APPS_TESTS_PUBLIC_ONLY = {
  regex: '^@ratelab/(algorithms|sim)/(?!source/.*\\?raw$|source/test-support/)',
  message: "App tests import packages through their index, plus '@ratelab/algorithms/source/test-support/*'.",
};
const restrictImports = (...patterns) => ['error', { patterns }];

// ---- determinism and configuration building blocks -----------------------------------------------------------
const ENV_PROPERTY = { object: 'process', property: 'env', message: `Only ${CONFIG_FILE} reads process.env; pass configuration in.` };
const TIME_PROPERTIES = [
  ['Date', 'now'],
  ['Math', 'random'],
  ['performance', 'now'],
  ['globalThis', 'setTimeout'],
  ['globalThis', 'setInterval'],
  ['window', 'setTimeout'],
  ['window', 'setInterval'],
].map(([object, property]) => ({
  object,
  property,
  message: 'Time and randomness are arguments in packages/*: only clock.ts, prng.ts, random.ts, time.ts or timers.ts may call this.',
}));
const ENV_IMPORT = {
  selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
  message: `Only ${CONFIG_FILE} reads the environment.`,
};
const WALL_CLOCK_DATE = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.name='Date']",
  message: 'new Date() reads the wall clock: take the time as an argument (only the clock modules may read it).',
};
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map((name) => ({
  name,
  message: 'packages/* run in Node and the browser alike and never touch the DOM.',
}));
const TIMER_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({
  name,
  message: 'Timers are injected in packages/*: only clock.ts, prng.ts, random.ts, time.ts or timers.ts may use them.',
}));

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'blob-report/**',
    'coverage/**',
    '**/.tmp/**',
    '**/*.tsbuildinfo',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    plugins: { ratelab: layeringPlugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['e2e/**'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },

  // Layering: bare specifiers.
  { files: ['packages/**'], rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS) } },
  { files: ['packages/algorithms/**'], rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS, NOTHING_OF_OURS) } },
  {
    files: ['packages/algorithms/src/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS, NOTHING_OF_OURS, NO_REDIS_CLIENT) },
  },
  { files: ['packages/sim/**'], rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS, SIM_ONLY_ALGORITHMS) } },
  {
    files: ['packages/sim/src/**'],
    ignores: [...TESTS, 'packages/sim/src/cli/**'],
    rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS, SIM_ONLY_ALGORITHMS, NO_REDIS_CLIENT) },
  },
  {
    files: TESTS.map((glob) => `packages/sim/${glob}`),
    rules: { 'no-restricted-imports': restrictImports(...UI_AND_APPS, SIM_TESTS_ONLY_ALGORITHMS) },
  },
  { files: ['apps/**'], rules: { 'no-restricted-imports': restrictImports(APPS_PUBLIC_ONLY) } },
  { files: TESTS.map((glob) => `apps/${glob}`), rules: { 'no-restricted-imports': restrictImports(APPS_TESTS_PUBLIC_ONLY) } },

  // Layering: relative paths may not climb out of their workspace (tests may still reach scripts/lib helpers).
  { files: ['packages/**', 'apps/**'], rules: { 'ratelab/no-escaping-relative-imports': 'error' } },
  {
    files: TESTS.map((glob) => `{packages,apps}/*/${glob}`),
    rules: { 'ratelab/no-escaping-relative-imports': ['error', { allow: ['scripts'] }] },
  },

  // Configuration: process.env is read in one place.
  {
    files: ['packages/**', 'apps/**'],
    ignores: [...TESTS, CONFIG_FILE, CLI_FILES, 'packages/*/bench/**'],
    rules: {
      'no-restricted-properties': ['error', ENV_PROPERTY],
      'no-restricted-syntax': ['error', ENV_IMPORT],
    },
  },
  // Determinism: wall-clock time, timers and randomness only in the clock and generator modules of packages/*.
  { files: ['packages/**'], rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } },
  {
    files: ['packages/*/src/**'],
    ignores: [...TESTS, ...CLOCK_FILES],
    rules: {
      'no-restricted-properties': ['error', ENV_PROPERTY, ...TIME_PROPERTIES],
      'no-restricted-syntax': ['error', ENV_IMPORT, WALL_CLOCK_DATE],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...TIMER_GLOBALS],
    },
  },
  {
    files: [CLI_FILES],
    ignores: TESTS,
    rules: {
      'no-restricted-properties': ['error', ...TIME_PROPERTIES],
      'no-restricted-syntax': ['error', WALL_CLOCK_DATE],
    },
  },
);
