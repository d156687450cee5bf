/**
 * The note Apply leaves on the Score header cell: which model the scores came from and when,
 * readable by anyone who opens the workbook, with or without the add-in.
 */
import type { OutputMode } from './session';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26 Nov 2026, 14:05" in the machine's time zone: one reading in every locale (no 11/12 vs 12/11). */
export function noteDate(at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${at.getDate()} ${MONTHS[at.getMonth()] ?? ''} ${at.getFullYear()}, ${two(at.getHours())}:${two(at.getMinutes())}`;
}

export function scoreHeaderNote(modelName: string, at: Date, mode: OutputMode): string {
  const how =
    mode === 'values'
      ? 'Static values: they stay as they are when the model changes; Apply again to refresh them.'
      : 'Live formulas: they follow the model on the Lead Scoring sheet.';
  return [`Lead Scoring: model '${modelName}', applied ${noteDate(at)}.`, how, 'This column was written by the Lead Scoring add-in (Remove scoring takes it away).'].join('\n');
}
