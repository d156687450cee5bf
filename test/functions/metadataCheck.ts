/**
 * The metadata generator reads only top-level `function` declarations: an exported arrow
 * function is silently left out of functions.json, and some type aliases empty the output
 * without an error. This check compares what the source exports with what the generator
 * produced, so neither can go unnoticed.
 */
import { readFileSync } from 'node:fs';
import { generateCustomFunctionsMetadata, type IFunction } from 'custom-functions-metadata';
import ts from 'typescript';

export interface MetadataCheck {
  readonly functions: readonly IFunction[];
  /** Generator errors, then every export the metadata does not account for. */
  readonly problems: readonly string[];
}

/** Names of every exported value in a source file, and which of them are plain function declarations. */
function exportsOf(file: string): { name: string; declaration: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: { name: string; declaration: boolean }[] = [];
  const exported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && exported(statement)) found.push({ name: statement.name?.text ?? '(anonymous)', declaration: true });
    else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const d of statement.declarationList.declarations) found.push({ name: d.name.getText(source), declaration: false });
    } else if (ts.isExportAssignment(statement) || ts.isExportDeclaration(statement)) {
      found.push({ name: statement.getText(source).slice(0, 40), declaration: false });
    }
  }
  return found;
}

export async function checkMetadata(file: string): Promise<MetadataCheck> {
  const generated = await generateCustomFunctionsMetadata([file], false);
  const problems = [...generated.errors];
  const functions = generated.metadataJson === '' ? [] : ((JSON.parse(generated.metadataJson) as { functions: IFunction[] }).functions ?? []);
  const associated = new Set(generated.associate.map((a) => a.functionName));
  const exports = exportsOf(file);
  for (const e of exports) {
    if (!e.declaration) problems.push(`export ${e.name} is not a function declaration, so the generator skips it`);
    else if (!associated.has(e.name)) problems.push(`export ${e.name} has no metadata entry`);
  }
  if (functions.length !== exports.length) problems.push(`${exports.length} exports, ${functions.length} functions in the metadata`);
  return { functions, problems };
}
