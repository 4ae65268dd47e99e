import type { Executed } from './race-model';

export const REPLICA_NAMES = ['A', 'B', 'C', 'D'];

const ROW = 30;
const TOP = 44;

/**
 * One lane per replica and one for Redis; each command is an arrow at its virtual time (one tick per command),
 * labelled with Redis's reply. A replica's decision is drawn on its own lane, where it was made.
 */
export function SequenceDiagram({ replicas, log, overAt, upTo }: { replicas: number; log: Executed[]; overAt: number | undefined; upTo: number }) {
  const lanes = replicas + 1;
  const width = Math.max(560, lanes * 170);
  const laneX = (i: number) => 60 + (i * (width - 120)) / (lanes - 1);
  const redisX = laneX(replicas);
  const shown = log.slice(0, upTo);
  const height = TOP + Math.max(1, shown.length) * ROW + 20;
  const label =
    `Sequence diagram: ${replicas} replicas and Redis, ${shown.length} command(s) so far. ` +
    shown.map((e) => `tick ${e.tick}: replica ${REPLICA_NAMES[e.replica]} ${e.name} → ${e.reply}${e.decision ? `, ${e.decision.allowed ? 'allowed' : 'blocked'}` : ''}`).join('; ');
  return (
    <svg className="seq" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      <defs>
        <marker id="seq-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      {Array.from({ length: lanes }, (_, i) => (
        <g key={i}>
          <text x={laneX(i)} y={18} textAnchor="middle" className="seq-head">{i === replicas ? 'Redis' : `Replica ${REPLICA_NAMES[i]}`}</text>
          <line x1={laneX(i)} x2={laneX(i)} y1={26} y2={height - 6} className="seq-lane" />
        </g>
      ))}
      {shown.map((e) => {
        const y = TOP + e.tick * ROW;
        const x = laneX(e.replica);
        const over = overAt === e.tick;
        return (
          <g key={e.tick} className={over ? 'seq-row over' : 'seq-row'}>
            <text x={6} y={y + 4} className="seq-tick">t{e.tick}</text>
            <line x1={x + 4} x2={redisX - 4} y1={y} y2={y + 8} markerEnd="url(#seq-arrow)" className="seq-arrow" />
            <text x={(x + redisX) / 2} y={y - 3} textAnchor="middle" className="seq-cmd">{`${e.name} → ${e.reply}`}</text>
            {e.decision && (
              <g>
                <rect x={x - 34} y={y + 6} width={68} height={16} rx={3} className={e.decision.allowed ? 'seq-ok' : 'seq-no'} />
                <text x={x} y={y + 18} textAnchor="middle" className="seq-dec">{e.decision.allowed ? '✓ allowed' : '✗ blocked'}</text>
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}
