import { extname } from 'node:path';
import { formatProblems, templateById } from '../../engine';
import { DIALECTS, modelToSql, type DialectName } from '../../sql';
import { choiceOption, CliError, EXIT, stringOption, type Command } from '../command';
import { XlsxPackage } from '../files/xlsxPackage';
import { fileKind } from '../leadFile';
import { modelFromJsonFile, modelFromWorkbook } from '../modelSource';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'print the model as one SQL SELECT (DuckDB, PostgreSQL or Spark SQL) that scores a lead table as the engine does',
  usage: '<model.json|workbook.xlsx|template:<id>> --dialect duckdb|postgres|spark [--table leads]',
  positionals: { min: 1, max: 1 },
  options: {
    dialect: { type: 'string', short: 'd', description: `SQL dialect: ${DIALECTS.join(', ')} (default duckdb)` },
    table: { type: 'string', short: 't', description: 'the lead table to read, as written in SQL (default leads)' },
  },
  details:
    'The as-of date is a parameter: $1 for duckdb and postgres, the named parameter :as_of for spark.\n' +
    "A workbook's model is read from its 'Lead Scoring' sheet; template:weighted-b2b names a built-in template.",
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
    const sql = modelToSql(model, { dialect, table: stringOption(values, 'table') ?? 'leads' });
    if (!sql.ok) throw new CliError(`${source}: the model cannot be exported:\n${formatProblems(sql.problems)}`);
    io.stdout(`${sql.value};`);
    return EXIT.ok;
  },
};
