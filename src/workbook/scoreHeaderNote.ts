/**
 * The note Apply leaves on the Score header cell: which model the scores came from and when,
 * readable by anyone who opens the workbook, with or without the add-in.
 */
import { noteDate } from '../engine';
import type { OutputMode } from './session';

/** The date as the note shows it; in the engine, shared with the note `leadscore score` leaves (leadscoreScoreNote). */
export { noteDate };

export function scoreHeaderNote(modelName: string, at: Date, mode: OutputMode): string {
  const how =
    mode === 'values'
      ? 'Static values: they stay as they are when the model changes; Apply again to refresh them.'
      : 'Live formulas: they follow the model on the Lead Scoring sheet.';
  return [`Lead Scoring: model '${modelName}', applied ${noteDate(at)}.`, how, 'This column was written by the Lead Scoring add-in (Remove scoring takes it away).'].join('\n');
}
