import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateLeads } from '../sample-data/generateLeads';
import { leadTableToCsv } from './csv';

/**
 * The bundled example, examples/leads.csv: 500 leads, seed 2026, as of 2026-11-01, default
 * messiness (so the example shows the blanks and text numbers real sheets have). A test compares
 * the committed file with this function, so the file cannot drift from the generator.
 */
export function exampleLeadsCsv(): string {
  return leadTableToCsv(generateLeads({ count: 500, seed: 2026, asOf: '2026-11-01' }));
}

export const EXAMPLE_LEADS_URL = new URL('../../examples/leads.csv', import.meta.url);

// Write only when run as a script (npx tsx src/cli/writeExample.ts), not when a test imports it.
const argv1 = process.argv[1];
if (argv1 !== undefined && import.meta.url === pathToFileURL(argv1).href) {
  mkdirSync(new URL('.', EXAMPLE_LEADS_URL), { recursive: true });
  writeFileSync(EXAMPLE_LEADS_URL, exampleLeadsCsv(), 'utf8');
  console.log(`wrote ${fileURLToPath(EXAMPLE_LEADS_URL)}`);
}
