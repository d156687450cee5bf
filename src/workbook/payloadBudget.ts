/** How big one request to Excel may be: every block the session reads or writes is sized by this. */
import { PAYLOAD_LIMIT_BYTES } from '../excel/gateway';

/** Requests are kept well under Excel on the web's 5 MB, leaving room for the JSON around the cells. */
export const BLOCK_BUDGET_BYTES = Math.floor(PAYLOAD_LIMIT_BYTES * 0.8);

export const bytesOf = (value: unknown): number => (JSON.stringify(value) ?? '').length;
