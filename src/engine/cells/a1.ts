/** Excel's column letters for a zero-based column: 0 is "A", 25 "Z", 26 "AA", 702 "AAA". */
export function columnLetters(column: number): string {
  let name = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** A1 address of a zero-based cell, e.g. (2, 16) is "Q3". */
export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** A sheet name as a formula writes it: quoted when it is not a plain word. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
