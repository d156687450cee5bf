/**
 * Validates an add-in manifest against Microsoft's schema in ../shared/office-manifest-xsd,
 * with libxml2's xmllint compiled to WebAssembly (xmllint-wasm): nothing to install beyond npm ci.
 *   npm run validate               checks manifest.xml
 *   npm run validate -- other.xml  checks another manifest
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SCHEMA_DIR = path.resolve(ROOT, '../shared/office-manifest-xsd');
const ROOT_SCHEMA = 'OfficeAppManifestV1_1.xsd';

export interface ManifestProblem {
  /** 1-based line in the manifest, when xmllint names one. */
  readonly line: number | null;
  readonly message: string;
}

export interface ManifestValidation {
  readonly valid: boolean;
  readonly problems: readonly ManifestProblem[];
}

export async function validateManifest(manifestFile: string): Promise<ManifestValidation> {
  if (!existsSync(path.join(SCHEMA_DIR, ROOT_SCHEMA))) {
    throw new Error(`The manifest schemas are missing: expected ${path.join(SCHEMA_DIR, ROOT_SCHEMA)} (the shared folder beside the repository).`);
  }
  // The root schema imports its siblings by relative name; xmllint-wasm resolves them in its in-memory file system.
  const schemas = readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.xsd'))
    .map((name) => ({ fileName: name, contents: readFileSync(path.join(SCHEMA_DIR, name), 'utf8') }));
  const manifestName = path.basename(manifestFile);
  const result = await validateXML({
    xml: [{ fileName: manifestName, contents: readFileSync(manifestFile, 'utf8') }],
    schema: schemas.filter((schema) => schema.fileName === ROOT_SCHEMA),
    preload: schemas.filter((schema) => schema.fileName !== ROOT_SCHEMA),
  });
  return {
    valid: result.valid,
    problems: result.errors
      .map((error) => ({ line: error.loc?.lineNumber ?? null, message: error.message.trim() }))
      .filter((problem) => problem.message !== ''), // xmllint's caret lines under a parser error
  };
}

async function main(): Promise<void> {
  // npm runs scripts in the repository root; a path on the command line is meant from where npm was run.
  const given = process.argv[2] ?? path.join(ROOT, 'manifest.xml');
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const shown = process.argv[2] ?? 'manifest.xml';
  const { valid, problems } = await validateManifest(file);
  if (valid) {
    console.log(`${shown} validates against ${ROOT_SCHEMA}`);
    return;
  }
  for (const problem of problems) console.error(`${shown}${problem.line === null ? '' : `:${problem.line}`}: ${problem.message}`);
  console.error(`${shown} does not validate against ${ROOT_SCHEMA} (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
  process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
