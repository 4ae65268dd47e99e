// `npm run reliability:report`: merges the figures the reliability tests measured (.tmp/reliability/*.json, written
// by the last `npm test` or `npx vitest run ...`) into .tmp/reliability-figures.json, and renders the figures table
// of docs/reliability.md between its `figures:start` and `figures:end` markers. It never invents a number: a figure
// whose test did not run is shown as "not measured". Exit 2 when there is nothing to report or the markers are gone.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIGURES_FILE, ROOT, readFigures } from './lib/reliability-figures.mjs';

const DOC = path.join(ROOT, 'docs', 'reliability.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

const fragments = readFigures();
if (Object.keys(fragments).length === 0) {
  console.error('reliability:report: no figures in .tmp/reliability/; run the tests first:');
  console.error('  npx vitest run apps/server/src/reliability packages/algorithms/src/reliability');
  process.exit(2);
}
writeFileSync(FIGURES_FILE, `${JSON.stringify(fragments, null, 2)}\n`);

const f = (name) => fragments[name]?.figures;
const NA = 'not measured in this run';
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const rows = [];
const row = (area, what, value) => rows.push(`| ${area} | ${what} | ${value ?? NA} |`);

const conc = f('algorithms-concurrency');
if (conc) {
  const variants = Object.values(conc.variants ?? {});
  const naiveChecks = (conc.naive?.trials ?? 0) * (conc.naive?.checksPerTrial ?? 0);
  row('Concurrency (library)', 'checks fired at one key through 4 connections (atomic scripts, incl. batch mode)', sum(variants.map((v) => v.checks)));
  row('Concurrency (library)', 'trials (algorithm variants x trials)', `${sum(variants.map((v) => v.trials))} over ${variants.length} variants`);
  row('Concurrency (library)', 'trials where an atomic script admitted other than the model', sum(variants.map((v) => v.mismatchedTrials)));
  if (conc.naive) {
    row('Concurrency (library)', 'naive bucket: checks fired in all trials / admissions the model allows per trial', `${naiveChecks} / ${conc.naive.expectedPerTrial}`);
    row('Concurrency (library)', 'naive bucket: admitted per trial (over-admission, total)', `${conc.naive.admittedPerTrial.join(', ')} (+${conc.naive.overAdmittedTotal} in ${conc.naive.overAdmittingTrials} of ${conc.naive.trials} trials)`);
  }
} else row('Concurrency (library)', 'checks fired', NA);

const two = f('server-two-processes');
if (two) {
  row('Concurrency (2 server processes)', 'POST /v1/check fired (6 algorithms, split over 2 processes)', two.checksFired);
  row('Concurrency (2 server processes)', 'trials where admitted != limit', two.mismatchedTrials);
  row('Concurrency (2 server processes)', 'rule PUT on one process live on the other after', `${two.rulePropagationMs} ms`);
  if (two.race) row('Concurrency (2 server processes)', 'POST /v1/race, 8 replicas x 200 requests: atomic admitted / naive admitted (capacity 10)', `${two.race.atomicAdmitted.join(', ')} / ${two.race.naiveAdmitted.join(', ')}`);
} else row('Concurrency (2 server processes)', 'checks fired', NA);

const faults = f('server-faults');
if (faults) {
  const kinds = new Map();
  for (const fault of faults.faults) kinds.set(fault, (kinds.get(fault) ?? 0) + 1);
  row('Redis faults', 'faults injected', `${faults.faultsInjected}: ${[...kinds].map(([k, n]) => `${k} (x${n})`).join('; ')}`);
  row('Redis faults', 'requests answered during the fault run / 5xx or dropped', `${faults.requests} / ${faults.fiveXX}`);
  row('Redis faults', `answer latency p50 / p99 / max (Redis timeout ${faults.redisTimeoutMs} ms; asserted p99 <= ${faults.p99BoundMs} ms, max <= ${faults.maxBoundMs} ms)`, `${faults.latency.p50} / ${faults.latency.p99} / ${faults.latency.max} ms`);
  for (const [phase, p] of Object.entries(faults.phases ?? {})) {
    const sources = Object.entries(p.sources).map(([k, v]) => `${k} ${v}`).join(', ');
    row('Redis faults', `phase "${phase}": answers, max latency, decided by`, `${p.n}, ${p.max} ms, ${sources}`);
  }
  row('Redis faults', 'breaker open on both processes after SIGKILL', `${faults.breakerOpenedAfterKillMs} ms`);
  if (faults.convergence) row('Redis faults', 'shared breaker: A closed / B closed (no traffic, adopted) after restart; lag', `${faults.convergence.aClosedAfterRestartMs} / ${faults.convergence.bClosedAfterRestartMs} ms; ${faults.convergence.bLagMs} ms`);
  row('Redis faults', 'breaker open after Redis became slow / closed after it was fast again', `${faults.breakerOpenedAfterSlowMs} / ${faults.breakerClosedAfterFastMs} ms`);
  row('Redis faults', 'rules lost across a restart of an empty Redis (restored by the processes)', faults.rulesLost);
} else row('Redis faults', 'faults injected', NA);

const http = f('server-hostile-http');
if (http) {
  const r = http.requests;
  row('Hostile input', 'HTTP bodies fuzzed (check / rules PUT / race / replay)', `${http.requestsTotal} (${r.check} / ${r.rules} / ${r.race} / ${r.replay})`);
  row('Hostile input', 'answers by status; 5xx', `${Object.entries(http.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}; ${http.fiveXX}`);
  row('Hostile input', 'slowest fuzzed request', `${http.slowestMs} ms`);
  row('Hostile input', 'Redis keys checked for length and charset / distinct script texts sent', `${http.redisKeysChecked} / ${http.distinctScriptTexts}`);
}
const inj = f('algorithms-lua-injection');
if (inj) row('Hostile input', 'client keys tried on the library (refused before Redis / checked on Redis)', `${inj.keysTried} (${inj.refusedBeforeRedis} / ${inj.checkedOnRedis})`);
const scen = f('scenario-fuzz');
if (scen) {
  row('Hostile input', 'scenario documents parsed (rejected with paths / accepted and run)', `${scen.parsed} (${scen.rejected} / ${scen.ran})`);
  row('Hostile input', 'shared links decoded (problem shown / scenario validated)', `${scen.links} (${scen.linkProblems} / ${scen.linkScenarios})`);
  row('Hostile input', 'slowest parse / slowest run of an accepted mutated scenario', `${scen.slowestParseMs} / ${scen.slowestRunMs} ms`);
  if (scen.linkExpansion) row('Hostile input', 'link expansion (known limit): link chars -> decoded chars', `${scen.linkExpansion.linkChars} -> ${scen.linkExpansion.decodedChars} (x${scen.linkExpansion.ratio}, ${scen.linkExpansion.decodeMs} ms)`);
}
if (!http && !inj && !scen) row('Hostile input', 'inputs tried', NA);

const sec = f('server-security');
if (sec) {
  if (sec.labs) row('Security', 'lab requests sent / served / refused 429 (capacity 20)', `${sec.labs.requests} / ${sec.labs.served} / ${sec.labs.limited}`);
  if (sec.labsConcurrency) row('Security', '5 heavy races at once (maxConcurrent 2)', sec.labsConcurrency.join(', '));
  if (sec.generatedToken) row('Security', 'generated token: times in output / in responses; Redis password in output / responses', `${sec.generatedToken.tokenInOutput} / ${sec.generatedToken.tokenInResponses}; ${sec.generatedToken.passwordInOutput} / ${sec.generatedToken.passwordInResponses}`);
  if (sec.envToken) row('Security', 'token from ADMIN_TOKEN: times in output / in responses', `${sec.envToken.tokenInOutput} / ${sec.envToken.tokenInResponses}`);
}
const tok = f('server-admin-token');
if (tok) row('Security', 'tokens compared with timingSafeEqual on 32-byte digests', tok.tokensCompared);

const stamp = Object.values(fragments).map((x) => x.recordedAt).sort();
const table = [
  `Measured by the tests between ${stamp[0]} and ${stamp[stamp.length - 1]} (rendered by \`npm run reliability:report\`).`,
  '',
  '| area | figure | measured |',
  '| --- | --- | --- |',
  ...rows,
].join('\n');

const doc = readFileSync(DOC, 'utf8');
const a = doc.indexOf(START);
const b = doc.indexOf(END);
if (a === -1 || b === -1 || b < a) {
  console.error(`reliability:report: ${path.relative(ROOT, DOC)} lacks the ${START} ... ${END} markers`);
  process.exit(2);
}
writeFileSync(DOC, `${doc.slice(0, a + START.length)}\n${table}\n${doc.slice(b)}`);
console.log(`reliability:report: ${rows.length} figures from ${Object.keys(fragments).length} test files -> ${path.relative(ROOT, DOC)}`);
