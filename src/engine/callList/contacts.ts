/**
 * The columns a caller needs beside a lead's score: who (name, or first and last name), where
 * (company) and how to reach them (email, phone). Found by header, as people name them in CRM
 * exports; a column that is not there is simply left out.
 */
import { columnKey } from '../columns';

export interface ContactColumns {
  /** The column holding the whole name, or null (then first and last name may be used). */
  readonly name: number | null;
  readonly firstName: number | null;
  readonly lastName: number | null;
  readonly company: number | null;
  readonly email: number | null;
  readonly phone: number | null;
}

export interface Contact {
  readonly name: string;
  readonly company: string;
  readonly email: string;
  readonly phone: string;
}

const PATTERNS = {
  name: /^(full ?name|name|contact( ?name)?|lead( ?name)?|person)$/,
  firstName: /^(first ?name|given ?name|forename)$/,
  lastName: /^(last ?name|surname|family ?name)$/,
  company: /^(company|company ?name|account|account ?name|organi[sz]ation|organi[sz]ation ?name|employer)$/,
  email: /^(e-?mail|e-?mail ?address|work ?e-?mail|business ?e-?mail)$/,
  phone: /^(phone|phone ?number|telephone|tel|mobile|mobile ?phone|cell|cell ?phone|work ?phone|direct ?(dial|phone))$/,
} as const;

/** The first header matching each kind of contact column. */
export function contactColumns(headers: readonly string[]): ContactColumns {
  const keys = headers.map((h) => columnKey(h).replace(/[_.]/g, ' ').replace(/\s+/g, ' '));
  const find = (re: RegExp): number | null => {
    const i = keys.findIndex((k) => re.test(k));
    return i < 0 ? null : i;
  };
  return {
    name: find(PATTERNS.name),
    firstName: find(PATTERNS.firstName),
    lastName: find(PATTERNS.lastName),
    company: find(PATTERNS.company),
    email: find(PATTERNS.email),
    phone: find(PATTERNS.phone),
  };
}

const text = (v: unknown): string => (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'object' ? '' : String(v).trim());

export function contactOf(columns: ContactColumns, row: readonly unknown[]): Contact {
  const at = (i: number | null): string => (i === null ? '' : text(row[i]));
  let name = at(columns.name);
  if (name === '') name = [at(columns.firstName), at(columns.lastName)].filter((p) => p !== '').join(' ');
  return { name, company: at(columns.company), email: at(columns.email), phone: at(columns.phone) };
}

/** Which contact fields the table has at all, so that a list shows only those. */
export function contactFieldsPresent(columns: ContactColumns): readonly (keyof Contact)[] {
  const present: (keyof Contact)[] = [];
  if (columns.name !== null || columns.firstName !== null || columns.lastName !== null) present.push('name');
  if (columns.company !== null) present.push('company');
  if (columns.email !== null) present.push('email');
  if (columns.phone !== null) present.push('phone');
  return present;
}
