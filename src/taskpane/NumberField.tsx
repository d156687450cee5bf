import { Field, Input } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number | null;
  /** Called with each valid number typed; null when emptied and `allowEmpty`. */
  onChange: (value: number | null) => void;
  allowEmpty?: boolean;
  hint?: string;
  /** In a rule's line: the label is for screen readers only, the box is narrow. */
  inline?: boolean;
}

/**
 * A number typed as text: half-typed input ("-", "1.") stays in the box with a message and
 * the model keeps its last valid number, so an edit never breaks scoring.
 */
export function NumberField({ label, value, onChange, allowEmpty = false, hint, inline = false }: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const input = useRef<HTMLInputElement>(null);
  // A change from elsewhere (a template, an import, the sheet) shows here; while the user is
  // typing in this box, their text wins over a value that may lag a render behind.
  useEffect(() => {
    if (input.current !== null && input.current === document.activeElement) return;
    setText((current) => (parse(current) === value ? current : value === null ? '' : String(value)));
  }, [value]);
  const parsed = parse(text);
  const invalid = (text.trim() === '' && !allowEmpty) || (text.trim() !== '' && parsed === undefined);
  return (
    <Field
      label={inline ? { children: label, className: 'sr-only' } : label}
      className={inline ? 'inline-number' : undefined}
      size="small"
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? (text.trim() === '' ? 'Enter a number' : `'${text}' is not a number`) : undefined}
      hint={hint}
    >
      <Input
        size="small"
        ref={input}
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
