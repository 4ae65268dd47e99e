import { useId } from 'react';
import { actions } from '../state/app-store';
import type { LimiterJson } from '../state/types';
import { NumberField, SelectField } from './NumberField';
import { ALGORITHM_LABELS, ALGORITHM_PARAMS, convertLimiter, freshId, MAX_LIMITERS } from './params';

function update(index: number, fn: (l: LimiterJson) => LimiterJson) {
  actions.editScenario((s) => ({ ...s, limiters: s.limiters.map((l, i) => (i === index ? fn(l) : l)) }));
}

function LimiterFields({ limiter, index, count }: { limiter: LimiterJson; index: number; count: number }) {
  const checkId = useId();
  const fields = ALGORITHM_PARAMS[limiter.algorithm] ?? [];
  return (
    <fieldset className="limiter-edit">
      <legend>Limiter <b>{limiter.id}</b></legend>
      <SelectField
        label="Algorithm"
        value={limiter.algorithm}
        options={Object.entries(ALGORITHM_LABELS)}
        onChange={(a) => update(index, (l) => convertLimiter(l, a))}
      />
      <div className="grid2">
        {fields.map((f) =>
          f.kind === 'boolean' ? (
            <div className="field check" key={f.name}>
              <input id={checkId} type="checkbox" checked={limiter[f.name] === true} onChange={(e) => update(index, (l) => ({ ...l, [f.name]: e.target.checked }))} />
              <label htmlFor={checkId}>{f.label}</label>
            </div>
          ) : (
            <NumberField
              key={f.name}
              label={`${f.label}`}
              unit={f.unit}
              value={typeof limiter[f.name] === 'number' ? (limiter[f.name] as number) : undefined}
              step={f.kind === 'int' ? 1 : 'any'}
              onChange={(v) => update(index, (l) => ({ ...l, [f.name]: v }))}
            />
          ),
        )}
      </div>
      {count > 1 && (
        <button type="button" className="text-btn" onClick={() => actions.editScenario((s) => ({ ...s, limiters: s.limiters.filter((_, i) => i !== index) }))}>
          Remove limiter {limiter.id}
        </button>
      )}
    </fieldset>
  );
}

/** Up to four limiters fed the same traffic; changing an algorithm keeps the same allowance per period. */
export function LimiterEditor({ limiters }: { limiters: LimiterJson[] }) {
  return (
    <div className="editor-group">
      <h3>Limiters</h3>
      {limiters.map((l, i) => <LimiterFields key={`${i}-${l.id}`} limiter={l} index={i} count={limiters.length} />)}
      {limiters.length < MAX_LIMITERS && (
        <button
          type="button"
          onClick={() =>
            actions.editScenario((s) => {
              const from = s.limiters[s.limiters.length - 1] ?? { id: 'x', algorithm: 'token-bucket', capacity: 10, refillPerSecond: 10 };
              const used = s.limiters.map((l) => l.algorithm);
              const next = Object.keys(ALGORITHM_PARAMS).find((a) => !used.includes(a) && a !== 'token-bucket-naive') ?? 'token-bucket';
              return { ...s, limiters: [...s.limiters, { ...convertLimiter(from, next), id: freshId(s.limiters.map((l) => l.id), next.split('-').map((w) => w[0]).join('')) }] };
            })
          }
        >
          Add a limiter ({limiters.length}/{MAX_LIMITERS})
        </button>
      )}
    </div>
  );
}
