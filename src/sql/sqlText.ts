/**
 * User text on its way into SQL. Only two doors exist: a quoted literal or identifier (the
 * dialect's str / ident), and a comment that has been made inert here. Nothing else of what a
 * user wrote (a model name, a column, a value, a table) is ever pasted into the query.
 */
import type { Dialect } from './dialects';

/**
 * Text safe inside a `--` comment: every character that could end the line in some client or
 * engine (CR, LF, VT, FF, NEL U+0085, U+2028, U+2029, any other control or format character)
 * becomes a space, and the text is cut to a readable length.
 */
export function commentText(text: string, max = 80): string {
  const flat = text.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/gu, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 3).join('')}...`;
}

/** One part of a table name: written bare (folded as the database folds it) or quoted. */
export interface NamePart {
  readonly name: string;
  readonly quoted: boolean;
}

const BARE = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A table name as a user writes it in SQL: parts joined by dots, each bare (crm, Leads) or
 * quoted with the dialect's quote ("My Leads", `my leads`). Throws on anything else, such as
 * a subquery or a second statement.
 */
export function parseTableName(d: Dialect, text: string): NamePart[] {
  const quote = d.name === 'spark' ? '`' : '"';
  const parts: NamePart[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`the table '${commentText(text)}' is not a table name (${why}); write it as in SQL, e.g. crm.leads or ${quote}My Leads${quote}`);
  };
  while (true) {
    if (text[i] === quote) {
      let name = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === quote) {
          if (text[j + 1] !== quote) break;
          j++;
        }
        name += text[j];
      }
      if (j >= text.length) fail('a quote is not closed');
      if (name.length === 0) fail('a quoted part is empty');
      parts.push({ name, quoted: true });
      i = j + 1;
    } else {
      const bare = BARE.exec(text.slice(i));
      if (bare === null) fail(i === text.length ? 'a part is missing' : `unexpected '${commentText(text.slice(i, i + 1))}'`);
      parts.push({ name: bare![0], quoted: false });
      i += bare![0].length;
    }
    if (i === text.length) break;
    if (text[i] !== '.') fail(`unexpected '${commentText(text.slice(i, i + 1))}'`);
    i++;
  }
  if (parts.length > 3) fail('more than catalog.schema.table');
  return parts;
}

/** The name in SQL, every part quoted; bare parts folded to lower case where the database folds them (PostgreSQL). */
export function tableSql(d: Dialect, parts: readonly NamePart[]): string {
  return parts.map((p) => d.ident(p.quoted || d.name !== 'postgres' ? p.name : p.name.toLowerCase())).join('.');
}
