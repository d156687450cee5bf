// Arguments as a real Excel passes them with the flags in functions.json: errors as inputs
// (allowErrorForDataTypeAny) and data types (allowCustomDataForDataTypeAny). With data types on,
// an error cell arrives as an ErrorCellValue object and a Stocks or Geography cell as an entity
// object ("Custom functions and data types", "Errors as custom function inputs" in Microsoft's
// custom functions docs; Excel.ErrorCellValue, Excel.LinkedEntityCellValue in the API reference).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withMetadataFlags } from '../../scripts/functions-metadata.mjs';
import { criterion, model as makeModel } from '../../src/engine';
import { FakeError, functions, tablesOf } from './excel';
import { checkMetadata } from './metadataCheck';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** An error cell with data types on: Excel.ErrorCellValue. */
const errorValue = (basicValue: string, errorType: string): unknown => ({ type: 'Error', basicType: 'Error', basicValue, errorType });
/** A Stocks or Geography cell: Excel.LinkedEntityCellValue, shown as its text. */
const linkedEntity = (text: string, domainId: string): unknown => ({
  type: 'LinkedEntity',
  text,
  basicType: 'Error',
  basicValue: '#VALUE!',
  id: { entityId: `${domainId}:${text}`, domainId, serviceId: 268435456, culture: 'en-US' },
  properties: {},
});

describe('functions.json as the build writes it', () => {
  it('lets error cells and data types reach the functions: allowErrorForDataTypeAny and allowCustomDataForDataTypeAny are true', async () => {
    const { functions: generated } = await checkMetadata(path.join(repoRoot, 'src/functions/functions.ts'));
    const built = JSON.parse(withMetadataFlags(JSON.stringify({ functions: generated }))) as Record<string, unknown>;
    expect(built.allowErrorForDataTypeAny).toBe(true);
    expect(built.allowCustomDataForDataTypeAny).toBe(true);
    expect((built.functions as unknown[]).length).toBe(generated.length);
  });

  it('the webpack config runs the flag plugin after the metadata generator', async () => {
    const { default: configOf } = (await import(pathToFileURL(path.join(repoRoot, 'webpack.config.js')).href)) as { default: (env: object, argv: object) => Promise<{ plugins: { constructor: { name: string } }[] }> };
    const names = (await configOf({}, { mode: 'production' })).plugins.map((p) => p.constructor.name);
    expect(names.indexOf('FunctionsMetadataFlagsPlugin')).toBeGreaterThan(names.indexOf('CustomFunctionsMetadataPlugin'));
  });

  it('the manifest asks for CustomFunctionsRuntime 1.4, which data types in custom functions need', () => {
    const manifest = readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect(manifest).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.4"\/>/);
  });
});

describe('error cells as Excel passes them (ErrorCellValue)', () => {
  const headers = ['Company', 'Country', 'Visits'];
  const m = makeModel({
    criteria: [
      criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: ['Germany'] }, points: 10 }),
      criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gt', value: 3 }, points: 5 }),
    ],
  });

  it('a #N/A in a model table is named, with where it is, by MODEL and PROBLEMS', () => {
    const f = functions();
    const t = tablesOf(m);
    (t.criteria[1] as unknown[])[5] = errorValue('#N/A', 'NotAvailable');
    const result = f.model(t.criteria, t.bands, t.settings, [headers]);
    expect(result).toBeInstanceOf(FakeError);
    expect((result as FakeError).message).toContain('#N/A');
    expect((result as FakeError).message).toContain("row 1, 'Points'");
    expect(JSON.stringify(f.problems(t.criteria, t.bands, t.settings, [headers]))).toContain('#N/A');
  });

  it('a lead row with error cells still scores; the error cells count for nothing', () => {
    const f = functions();
    const t = tablesOf(m);
    const handle = f.model(t.criteria, t.bands, t.settings, [headers]);
    expect(f.score(handle, [['Acme', errorValue('#N/A', 'NotAvailable'), 7], ['Initech', 'Germany', errorValue('#REF!', 'Ref')]])).toEqual([[5], [10]]);
  });

  it('a model argument that is an error says which error', () => {
    const message = (functions().score(errorValue('#REF!', 'Ref'), [['Acme', 'Germany', 7]])[0]?.[0] as FakeError).message;
    expect(message).toContain('model argument is #REF!');
  });
});

describe('Stocks, Geography and formatted numbers (data types)', () => {
  const headers = ['Company', 'Country', 'Revenue'];
  const m = makeModel({
    criteria: [
      criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: ['Germany'] }, points: 10 }),
      criterion({ group: 'fit', field: 'Company', condition: { op: 'contains', values: ['Microsoft'] }, points: 3 }),
      criterion({ group: 'fit', field: 'Revenue', condition: { op: 'gte', value: 1000 }, points: 7 }),
    ],
  });

  it('score as their text or basic value, the same as the plain cells', () => {
    const f = functions();
    const t = tablesOf(m);
    const handle = f.model(t.criteria, t.bands, t.settings, [headers]);
    const plain = f.score(handle, [['Microsoft Corp', 'Germany', 1200]]);
    const typed = f.score(handle, [[linkedEntity('Microsoft Corp', 'securities'), linkedEntity('Germany', 'geography'), { type: 'FormattedNumber', basicValue: 1200, numberFormat: '$#,##0' }]]);
    expect(plain).toEqual([[20]]);
    expect(typed).toEqual(plain);
  });

  it('a header row of data types reads as its text', () => {
    const f = functions();
    const t = tablesOf(m);
    const handle = f.model(t.criteria, t.bands, t.settings, [[{ type: 'String', basicValue: 'Company' }, 'Country', 'Revenue']]);
    expect(typeof handle).toBe('string');
  });
});

