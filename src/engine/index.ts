/**
 * The scoring engine's public surface. Everything outside src/engine imports from here.
 * Exports are listed by name (no `export *`), and src/engine/api-report.md records them with
 * their signatures (`npm run api-report`; a test compares), so a change to the surface shows in review.
 */
export { MODEL_VERSION, GROUPS, NO_CAP, DEFAULT_BANDS, GROUP_LABELS, AUTOMATIC_PRIORITY, DEFAULT_ACCOUNTS, criterion, model } from './model';
export type { Group, TextOp, CompareOp, Condition, ConditionOp, Decay, Cap, Criterion, Band, Stages, Stage, Scale, DateOrder, PrioritySettings, Priority, PriorityActions, AccountScoring, AccountSettings, Model } from './model';
export type { Problem, Result } from './problems';
export { describeLocation, modelPathOf, type CellsLocation, type ModelPath, type ProblemAt } from './location';
export { formatProblem, formatProblems, printable } from './problems';
export { parseModel } from './schema';
export { normaliseModel } from './normaliseModel';
export { validateModel } from './validate';
export { maximumScore, scoreArithmetic, type ScoreArithmetic } from './scoreRange';
export { groupMaximum } from './groupMaximum';
export { GRADES, LEVELS, AUTOMATIC_SHARES, priorityThresholds, priorityOf, type Grade, type Level, type PriorityThresholds } from './priority';
export { PRIORITIES, DEFAULT_PRIORITY_ACTIONS, MAX_ACTION_LENGTH, priorityActionOf, priorityActionsOf, withPriorityAction } from './priorityActions';
export { priorityMatrix, unreachedPriorities, MIN_LEADS_FOR_RATE, type PriorityMatrix, type PriorityMatrixCell, type OutcomeLabels } from './priorityMatrix';
export { compile, criterionLabel, STAGES } from './compile';
export { callList, CallListBuilder, changeFromCell, CALL_ORDER, DEFAULT_CALL_REASONS, DEFAULT_SKIP_GRADES, type CallList, type CallListEntry, type CallListOptions, type LeadChange } from './callList/callList';
export { signedPoints, type CallReason } from './callList/reasons';
export { contactColumns, contactOf, type Contact, type ContactColumns } from './callList/contacts';
export { callListTable, describeCallList, type CallListCell, type CallListColumnKind, type CallListTable, type CallListTableOptions } from './callList/callListTable';
export type { CompileOptions, CompiledModel, ExplanationPart, LeadScore, ScoredRows } from './compile';
export { CRITERIA_HEADERS, BANDS_HEADERS, SETTINGS_HEADERS, GROUP_CELL, DECAY_CELL, ACCOUNT_SCORING_CELL, SETTINGS, joinList, splitList } from './modelCells/layout';
export type { Cell, CellTable, ModelCells, ModelCellTables, TableName } from './modelCells/layout';
export { modelToCells } from './modelCells/toCells';
export { modelFromCells, type PartialModel } from './modelCells/fromCells';
export { SCORE_COLUMNS, SCORE_FILE_COLUMNS, EARLIER_SCORE_FILE_COLUMNS, LEADSCORE_COLUMN_NOTE } from './scoreColumns';
export { OWNERSHIP_NAMESPACE, modelFingerprint, ownershipToXml, ownershipFromXml, appliedColumnsOf, noteDate, leadscoreScoreNote, type AppliedModel, type Ownership, type ScoreNote } from './applyRecord';
export { leadIdText, leadIdKey, findIdColumn, duplicateIdKeys, ID_HEADER_NAMES, EMAIL_HEADER_NAMES, type IdColumn, type IdColumnQuery, type IdColumnResult } from './change/leadId';
export { SNAPSHOT_SHEET, SNAPSHOT_TITLE, SNAPSHOT_LABELS, SNAPSHOT_HEADERS, SNAPSHOT_HEADER_ROW, snapshotToCells, snapshotFromCells, snapshotHead, isSnapshotHeaderRow, SnapshotLeadRows, FirstFew, type SnapshotHead, type ScoreSnapshot, type SnapshotLead, type SnapshotRead } from './change/snapshot';
export { ChangeTracker, diffScores, type ScoreChange, type ScoreChangeKind, type BandMove, type BandMoveEntry, type ScoredLead, type ChangeSummary, type ChangeOptions, type ChangePart } from './change/diff';
export { TEMPLATES, templateById, type Template } from './templates';
export { CONDITION_KINDS, opsOfShape, type ConditionShape, type OpsOfShape } from './conditions/conditionKinds';
export { CONDITION_OPS, conditionLabel, conditionOpFromLabel, describeCondition } from './conditions/conditionLabels';
export { describeDecay } from './decay';
export type { CellValue, ExcelSerial } from './cells/cellValue';
export { excelErrorOf, isBlank } from './cells/cellValue';
export { excelSerialFromIsoDate, excelSerialFromYMD, isoDateFromExcelSerial } from './cells/excelDate';
export { readNumber, readDate } from './cells/readCell';
export { a1, columnLetters, sheetRef } from './cells/a1';
export { layoutModelSheet, MODEL_SHEET, MODEL_SHEET_ORIGIN, MODEL_SHEET_TITLE, MODEL_TABLE_NAMES, readModelSheet, type PlacedTable } from './modelSheet';
export { checkChain, migrate, type MigrationChain, type Migrated, type MigrationStep } from './migrate';
export { MODEL_CELLS_MIGRATIONS, MODEL_JSON_MIGRATIONS, type ModelJson, type ModelRead } from './migrations';
export { headerLookup, editDistance, type HeaderLookup, type ColumnIndex } from './columns';
export { PERSONAL_EMAIL_DOMAINS } from './conditions/personalEmail';
// The vocabularies the engine reads cells with, for readers that must read them the same way elsewhere (src/sql).
export { ERROR_LITERALS } from './cells/cellValue';
export { YES as YES_WORDS, NUMBER_TEXT } from './cells/readCell';
export { MONTHS as MONTH_NAMES, WEEKDAYS as WEEKDAY_NAMES, TIME as TIME_OF_DAY, MAX_LENGTH as MAX_DATE_TEXT_LENGTH } from './cells/textDate';
export { KEY_ROWS as KEYBOARD_ROWS, MIN_RUN as MIN_KEYBOARD_RUN, WORD_RUNS as KEYBOARD_RUNS_IN_WORDS } from './conditions/spam';
export { AccountsBuilder, planAccounts, rollUpAccounts, type Account, type AccountColumns, type AccountLead, type AccountPlan, type AccountRollup } from './accounts/accounts';
export {
  cellText as accountCellText,
  characterClass,
  companyKey,
  COMPANY_PREFIX_PATTERN,
  COMPANY_SUFFIX_PATTERN,
  compareCodePoints,
  domainKey,
  FULL_WIDTH_AS_ASCII,
  FULL_WIDTH_FORMS,
  INVISIBLE_CHARACTERS,
  NOT_A_COMPANY,
  NOT_IN_A_DOMAIN,
  PUNCTUATION_CHARACTERS,
  SUFFIX_TAIL,
} from './accounts/accountKey';
export { accountsTable, describeAccounts, type AccountsCell, type AccountsColumnKind, type AccountsTable } from './accounts/accountsTable';
