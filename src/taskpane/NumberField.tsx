import { Field, Input } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number | null;
  /** Called with each valid number typed; null when emptied and `allowEmpty`. */
  onChange: (value: number | null) => void;
  allowEmpty?: boolean;
  hint?: string;
}

/**
 * A number typed as text: half-typed input ("-", "1.") stays in the box with a message and
 * the model keeps its last valid number, so an edit never breaks scoring.
 */
export function NumberField({ label, value, onChange, allowEmpty = false, hint }: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    setText((current) => (parse(current) === value ? current : value === null ? '' : String(value)));
  }, [value]);
  const parsed = parse(text);
  const invalid = (text.trim() === '' && !allowEmpty) || (text.trim() !== '' && parsed === undefined);
  return (
    <Field
      label={label}
      size="small"
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? (text.trim() === '' ? 'Enter a number' : `'${text}' is not a number`) : undefined}
      hint={hint}
    >
      <Input
        size="small"
        inputMode="decimal"
        value={text}
        onChange={(_, data) => {
          setText(data.value);
          const n = parse(data.value);
          if (data.value.trim() === '' && allowEmpty) onChange(null);
          else if (n !== undefined && n !== null) onChange(n);
        }}
      />
    </Field>
  );
}

function parse(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
