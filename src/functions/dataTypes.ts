/**
 * Cells that arrive as objects. functions.json turns on allowCustomDataForDataTypeAny and
 * allowErrorForDataTypeAny, so Excel passes an error cell as an ErrorCellValue
 * ({ type: 'Error', basicValue: '#N/A', errorType }) and a Stocks or Geography cell as an entity
 * ({ type: 'LinkedEntity', text: 'Germany', ... }); a formatted number as { type:
 * 'FormattedNumber', basicValue: 1200 }. The functions score what the cell shows, as the pane
 * does with range.values: an entity by its text, any other data type by its basic value, an
 * error by its error text (which the engine reads as that error).
 */

interface DataTypeValue {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly basicValue?: unknown;
}

const isPlain = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A cell as the engine reads cells: data-type objects become their text or basic value; anything else is left as it is. */
export function plainCell(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const cell = value as DataTypeValue;
  // CustomFunctions.Error-like objects ({ code, message }) have no type: the engine reads them.
  if (typeof cell.type !== 'string') return value;
  if (cell.type === 'Error') return typeof cell.basicValue === 'string' && cell.basicValue.startsWith('#') ? cell.basicValue : '#VALUE!';
  if ((cell.type === 'Entity' || cell.type === 'LinkedEntity') && typeof cell.text === 'string') return cell.text;
  return isPlain(cell.basicValue) ? cell.basicValue : '#VALUE!';
}

/** Rows with every data-type cell made plain; rows without one are returned as they are (no copy). */
export function plainRows(rows: unknown[][]): unknown[][] {
  let out: unknown[][] | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    let copy: unknown[] | null = null;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || typeof v !== 'object') continue;
      copy ??= [...row];
      copy[c] = plainCell(v);
    }
    if (copy !== null) {
      out ??= [...rows];
      out[r] = copy;
    }
  }
  return out ?? rows;
}
