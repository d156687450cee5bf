/**
 * A1 addresses of rectangular blocks, zero-based inside the code. Addresses never carry a
 * sheet name here: every gateway call names its sheet separately.
 */
import { columnLetters } from '../engine';

export interface Block {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}


function parseCell(text: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text.trim());
  if (m === null) throw new Error(`'${text}' is not a cell address`);
  let column = 0;
  for (const ch of (m[1] ?? '').toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** "B2:D10" or "B2" (an optional "Sheet!" prefix is ignored). */
export function parseAddress(address: string): Block {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from = '', to] = bare.split(':');
  const a = parseCell(from);
  const b = to === undefined ? a : parseCell(to);
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
}

export function formatAddress(b: Block): string {
  const first = `${columnLetters(b.column)}${b.row + 1}`;
  if (b.rows === 1 && b.columns === 1) return first;
  return `${first}:${columnLetters(b.column + b.columns - 1)}${b.row + b.rows}`;
}

export function contains(outer: Block, inner: Block): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.column + inner.columns <= outer.column + outer.columns
  );
}

export function intersects(a: Block, b: Block): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}
