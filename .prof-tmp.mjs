import { chromium } from '@playwright/test';
import LZ from 'lz-string';
const sc = { format: 1, id: 'perf-10k', title: 't', seed: 3, durationMs: 10000,
  limiters: [ { id: 'fw', algorithm: 'fixed-window', limit: 600, windowMs: 1000 }, { id: 'log', algorithm: 'sliding-log', limit: 600, windowMs: 1000 },
    { id: 'tb', algorithm: 'token-bucket', capacity: 600, refillPerSecond: 600 }, { id: 'gcra', algorithm: 'gcra', ratePerSecond: 600, burst: 600 } ],
  clients: [{ id: 'load', arrivals: { kind: 'steady', ratePerSecond: 1000, fromMs: 0, toMs: 10000 } }] };
const url = `http://127.0.0.1:4799/?v=1&s=${LZ.compressToEncodedURIComponent(JSON.stringify(sc))}&step=0`;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 720 } });
await p.goto(url);
await p.waitForSelector('.card .recharts-surface');
await p.waitForTimeout(1500);
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const n0 = await p.evaluate(() => performance.getEntriesByName('ratelab:resimulate+redraw').length);
await p.locator('fieldset.limiter-edit').first().getByLabel('Limit (requests)').fill('500');
await p.waitForFunction((n) => performance.getEntriesByName('ratelab:resimulate+redraw').length > n, n0);
const { profile } = await cdp.send('Profiler.stop');
console.log('split', await p.evaluate(() => { const g = (n) => performance.getEntriesByName(n).at(-1)?.startTime; const e = g('ratelab:edit'); return { simulated: g('ratelab:simulated') - e, committed: g('ratelab:committed') - e, drawn: g('ratelab:drawn') - e }; }));
console.log('measure', await p.evaluate(() => performance.getEntriesByName('ratelab:resimulate+redraw').at(-1).duration));
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, us] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + us); seen.add(k); } cur = parent.get(cur); } }
console.log('--- inclusive');
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await b.close();
