import { Button } from '@fluentui/react-components';
import { useState } from 'react';

const DISMISSED_KEY = 'leadscore.getStartedDismissed';

function readDismissed(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false; // storage blocked: show it, it is short
  }
}

/** A short get-started on first run; dismissing it is remembered. */
export function GetStarted() {
  const [dismissed, setDismissed] = useState(readDismissed);
  if (dismissed) return null;
  return (
    <section aria-labelledby="get-started-heading" className="get-started">
      <h2 id="get-started-heading">Get started</h2>
      <ol>
        <li>Keep your leads in one table: a header row naming each field, then one lead per row.</li>
        <li>Start from a template or a blank model, and add fit and engagement criteria with their points.</li>
        <li>Watch the bands move as you edit, then Apply to add Score and Band columns with highlighting.</li>
      </ol>
      <Button
        onClick={() => {
          try {
            window.localStorage.setItem(DISMISSED_KEY, '1');
          } catch {
            // not remembered, but dismissed for now
          }
          setDismissed(true);
        }}
      >
        Got it
      </Button>
    </section>
  );
}
