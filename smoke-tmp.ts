import { BUILTIN_SCENARIOS, runScenario } from './packages/sim/src/index.js';
for (const s of BUILTIN_SCENARIOS) {
  const t0 = performance.now();
  const tr = runScenario(s);
  const ms = (performance.now()-t0).toFixed(1);
  console.log(s.id, ms + 'ms', 'breakerTransitions', tr.breaker.length);
  for (const l of tr.limiters) { const m = l.summary; console.log(`   ${l.id}: req=${m.requests} ok=${m.allowed} maxWin=${m.maxAllowedInAnyWindow} ideal=${m.idealAllowed} beyond=${m.admittedBeyondIdeal} fb=${JSON.stringify(m.fallbacks)} rec=${JSON.stringify(m.recovery)} br=${JSON.stringify(m.breakerTransitions)} errs=${l.decisions.filter(d=>d.fallbackReason==='redis-error').length} clients=${JSON.stringify(Object.fromEntries(Object.entries(m.clients).map(([k,v])=>[k,v.allowed+'/'+v.requests])))}`); }
}
