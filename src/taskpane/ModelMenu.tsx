import { Button, Field, Textarea } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { model as blankModel, TEMPLATES, type Model, type Problem } from '../engine';
import { ChevronDownIcon } from './icons';
import { PaneDialog } from './PaneDialog';
import { PaneMenu, type PaneMenuEntry } from './PaneMenu';
import { ProblemList } from './ProblemList';

export interface ModelMenuProps {
  model: Model;
  /** Replaces the model (the pane asks first when the current one was edited). */
  onReplace: (m: Model, why: string) => void;
}

// The JSON reader loads with the first import (see modelJson.ts), not with the page.
const loadJsonReader = () => import(/* webpackChunkName: "model-json" */ './modelJson');

/** Where a model comes from and goes to, out of the way behind one menu: templates, blank, JSON in and out. */
export function ModelMenu({ model: m, onReplace }: ModelMenuProps) {
  const [jsonOpen, setJsonOpen] = useState(false);
  const [json, setJson] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [copied, setCopied] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const openJson = () => {
    setJson(JSON.stringify(m, null, 2));
    setProblems([]);
    setCopied('');
    setJsonOpen(true);
    // Fetched while the user reads or pastes; a failure is reported by Import itself.
    loadJsonReader().catch(() => undefined);
  };
  const importText = (text: string, from: string) => {
    loadJsonReader().then(
      ({ parseJsonModel }) => {
        const parsed = parseJsonModel(text);
        if (parsed.ok) {
          setProblems(parsed.warnings);
          setJsonOpen(false);
          onReplace(parsed.model, `Imported the model '${parsed.model.name}' from ${from}`);
        } else {
          // The text stays in the box so the user can fix it.
          setJson(text);
          setProblems(parsed.problems);
          setJsonOpen(true);
        }
      },
      (e: unknown) => {
        // The reader did not arrive: the text waits in the box for another Import.
        setJson(text);
        setProblems([{ severity: 'error', at: { input: 'JSON' }, message: `the JSON reader could not be loaded (${e instanceof Error ? e.message : String(e)})`, hint: 'check the connection, then press Import JSON again' }]);
        setJsonOpen(true);
      },
    );
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(m, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${m.name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'model'}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const entries: PaneMenuEntry[] = [
    { kind: 'header', label: 'Start from a template' },
    ...TEMPLATES.map((t): PaneMenuEntry => ({ kind: 'item', id: t.id, label: t.model.name, onSelect: () => onReplace(t.model, `Started from the template '${t.model.name}'`) })),
    { kind: 'item', label: 'Blank model', onSelect: () => onReplace(blankModel(), 'Started a blank model') },
    { kind: 'divider' },
    { kind: 'item', label: 'Import JSON file…', onSelect: () => fileInput.current?.click() },
    { kind: 'item', label: 'Paste or copy JSON…', onSelect: openJson },
    { kind: 'item', label: 'Download as JSON', onSelect: download },
  ];

  return (
    <>
      <PaneMenu label="Model menu: templates, blank model, JSON" buttonText={<>Model <ChevronDownIcon /></>} entries={entries} />
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Model JSON file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void file.text().then((text) => importText(text, `the file ${file.name}`));
        }}
      />
      <PaneDialog
        open={jsonOpen}
        title="Import or export JSON"
        onClose={() => setJsonOpen(false)}
        actions={
          <>
            <Button appearance="primary" disabled={json.trim() === ''} onClick={() => importText(json, 'JSON')}>Import JSON</Button>
            <Button onClick={() => { void navigator.clipboard?.writeText(json).then(() => setCopied('Copied.'), () => setCopied('Copying is blocked here: select the text and copy it.')); }}>Copy</Button>
            <Button onClick={() => setJsonOpen(false)}>Close</Button>
          </>
        }
      >
        <Field label="Model JSON" hint="Copy this to share the model, or paste a model here and import it.">
          <Textarea resize="vertical" rows={10} value={json} onChange={(_, d) => setJson(d.value)} />
        </Field>
        <ProblemList problems={problems} title={problems.some((p) => p.severity === 'error') ? 'The JSON could not be imported as it is:' : undefined} />
        {copied !== '' && <p role="status">{copied}</p>}
      </PaneDialog>
    </>
  );
}
