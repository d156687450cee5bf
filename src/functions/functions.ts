/**
 * The =LEADSCORE.* custom functions, as Excel sees them. custom-functions-metadata-plugin
 * reads the JSDoc below into functions.json at build time and registers each function with
 * CustomFunctions.associate, so every function here must be a plain top-level `function`
 * declaration with @customfunction (an arrow function would be silently left out; a test
 * checks that every exported function is in the metadata). The work is done in ./core.
 */
// Parameters are typed `any`: Excel passes any cell value, and the generator reads the types.
import { OfficeWorkbook } from '../excel/officeWorkbook';
import { createLeadScoreFunctions, type ErrorCode } from './core';
import { gatewayModelSource, warmUp } from './modelRecovery';

// taskpane.html loads this file in every host, because in Excel it is the shared runtime. In a
// plain browser (the preview) there is no custom-functions runtime, and the associate calls
// the build appends to this file must not stop the page: they register with nothing.
if (typeof CustomFunctions === 'undefined') {
  (globalThis as { CustomFunctions?: Pick<typeof CustomFunctions, 'associate'> }).CustomFunctions = { associate: () => undefined };
}

// Looked up when an error is made, so that loading this file outside Excel does not fail.
const errorCode = (code: ErrorCode): CustomFunctions.ErrorCode => CustomFunctions.ErrorCode[code];

// A handle this runtime has not compiled (a reopened or co-authored workbook) is rebuilt from the
// model tables, read with Excel.run: reading is allowed from a custom function in a shared
// runtime, recalculating Excel is not.
const modelSource = gatewayModelSource(new OfficeWorkbook());
const leadScore = createLeadScoreFunctions({
  makeError: (code, message) => new CustomFunctions.Error(errorCode(code), message),
  modelSource,
});

// Once, when the runtime starts in Excel: the named model cell's handle is loaded before any
// score formula asks for it.
if (typeof Office !== 'undefined') {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) void warmUp(leadScore, modelSource);
  });
}

/**
 * Reads a lead-scoring model from its three tables and checks it against the lead table's header row. Returns a short handle to pass to the other LEADSCORE functions; it changes whenever the model or the headers change.
 * @customfunction MODEL MODEL
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param criteria The criteria table with its header row, e.g. LeadScoringCriteria[#All].
 * @param bands The bands table with its header row, e.g. LeadScoringBands[#All].
 * @param settings The settings table with its header row, e.g. LeadScoringSettings[#All].
 * @param headers The lead table's header row, e.g. Leads[[#Headers],[Name]:[Country]].
 * @returns The model handle, e.g. Lead model 'Weighted B2B' · 14 criteria · #5f2c91ab.
 */
export function model(criteria: any[][], bands: any[][], settings: any[][], headers: any[][]): string {
  const handle = leadScore.model(criteria, bands, settings, headers);
  if (handle instanceof CustomFunctions.Error) throw handle;
  return String(handle);
}

/**
 * The lead score: Fit plus Engagement points after decay and caps. One row gives one score; several rows give a column of scores.
 * @customfunction SCORE SCORE
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead The lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]]; or several rows.
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns The score of each lead.
 */
export function score(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.score(model, lead, asOf) as any[][];
}

/**
 * The lead's band, such as Cold, Warm or Hot. One row gives one band; several rows give a column.
 * @customfunction BAND BAND
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead The lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]]; or several rows.
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns The band name of each lead.
 */
export function band(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.band(model, lead, asOf) as any[][];
}

/**
 * The lead's stage: SQL, MQL, or empty below the MQL threshold. One row gives one stage; several rows give a column.
 * @customfunction STAGE STAGE
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead The lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]]; or several rows.
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns MQL, SQL or empty text for each lead.
 */
export function stage(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.stage(model, lead, asOf) as any[][];
}

/**
 * The lead's Fit points (who the lead is), after decay and caps. One row gives one value; several rows give a column.
 * @customfunction FIT FIT
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead The lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]]; or several rows.
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns The Fit points of each lead.
 */
export function fit(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.fit(model, lead, asOf) as any[][];
}

/**
 * The lead's Engagement points (what the lead did), after decay and caps. One row gives one value; several rows give a column.
 * @customfunction ENGAGEMENT ENGAGEMENT
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead The lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]]; or several rows.
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns The Engagement points of each lead.
 */
export function engagement(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.engagement(model, lead, asOf) as any[][];
}

/**
 * Explains one lead's score: a spilled table (Group, Criterion, Points, Detail) with one row per criterion that counted; the Points add up to the score.
 * @customfunction EXPLAIN EXPLAIN
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param model The cell holding =LEADSCORE.MODEL(...).
 * @param lead One lead's cells, in the order of the model's headers, e.g. Leads[@[Name]:[Country]].
 * @param [asOf] Day to measure ages to (a date or YYYY-MM-DD text). Default: the model's As-of date, else today.
 * @returns A heading row, then one row per contributing criterion or cap.
 */
export function explain(model: any, lead: any[][], asOf?: any): any[][] {
  // A promise when the model is read from the workbook first; Excel awaits it.
  return leadScore.explain(model, lead, asOf) as any[][];
}

/**
 * Lists what is wrong with a model's tables, each problem with where it is: a spilled table (Severity, Where, Problem).
 * @customfunction PROBLEMS PROBLEMS
 * @helpurl https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md
 * @param criteria The criteria table with its header row, e.g. LeadScoringCriteria[#All].
 * @param bands The bands table with its header row, e.g. LeadScoringBands[#All].
 * @param settings The settings table with its header row, e.g. LeadScoringSettings[#All].
 * @param [headers] The lead table's header row, to also check the columns the criteria name.
 * @returns The problems, or "No problems found".
 */
export function problems(criteria: any[][], bands: any[][], settings: any[][], headers?: any[][]): any[][] {
  return leadScore.problems(criteria, bands, settings, headers);
}
