import { Button, Field, Input } from '@fluentui/react-components';
import { useId, useState } from 'react';

export interface ValuesEditorProps {
  label: string;
  values: readonly string[];
  suggestions: readonly string[];
  onChange: (values: readonly string[]) => void;
}

/** A list of values (any of them makes the condition hold), with suggestions from the column's data. */
export function ValuesEditor({ label, values, suggestions, onChange }: ValuesEditorProps) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const quick = suggestions.filter((s) => !values.includes(s)).slice(0, 8);
  const add = () => {
    const v = draft.trim();
    if (v !== '' && !values.includes(v)) onChange([...values, v]);
    setDraft('');
  };
  return (
    <div className="values">
      <ul className="chips" aria-label={`${label}: values`}>
        {values.map((v) => (
          <li key={v} className="chip">
            <span>{v}</span>
            <Button size="small" appearance="subtle" aria-label={`Remove value ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
              ×
            </Button>
          </li>
        ))}
      </ul>
      <div className="row">
        <Field label={`Add a value to ${label}`} size="small" validationState={values.length === 0 ? 'warning' : 'none'} validationMessage={values.length === 0 ? 'Add at least one value' : undefined}>
          <Input
            size="small"
            value={draft}
            list={listId}
            onChange={(_, d) => setDraft(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <Button size="small" onClick={add} disabled={draft.trim() === ''}>
          Add value
        </Button>
      </div>
      {quick.length > 0 && (
        <div className="suggestions" role="group" aria-label={`Values found in ${label}`}>
          {quick.map((s) => (
            <Button key={s} size="small" appearance="outline" aria-label={`Add value ${s}`} onClick={() => onChange([...values, s])}>
              + {s}
            </Button>
          ))}
        </div>
      )}
      <datalist id={listId}>
        {suggestions.filter((s) => !values.includes(s)).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
