/**
 * The engine's public surface as text: every name src/engine/index.ts exports, with its
 * signature or declaration. Checked in as src/engine/api-report.md and compared by a test, so
 * a change to what the rest of the project may use shows in review.
 *
 *   npm run api-report        rewrites the file after an intended change
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINE_INDEX = path.join(repoRoot, 'src/engine/index.ts');
export const API_REPORT = path.join(repoRoot, 'src/engine/api-report.md');

/** The engine's compiler settings: no DOM, Node or Office types, as tsconfig.engine.json. */
function engineProgram(): ts.Program {
  const configFile = path.join(repoRoot, 'tsconfig.engine.json');
  const read = ts.readConfigFile(configFile, (file) => readFileSync(file, 'utf8'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, repoRoot, undefined, configFile);
  return ts.createProgram([ENGINE_INDEX], { ...parsed.options, noEmit: true });
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
const FULL = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** A declaration without bodies or comments: what a caller can rely on, not how it works. */
function declarationText(checker: ts.TypeChecker, name: string, declaration: ts.Declaration): string {
  const source = declaration.getSourceFile();
  if (ts.isFunctionDeclaration(declaration)) {
    const symbol = checker.getSymbolAtLocation(declaration.name ?? declaration);
    const type = symbol ? checker.getTypeOfSymbolAtLocation(symbol, declaration) : undefined;
    const signatures = type?.getCallSignatures() ?? [];
    return signatures.map((s) => `function ${name}${checker.signatureToString(s, undefined, FULL)}`).join('\n');
  }
  if (ts.isVariableDeclaration(declaration)) {
    const typeText = declaration.type ? declaration.type.getText(source) : checker.typeToString(checker.getTypeAtLocation(declaration), undefined, FULL);
    return `const ${name}: ${typeText}`;
  }
  if (ts.isClassDeclaration(declaration)) {
    const members = declaration.members
      .filter((m) => !(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !(m.name && ts.isPrivateIdentifier(m.name)))
      .map((m) => {
        const symbol = m.name ? checker.getSymbolAtLocation(m.name) : undefined;
        const memberName = m.name ? m.name.getText(source) : 'constructor';
        if (ts.isConstructorDeclaration(m)) return `  constructor(${m.parameters.map((p) => p.getText(source)).join(', ')})`;
        return `  ${memberName}: ${symbol ? checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, m), undefined, FULL) : '?'}`;
      });
    return [`class ${name} {`, ...members, '}'].join('\n');
  }
  const printed = printer.printNode(ts.EmitHint.Unspecified, declaration, source).replace(/^export\s+/, '');
  // Re-exported under another name: show the name callers use.
  const declaredName = ts.getNameOfDeclaration(declaration)?.getText(source);
  return declaredName && declaredName !== name ? `${printed}  // exported as ${name}` : printed;
}

export function engineApiReport(): string {
  const program = engineProgram();
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(ENGINE_INDEX);
  const moduleSymbol = index && checker.getSymbolAtLocation(index);
  if (!moduleSymbol) throw new Error(`cannot read ${ENGINE_INDEX}`);
  const entries = checker
    .getExportsOfModule(moduleSymbol)
    .map((exported) => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const texts = (target.declarations ?? []).map((d) => declarationText(checker, exported.name, d));
      return { name: exported.name, text: texts.join('\n') };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    '# The engine\'s public surface',
    '',
    'Generated from `src/engine/index.ts` by `npm run api-report`; `test/engine/apiReport.test.ts` fails',
    'when it is out of date. A change here is a change to what every other layer may use: review it.',
    '',
    ...entries.flatMap((e) => [`## ${e.name}`, '', '```ts', e.text, '```', '']),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(API_REPORT, engineApiReport());
  console.log(`wrote ${path.relative(repoRoot, API_REPORT)}`);
}
