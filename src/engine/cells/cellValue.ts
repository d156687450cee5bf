/**
 * A cell value exactly as a host hands it over: the Office JavaScript API's range values and
 * custom-function arguments give numbers, strings, booleans and empty cells ("" or null);
 * error cells arrive as their text ("#N/A") or, in custom functions, as an error object.
 * CSV files give strings.
 * The engine accepts `unknown` at its edge and classifies once.
 */
export type CellValue = string | number | boolean | null | undefined | ExcelErrorObject;

/** The shape of an error passed into a custom function (CustomFunctions.Error). */
export interface ExcelErrorObject {
  readonly errorCode?: string;
  readonly code?: string;
  readonly type?: string;
  readonly message?: string;
}

/** A date as Excel stores it: days since 1899-12-31 in the 1900 date system, time as a fraction. */
export type ExcelSerial = number & { readonly __brand: 'ExcelSerial' };

export const ERROR_LITERALS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

/** The Excel error a value stands for ("#N/A", "#VALUE!", ...), or null when it is not an error. */
export function excelErrorOf(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.length === 0 || value.charCodeAt(0) !== 35 /* # */) return null;
    const upper = value.trim().toUpperCase();
    return ERROR_LITERALS.has(upper) ? upper : null;
  }
  if (value !== null && typeof value === 'object') {
    const err = value as ExcelErrorObject;
    const code = err.errorCode ?? err.code ?? err.type;
    if (typeof code === 'string') {
      const upper = code.toUpperCase();
      if (ERROR_LITERALS.has(upper)) return upper;
      // CustomFunctions.ErrorCode names such as "invalidValue", "notAvailable".
      return ERROR_CODE_NAMES[code] ?? '#VALUE!';
    }
    return '#VALUE!';
  }
  return null;
}

const ERROR_CODE_NAMES: Readonly<Record<string, string>> = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
};

/** True for an empty cell: null, undefined, or text that is only whitespace. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    // Most cells start with a visible character: decide without allocating a trimmed copy.
    // Every character trim() removes is at most 32, 160 (no-break space), or from U+1680 on.
    if (value.length === 0) return true;
    const first = value.charCodeAt(0);
    if (first > 32 && first !== 160 && first < 0x1680) return false;
    return value.trim().length === 0;
  }
  return false;
}

/** A short, quoted rendering of a cell for messages: 'abc', 12, TRUE, (blank), #N/A. */
export function showCell(value: unknown): string {
  if (isBlank(value)) return '(blank)';
  const error = excelErrorOf(value);
  if (error !== null) return error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const t = value.trim();
    return `'${t.length > 40 ? `${t.slice(0, 37)}...` : t}'`;
  }
  return `'${String(value)}'`;
}
