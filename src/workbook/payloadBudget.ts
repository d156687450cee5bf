/** How big one request to Excel may be: every block the session reads or writes is sized by this. */
import { PAYLOAD_LIMIT_BYTES } from '../excel/gateway';

/** Requests are kept well under Excel on the web's 5 MB, leaving room for the JSON around the cells. */
export const BLOCK_BUDGET_BYTES = Math.floor(PAYLOAD_LIMIT_BYTES * 0.8);

/**
 * The size of a value as the JSON of a request, in UTF-8 bytes: the limit is in bytes, and text
 * outside ASCII takes 2 to 4 bytes a character (Japanese: 3), so counting characters would let
 * a block of such text grow to three times the budget.
 */
export function bytesOf(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character of 4 bytes: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}
