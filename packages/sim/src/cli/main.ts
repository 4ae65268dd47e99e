import { readFile, stat } from 'node:fs/promises';
import { BUILTIN_SCENARIOS, builtinScenario } from '../builtins.js';
import { wallClockMs } from '../clock.js';
import type { SimRedis } from '../engine/redis-backend.js';
import { runScenario, runScenarioAsync } from '../run.js';
import { DEFAULT_LIMITS } from '../scenario/limits.js';
import { parseScenario } from '../scenario/parse.js';
import type { Scenario } from '../scenario/types.js';
import { compareTraces } from '../trace/compare.js';
import type { EngineName, Trace } from '../trace/types.js';
import { formatTrace } from './format.js';

/** Where the CLI writes, and how it reaches Redis: injected so tests run it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** REDIS_URL from the environment, if any. */
  redisUrlFromEnv: string | undefined;
  /** Opens a client for an engine; the CLI closes it. */
  connect(engine: 'lua' | 'redis', url: string | undefined): Promise<SimRedis & { quit(): Promise<unknown> }>;
}

/** Exit codes: 0 ok, 1 engines differ under --compare, 2 bad scenario or bad arguments, 3 could not run (Redis unreachable). */
export const EXIT = { ok: 0, differ: 1, badInput: 2, failed: 3 } as const;

export const USAGE =
  'usage: npm run -s replay -- <file.json | built-in id> [--engine sim|lua|redis] [--redis-url URL] [--json] [--compare sim,lua,redis]\n' +
  '       npm run -s replay -- --list';

const ENGINES: EngineName[] = ['sim', 'lua', 'redis'];

interface Args {
  target?: string;
  engine: EngineName;
  redisUrl?: string;
  json: boolean;
  list: boolean;
  compare?: EngineName[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { engine: 'sim', json: false, list: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[i + 1];
      i += 1;
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--list') args.list = true;
    else if (a === '--engine') {
      const v = value();
      if (!ENGINES.includes(v as EngineName)) return `--engine must be one of ${ENGINES.join(', ')} (got ${v ?? 'nothing'})`;
      args.engine = v as EngineName;
    } else if (a === '--redis-url') {
      const v = value();
      if (!v) return '--redis-url needs a URL';
      args.redisUrl = v;
    } else if (a === '--compare') {
      const list = (value() ?? '').split(',').filter(Boolean);
      if (list.length < 2 || list.some((e) => !ENGINES.includes(e as EngineName)))
        return `--compare needs two or more of ${ENGINES.join(', ')}, comma-separated (e.g. --compare sim,lua)`;
      args.compare = list as EngineName[];
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (args.target === undefined) args.target = a;
    else return `only one scenario at a time (got ${args.target} and ${a})`;
  }
  if (!args.list && args.target === undefined) return 'which scenario? give a file or a built-in id (--list shows them)';
  return args;
}

async function load(target: string): Promise<{ scenario: Scenario } | { problems: string[] }> {
  const builtin = builtinScenario(target);
  if (builtin) return { scenario: builtin };
  let text: string;
  try {
    const info = await stat(target);
    if (info.size > DEFAULT_LIMITS.maxFileBytes)
      return { problems: [`${target}: the file is ${info.size} bytes; the limit is ${DEFAULT_LIMITS.maxFileBytes}`] };
    text = await readFile(target, 'utf8');
  } catch {
    return { problems: [`${target}: no such file, and not a built-in scenario id (--list shows them)`] };
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) return { problems: parsed.issues.map((i) => `${target}: ${i.path || '(file)'}: ${i.message}`) };
  return { scenario: parsed.scenario };
}

async function run(scenario: Scenario, engine: EngineName, args: Args, io: CliIo): Promise<Trace> {
  if (engine === 'sim') return runScenario(scenario);
  const url = engine === 'redis' ? (args.redisUrl ?? io.redisUrlFromEnv) : undefined;
  if (engine === 'redis' && !url) throw new Error('--engine redis needs --redis-url URL or REDIS_URL');
  const redis = await io.connect(engine, url);
  try {
    // A prefix unique to this process and moment, so concurrent replays on one Redis never share keys.
    const prefix = `replay-${process.pid}-${wallClockMs()}`;
    return await runScenarioAsync(scenario, { engine, redis, prefix });
  } finally {
    await redis.quit();
  }
}

/** The replay CLI without the process around it; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (args.list) {
    io.out(`${BUILTIN_SCENARIOS.map((s) => `${s.id.padEnd(26)} ${s.title}`).join('\n')}\n`);
    return EXIT.ok;
  }
  const loaded = await load(args.target as string);
  if ('problems' in loaded) {
    io.err(`${loaded.problems.join('\n')}\n`);
    return EXIT.badInput;
  }
  try {
    if (args.compare) {
      const traces: Trace[] = [];
      for (const engine of args.compare) traces.push(await run(loaded.scenario, engine, args, io));
      const base = traces[0] as Trace;
      for (const other of traces.slice(1)) {
        const result = compareTraces(base, other);
        if (!result.same) {
          io.out(args.json ? `${JSON.stringify({ same: false, engines: [base.engine, other.engine], first: result.first })}\n` : `DIFFERENT: ${result.first.explanation}\n`);
          return EXIT.differ;
        }
      }
      const total = base.limiters.reduce((n, l) => n + l.decisions.length, 0);
      io.out(args.json ? `${JSON.stringify({ same: true, engines: args.compare, decisions: total })}\n` : `same: ${args.compare.join(', ')} agree on all ${total} decisions\n`);
      return EXIT.ok;
    }
    const trace = await run(loaded.scenario, args.engine, args, io);
    io.out(args.json ? `${JSON.stringify(trace)}\n` : `${formatTrace(trace)}\n`);
    return EXIT.ok;
  } catch (error) {
    io.err(`could not run the scenario: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
