/**
 * Formula text the add-in writes: structured references to the lead table, and cells that
 * must stay the text a person wrote.
 */

/** A column name inside a structured reference: [, ], # and ' are escaped with a leading '. */
export function columnRef(name: string): string {
  return `[${name.replace(/[[\]#']/g, (ch) => `'${ch}`)}]`;
}

/** Table[@[First]:[Last]]: this row's cells from First to Last. */
export function thisRowSpan(table: string, first: string, last: string): string {
  return first === last ? `${table}[@${columnRef(first)}]` : `${table}[@${columnRef(first)}:${columnRef(last)}]`;
}

/** Table[[#Headers],[First]:[Last]]. */
export function headerSpan(table: string, first: string, last: string): string {
  return `${table}[[#Headers],${columnRef(first)}:${columnRef(last)}]`;
}

/** Text as a value write: a leading apostrophe keeps text that Excel would read as a formula, number, date or TRUE/FALSE. */
export function asText(text: string): string {
  if (text === '') return '';
  if (/^[=+\-@']/.test(text)) return `'${text}`;
  const t = text.trim();
  if (/^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t) || /^(true|false)$/i.test(t) || /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(t)) return `'${text}`;
  return text;
}
