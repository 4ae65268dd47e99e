import type { Lane, LaneDifference } from './diff';

const ROW = 34;
const LEFT = 150;

/** One row per engine, decisions aligned by index; differing decisions get a ring, the scrubbed one a cursor. */
export function Lanes({ lanes, limiterIndex, diffs, at }: { lanes: Lane[]; limiterIndex: number; diffs: LaneDifference[]; at: number }) {
  const width = 900;
  const count = Math.max(1, ...lanes.map((l) => l.trace.limiters[limiterIndex]?.decisions.length ?? 0));
  const step = (width - LEFT - 10) / count;
  const x = (i: number) => LEFT + i * step + step / 2;
  const diffAt = new Map(diffs.map((d) => [d.index, d]));
  const height = 16 + lanes.length * ROW;
  const label = `${lanes.length} lanes of ${count} decisions; ${diffs.length} differing decision(s)${diffs.length ? ` at #${diffs.slice(0, 20).map((d) => d.index).join(', #')}` : ''}. Cursor at #${at}.`;
  return (
    <svg className="lanes" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} data-testid="compare-lanes">
      {diffs.map((d) => (
        <rect key={`d${d.index}`} x={x(d.index) - Math.max(2, step / 2)} y={4} width={Math.max(4, step)} height={height - 8} className="diff-band" />
      ))}
      <line x1={x(at)} x2={x(at)} y1={0} y2={height} className="cursor" />
      {lanes.map((l, row) => {
        const y = 10 + row * ROW;
        const decisions = l.trace.limiters[limiterIndex]?.decisions ?? [];
        return (
          <g key={l.id}>
            <text x={4} y={y + 14} className="lane-label">{l.label}</text>
            {decisions.map((d, i) => (
              <rect
                key={i}
                x={x(i) - Math.max(1, step * 0.35)}
                y={y + 2}
                width={Math.max(2, step * 0.7)}
                height={18}
                className={`${d.allowed ? 'tick-ok' : 'tick-no'}${d.fallback ? ' tick-fb' : ''}${diffAt.get(i)?.fields[l.id] ? ' tick-diff' : ''}`}
              />
            ))}
          </g>
        );
      })}
    </svg>
  );
}
