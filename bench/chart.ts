// Draws docs/benchmarks.svg from a bench run: decisions per second (median of rounds) per contender as horizontal
// bars, with the best peer and the redis-benchmark ceilings as reference lines. Run alone it redraws the chart
// from bench/results.json: `node --import tsx bench/chart.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ChartInput {
  date: string;
  machine: { nproc: string; cpu: string; node: string; redis: string };
  settings: { rounds: number; concurrency: number; keys: number };
  bestPeer: { name: string; decisionsPerSecond: number };
  rows: { name: string; group: string; decisionsPerSecond: number; min: number; max: number }[];
  ceilings: { name: string; requestsPerSecond: number; pipeline: number }[];
}

const COLORS: Record<string, string> = { ratelab: '#2563eb', 'ratelab-batch': '#059669', peer: '#9ca3af' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderChart(input: ChartInput): string {
  const rows = [...input.rows].sort((a, b) => b.decisionsPerSecond - a.decisionsPerSecond);
  const labelW = 330;
  const plotW = 520;
  const barH = 18;
  const gap = 6;
  const top = 64;
  const height = top + rows.length * (barH + gap) + 70;
  const width = labelW + plotW + 110;
  const maxV = Math.max(...rows.map((r) => r.max), ...input.ceilings.map((c) => c.requestsPerSecond)) * 1.05;
  const x = (v: number) => labelW + (v / maxV) * plotW;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<title>ratelab benchmark: decisions per second, median of ${input.settings.rounds} rounds</title>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="600">Decisions per second against one local Redis (median of ${input.settings.rounds} interleaved rounds; whiskers: min..max)</text>`);
  out.push(`<text x="10" y="40" fill="#4b5563">${esc(`${input.settings.concurrency} in flight, ${input.settings.keys} keys · ${input.machine.nproc} cores ${input.machine.cpu} · Node ${input.machine.node} · Redis ${input.machine.redis} · ${input.date.slice(0, 16).replace('T', ' ')} UTC`)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    out.push(`<text x="${labelW - 8}" y="${y + barH - 5}" text-anchor="end">${esc(r.name)}</text>`);
    out.push(`<rect x="${labelW}" y="${y}" width="${Math.max(1, x(r.decisionsPerSecond) - labelW).toFixed(1)}" height="${barH}" fill="${COLORS[r.group] ?? '#6b7280'}"/>`);
    out.push(`<line x1="${x(r.min).toFixed(1)}" x2="${x(r.max).toFixed(1)}" y1="${y + barH / 2}" y2="${y + barH / 2}" stroke="#111827" stroke-width="1"/>`);
    out.push(`<text x="${(x(r.max) + 6).toFixed(1)}" y="${y + barH - 5}" fill="#111827">${Math.round(r.decisionsPerSecond).toLocaleString('en-US')}</text>`);
  });
  const bottom = top + rows.length * (barH + gap);
  // A light axis: five round ticks across the plot.
  const step = 10 ** Math.floor(Math.log10(maxV / 4));
  const tick = Math.ceil(maxV / 4 / step) * step;
  for (let v = 0; v <= maxV; v += tick) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top - 4}" y2="${bottom}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${top - 8}" text-anchor="middle" fill="#6b7280" font-size="10">${Math.round(v / 1000)}k</text>`);
  }
  const refs = [
    { v: input.bestPeer.decisionsPerSecond, label: `best peer (${input.bestPeer.name})`, color: '#dc2626' },
    ...input.ceilings.map((c) => ({ v: c.requestsPerSecond, label: c.name.replace('redis-benchmark EVALSHA token-bucket', 'redis-benchmark'), color: '#7c3aed' })),
  ];
  refs.forEach((ref, i) => {
    out.push(`<line x1="${x(ref.v).toFixed(1)}" x2="${x(ref.v).toFixed(1)}" y1="${top - 6}" y2="${bottom}" stroke="${ref.color}" stroke-dasharray="4 3"/>`);
    out.push(`<text x="10" y="${bottom + 18 + i * 16}" fill="${ref.color}">- - ${esc(ref.label)}: ${Math.round(ref.v).toLocaleString('en-US')}/s</text>`);
  });
  const legend = [
    ['ratelab (one EVALSHA per check)', COLORS.ratelab],
    ['ratelab batch: true', COLORS['ratelab-batch']],
    ['peers', COLORS.peer],
  ];
  legend.forEach(([label, color], i) => {
    out.push(`<rect x="${labelW + 240}" y="${bottom + 8 + i * 16}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${labelW + 256}" y="${bottom + 17 + i * 16}">${esc(label as string)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const results = JSON.parse(readFileSync(path.join(root, 'bench/results.json'), 'utf8')) as ChartInput;
  writeFileSync(path.join(root, 'docs/benchmarks.svg'), renderChart(results));
  console.log('wrote docs/benchmarks.svg');
}
