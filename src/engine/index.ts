/**
 * The scoring engine's public surface. Everything outside src/engine imports from here.
 */
export * from './model';
export type { Problem, Result } from './problems';
export { formatProblem, formatProblems } from './problems';
export { parseModel, normaliseModel } from './schema';
export { validateModel } from './validate';
export { maximumScore } from './scoreRange';
export { compile, criterionLabel, STAGES } from './compile';
export type { CompileOptions, CompiledModel, ExplanationPart, LeadScore, ScoredRows } from './compile';
export * from './modelCells/layout';
export { modelToCells } from './modelCells/toCells';
export { modelFromCells } from './modelCells/fromCells';
export { TEMPLATES, templateById, type Template } from './templates';
export { CONDITION_OPS, conditionLabel, conditionOpFromLabel, describeCondition } from './conditions/conditionLabels';
export { describeDecay } from './decay';
export type { CellValue, ExcelSerial } from './cells/cellValue';
export { excelErrorOf, isBlank } from './cells/cellValue';
export { excelSerialFromIsoDate, excelSerialFromYMD, isoDateFromExcelSerial } from './cells/excelDate';
export { readNumber, readDate } from './cells/readCell';
export { a1, layoutModelSheet, MODEL_SHEET, MODEL_SHEET_ORIGIN, MODEL_SHEET_TITLE, MODEL_TABLE_NAMES, readModelSheet, sheetRef, type PlacedTable } from './modelSheet';
export { checkChain, migrate, newerVersionProblem, type MigrationChain, type MigrationResult, type MigrationStep, type VersionLocation } from './migrate';
export { MODEL_CELLS_MIGRATIONS, MODEL_JSON_MIGRATIONS, migrateModelCells, migrateModelJson, type ModelJson, type ModelRead } from './migrations';
export { headerLookup, editDistance, type HeaderLookup, type ColumnIndex } from './columns';
export { PERSONAL_EMAIL_DOMAINS } from './conditions/personalEmail';
