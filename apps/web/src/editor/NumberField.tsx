import { useEffect, useId, useState } from 'react';

/**
 * A labelled number input that keeps what the user typed (so "1." or an empty box is not overwritten) and reports
 * every change; an empty or non-numeric box is sent as NaN so the simulator names the field as a problem.
 */
export function NumberField(props: { label: string; value: number | undefined; unit?: string; onChange: (v: number) => void; min?: number; step?: number | 'any' }) {
  const id = useId();
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  useEffect(() => {
    if (props.value === undefined ? text !== '' : Number(text) !== props.value) setText(props.value === undefined ? '' : String(props.value));
    // Only an outside change (another scenario) should replace the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.unit && <span className="unit"> ({props.unit})</span>}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={props.min}
        step={props.step ?? 'any'}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
        }}
      />
    </div>
  );
}

export function TextField(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} type="text" value={props.value} placeholder={props.placeholder} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

export function SelectField(props: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}
