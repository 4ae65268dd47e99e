import { useId } from 'react';

// Each control has its own <label for>, outside the control, so its accessible name is exactly the label text
// (a label wrapped around a select would also read out the selected option).

/** A labelled number input clamped to [min, max]. */
export function NumberInput(props: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="lab-field">
      <label htmlFor={id}>{props.label}</label>
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
    </div>
  );
}

/** A labelled slider showing its value; arrow keys, Page Up/Down, Home and End move it. */
export function RangeInput(props: { label: string; value: number; min: number; max: number; step?: number; unit?: string; onChange: (v: number) => void }) {
  const id = useId();
  const text = `${props.value}${props.unit ?? ''}`;
  return (
    <div className="lab-field">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{text}</output>
      </label>
      <input id={id} type="range" aria-valuetext={text} value={props.value} min={props.min} max={props.max} step={props.step ?? 1} onChange={(e) => props.onChange(Number(e.target.value))} />
    </div>
  );
}

/** A labelled select over string options. */
export function Choice<T extends string>(props: { label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="lab-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
