import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { formatProblems, templateById, type Model } from '../../engine';
import { accountsToSql, describeColumns, dialectByName, fieldsOf, DIALECTS, modelToSql, parseColumnTypes, parseTableName, type ColumnTypes, type DialectName } from '../../sql';
import { choiceOption, CliError, EXIT, flag, stringOption, UsageError, type Command } from '../command';
import { XlsxPackage } from '../files/xlsxPackage';
import { fileKind } from '../leadFile';
import { modelFromJsonFile, modelFromWorkbook } from '../modelSource';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'print the model as one SQL SELECT (DuckDB, PostgreSQL or Spark SQL) that scores a lead table as the engine does',
  usage: '<model.json|workbook.xlsx|template:<id>> --dialect duckdb|postgres|spark [--table leads] [--describe | --column-types <json|file>]',
  positionals: { min: 1, max: 1 },
  options: {
    dialect: { type: 'string', short: 'd', description: `SQL dialect: ${DIALECTS.join(', ')} (default duckdb)` },
    table: { type: 'string', short: 't', description: 'the lead table, as its name is written in SQL: crm.leads, "My Leads" (default leads)' },
    describe: { type: 'boolean', description: "print instead the query that gives the SQL types of the columns the model reads, as the JSON for --column-types" },
    'column-types': { type: 'string', description: 'the SQL types of the columns (JSON, or a .json file): typed columns are read directly, not through their text' },
    accounts: { type: 'boolean', description: 'print instead the account query: one row per account (company, else e-mail domain), as `leadscore accounts` (duckdb, postgres)' },
    columns: { type: 'string', description: "with --accounts: the lead table's column names, comma-separated or a JSON array, to find the company, e-mail and name columns" },
  },
  details:
    'The as-of date is a parameter: $1 for duckdb and postgres, the named parameter :as_of for spark.\n' +
    "A workbook's model is read from its 'Lead Scoring' sheet; template:weighted-b2b names a built-in template.\n" +
    'Typed columns (INTEGER, DECIMAL, DOUBLE, DATE, TIMESTAMP, BOOLEAN) score faster when their types are given:\n' +
    '  leadscore sql model.json --table crm.leads --describe     run what it prints; it returns one JSON text\n' +
    "  leadscore sql model.json --table crm.leads --column-types '{\"Employees\":\"INTEGER\",...}'",
  async run({ values, positionals }, io) {
    const source = positionals[0] as string;
    const dialect = choiceOption<DialectName>(values, 'dialect', DIALECTS, 'duckdb');
    let model;
    if (source.startsWith('template:')) {
      model = templateById(source.slice('template:'.length))?.model;
      if (model === undefined) throw new CliError(`no template '${source.slice(9)}'`);
    } else if (extname(source).toLowerCase() === '.json') model = modelFromJsonFile(source);
    else if (fileKind(source) === 'xlsx') {
      const pkg = XlsxPackage.open(source);
      try {
        const own = await modelFromWorkbook(pkg);
        if (own === null) throw new CliError(`${source}: the workbook has no 'Lead Scoring' sheet`);
        model = own.model;
      } finally {
        pkg.close();
      }
    } else {
      throw new CliError(`${source}: give the model as a .json file, a workbook with a 'Lead Scoring' sheet, or template:<id>`);
    }
    const table = stringOption(values, 'table') ?? 'leads';
    try {
      parseTableName(dialectByName(dialect), table);
    } catch (error) {
      throw new UsageError(`--table: ${(error as Error).message}`);
    }
    const typesOption = stringOption(values, 'column-types');
    if (flag(values, 'describe')) {
      if (typesOption !== undefined) throw new UsageError('give either --describe or --column-types, not both');
      const hint =
        dialect === 'spark'
          ? '-- Spark has no information_schema: from the types DESCRIBE lists, write {"column": "TYPE", ...} for --column-types.'
          : '-- Run this on the database; pass the JSON it returns back with --column-types.';
      io.stdout(`${hint}\n${describeColumns(model, { dialect, table })};`);
      return EXIT.ok;
    }
    const columnTypes = typesOption === undefined ? undefined : columnTypesFrom(typesOption);
    if (flag(values, 'accounts')) {
      const headers = accountHeaders(model, stringOption(values, 'columns'), columnTypes);
      const accounts = accountsToSql(model, { dialect, table, headers, ...(columnTypes === undefined ? {} : { columnTypes }) });
      if (!accounts.ok) throw new CliError(`${source}: no account query:\n${formatProblems(accounts.problems)}`);
      io.stdout(`${accounts.value};`);
      return EXIT.ok;
    }
    if (stringOption(values, 'columns') !== undefined) throw new UsageError('--columns is for --accounts');
    const sql = modelToSql(model, { dialect, table, columnTypes });
    if (!sql.ok) throw new CliError(`${source}: the model cannot be exported:\n${formatProblems(sql.problems)}`);
    io.stdout(`${sql.value};`);
    return EXIT.ok;
  },
};

/** --column-types: JSON text, or the name of a file holding it. */
function columnTypesFrom(option: string): ColumnTypes {
  const fromFile = !option.trimStart().startsWith('{');
  if (fromFile && !existsSync(option)) throw new UsageError(`--column-types: '${option}' is neither a JSON object nor a file`);
  try {
    return parseColumnTypes(fromFile ? readFileSync(option, 'utf8') : option);
  } catch (error) {
    throw new UsageError(`--column-types${fromFile ? ` (${option})` : ''}: ${(error as Error).message}`);
  }
}

/**
 * The lead table's columns for the account query: --columns, else what is known without the
 * table (the model's columns, its account column, the columns given types), which finds the
 * company column the model names and an e-mail column a criterion reads.
 */
function accountHeaders(model: Model, option: string | undefined, columnTypes: ColumnTypes | undefined): string[] {
  if (option === undefined) {
    return [...new Set([...fieldsOf(model), ...(model.accounts.column === null ? [] : [model.accounts.column]), ...Object.keys(columnTypes ?? {})])];
  }
  if (option.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(option);
    } catch (error) {
      throw new UsageError(`--columns: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((c): c is string => typeof c === 'string')) throw new UsageError('--columns: a JSON array of column names, e.g. ["Name","Company","Email"]');
    return parsed;
  }
  return option.split(',').map((c) => c.trim());
}
