/**
 * The 0-100 scale in hundredths of a score point ("cents"). The total is scaled once, so a lead
 * at the maximum scores exactly 100; the total's cents are then split among the parts that
 * make it up (Fit, Engagement, the total's caps; within each, its criteria and caps) so that
 * they add up to it exactly, each part within one hundredth of its exact share.
 *
 * Every step is one IEEE operation the SQL export repeats as written (a product, a quotient,
 * a floor), so the database gets the same hundredths as the engine, to the last bit.
 */

/** A total in units (see ScoreArithmetic) as hundredths of the 0-100 scale: units * 10000 / maximum, rounded half up. */
export function scaledCents(units: number, maximumUnits: number): number {
  return Math.round((units * 10_000) / maximumUnits) + 0;
}

/** The exact share, in hundredths, of a part worth `units`: what apportioning rounds. */
export function exactShare(units: number, maximumUnits: number): number {
  return (units * 10_000) / maximumUnits;
}

/**
 * Splits `target` hundredths among parts given in units, so that they add up to it exactly
 * (Hamilton's largest-remainder method): each part gets its exact share rounded down, and the
 * hundredths still missing go one each to the parts with the largest remainders, the earlier
 * part first when remainders are equal. A part whose share is whole keeps it; signs need no
 * care, since rounding down and remainders are defined the same way for negative shares.
 */
export function apportion(target: number, units: readonly number[], maximumUnits: number): number[] {
  const n = units.length;
  if (n === 0) return [];
  const shares = units.map((u) => exactShare(u, maximumUnits));
  const floors = shares.map((s) => Math.floor(s));
  const remainders = shares.map((s, i) => s - (floors[i] as number));
  const { base, extra } = missing(target, floors);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
  const result = floors.map((f) => f + base);
  for (let k = 0; k < extra; k++) result[order[k] as number] = (result[order[k] as number] as number) + 1;
  return result.map((x) => x + 0);
}

/**
 * apportion over exactly three parts (Fit, Engagement, the total's caps), without allocating:
 * scoring a block splits every row's score this way. Writes the three shares to out[0..2].
 */
export function apportionThree(target: number, a: number, b: number, c: number, maximumUnits: number, out: Float64Array): void {
  const sa = exactShare(a, maximumUnits);
  const sb = exactShare(b, maximumUnits);
  const sc = exactShare(c, maximumUnits);
  const fa = Math.floor(sa);
  const fb = Math.floor(sb);
  const fc = Math.floor(sc);
  const ra = sa - fa;
  const rb = sb - fb;
  const rc = sc - fc;
  const rest = target - (fa + fb + fc);
  const base = Math.floor(rest / 3);
  const extra = rest - base * 3;
  // A part's place among the remainders, largest first, the earlier part first when equal.
  const rankA = (rb > ra ? 1 : 0) + (rc > ra ? 1 : 0);
  const rankB = (ra >= rb ? 1 : 0) + (rc > rb ? 1 : 0);
  const rankC = (ra >= rc ? 1 : 0) + (rb >= rc ? 1 : 0);
  out[0] = fa + base + (rankA < extra ? 1 : 0) + 0;
  out[1] = fb + base + (rankB < extra ? 1 : 0) + 0;
  out[2] = fc + base + (rankC < extra ? 1 : 0) + 0;
}

/**
 * What rounding down left to hand out: `extra` parts get one more than `base`. With exact
 * shares the rest lies between 0 and the number of parts; spreading it evenly first keeps the
 * parts adding up even if a share was a last bit off.
 */
function missing(target: number, floors: readonly number[]): { base: number; extra: number } {
  let sum = 0;
  for (const f of floors) sum += f;
  const rest = target - sum;
  const base = Math.floor(rest / floors.length);
  return { base, extra: rest - base * floors.length };
}
