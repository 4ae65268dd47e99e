import { useId } from 'react';

/** A labelled number input clamped to [min, max]; the label names the control for screen readers. */
export function NumberInput(props: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void; hint?: string }) {
  const id = useId();
  return (
    <label className="lab-field" htmlFor={id}>
      <span>{props.label}</span>
      <input
        id={id}
        type="number"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) props.onChange(Math.max(props.min, Math.min(props.max, v)));
        }}
      />
      {props.hint && <small>{props.hint}</small>}
    </label>
  );
}

/** A labelled slider showing its value; arrow keys move it, so it is keyboard-operable. */
export function RangeInput(props: { label: string; value: number; min: number; max: number; step?: number; unit?: string; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <label className="lab-field" htmlFor={id}>
      <span>
        {props.label}: <output htmlFor={id}>{props.value}{props.unit ?? ''}</output>
      </span>
      <input id={id} type="range" value={props.value} min={props.min} max={props.max} step={props.step ?? 1} onChange={(e) => props.onChange(Number(e.target.value))} />
    </label>
  );
}

/** A labelled select over string options. */
export function Choice<T extends string>(props: { label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <label className="lab-field" htmlFor={id}>
      <span>{props.label}</span>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </label>
  );
}
