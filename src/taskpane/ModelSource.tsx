import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { model as blankModel, parseModel, TEMPLATES, type Model, type Problem } from '../engine';
import { ProblemList } from './ProblemList';

export interface ModelSourceProps {
  model: Model;
  onReplace: (m: Model, why: string) => void;
}

/** Where a model comes from: a template, blank, or JSON; and the model out as JSON. */
export function ModelSource({ model: m, onReplace }: ModelSourceProps) {
  const [templateId, setTemplateId] = useState(TEMPLATES[0]?.id ?? '');
  const [json, setJson] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);

  const importJson = (text: string) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      setProblems([{ severity: 'error', at: { input: 'JSON' }, message: e instanceof Error ? e.message : String(e), hint: 'paste the text of a model exported from this pane' }]);
      return;
    }
    const result = parseModel(data);
    if (result.ok) {
      setProblems(result.warnings);
      onReplace(result.value, `Imported model '${result.value.name}'`);
    } else {
      setProblems(result.problems); // the text stays in the box so the user can fix it
    }
  };

  return (
    <section aria-labelledby="source-heading" className="group">
      <h2 id="source-heading">Start from</h2>
      <div className="row">
        <Field label="Template" size="small">
          <Select size="small" value={templateId} onChange={(_, d) => setTemplateId(d.value)}>
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>{t.model.name}</option>
            ))}
          </Select>
        </Field>
        <Button
          onClick={() => {
            const t = TEMPLATES.find((x) => x.id === templateId);
            if (t !== undefined) onReplace(t.model, `Started from the template '${t.model.name}'`);
          }}
        >
          Use template
        </Button>
        <Button onClick={() => onReplace(blankModel(), 'Started a blank model')}>Blank model</Button>
      </div>
      <Field label="Model JSON" size="small" hint="Paste a model to import it, or export the current one to copy it.">
        <Textarea resize="vertical" value={json} onChange={(_, d) => setJson(d.value)} />
      </Field>
      <div className="row">
        <Button onClick={() => importJson(json)} disabled={json.trim() === ''}>Import JSON</Button>
        <Button onClick={() => { setJson(JSON.stringify(m, null, 2)); setProblems([]); }}>Export JSON</Button>
        <label className="file">
          Import a file
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) void file.text().then((text) => { setJson(text); importJson(text); });
            }}
          />
        </label>
      </div>
      <ProblemList problems={problems} title={problems.some((p) => p.severity === 'error') ? 'The JSON could not be imported as it is:' : undefined} />
    </section>
  );
}
