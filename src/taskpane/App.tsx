export type PaneEnvironment = 'excel' | 'browser';

export interface AppProps {
  /** Where the pane is running: inside Excel, or opened as a plain web page. */
  environment: PaneEnvironment;
}

export function App({ environment }: AppProps) {
  return (
    <main className="pane">
      <h1>Lead Scoring</h1>
      <p>
        Scores the leads in your workbook with criteria and weights you define, and sorts them into
        Cold, Warm and Hot; nothing leaves the workbook.
      </p>
      {environment === 'browser' && (
        <p className="notice" role="status">
          Browser preview: Excel is not connected. Open this pane from Excel&apos;s Home tab to work
          with a workbook.
        </p>
      )}
      <h2>Get started</h2>
      <ol>
        <li>Keep your leads on one sheet: a header row naming each field, then one lead per row.</li>
        <li>
          List your criteria and their points: fit (industry, job title, company size) and
          engagement (pricing-page visits, demo requests, email clicks).
        </li>
        <li>
          Scoring from this pane comes in a later version. Until then the command-line demo
          (<code>npm run demo</code>) scores example leads with a ready-made template.
        </li>
      </ol>
    </main>
  );
}
