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
await p.waitForTimeout(2000);
const cdp = await p.context().newCDPSession(p);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
const n0 = await p.evaluate(() => performance.getEntriesByName('ratelab:resimulate+redraw').length);
await p.locator('fieldset.limiter-edit').first().getByLabel('Limit (requests)').fill('500');
await p.waitForFunction((n) => performance.getEntriesByName('ratelab:resimulate+redraw').length > n, n0);
await cdp.send('Tracing.end'); await done;
console.log('split', await p.evaluate(() => { const g = (n) => performance.getEntriesByName(n).at(-1)?.startTime; const e = g('ratelab:edit'); return { simulated: g('ratelab:simulated') - e, committed: g('ratelab:committed') - e, drawn: g('ratelab:drawn') - e }; }));
const tot = new Map();
for (const e of events) if (e.ph === 'X' && e.dur) tot.set(e.name, (tot.get(e.name) ?? 0) + e.dur);
console.log([...tot].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await b.close();
