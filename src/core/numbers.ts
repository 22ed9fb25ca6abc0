/**
 * Scores are shown with two decimals and compared by band edges, so float noise such as
 * 0.6 × 95 = 56.99999999999999 must never decide a tier or a quota. `toPrecision(12)` drops that
 * noise before rounding half away from zero; the result is the same on every machine.
 */
export function round2(x: number): number {
  const y = Math.abs(x) * 100;
  // toPrecision moves y by less than y × 1e-11, so it can change the rounding only near a half;
  // elsewhere Math.round(y) is the same answer without building a string (the quota sorts call this a lot).
  const hundredths = Math.abs(y - Math.floor(y) - 0.5) > Math.max(1, y) * 1e-9 ? Math.round(y) : Math.round(Number(y.toPrecision(12)));
  return (Math.sign(x) * hundredths) / 100 + 0;
}

/** Removes float noise from a product such as 0.1 × 3 before it is floored or ceiled. */
export function denoise(x: number): number {
  return Number(x.toPrecision(12));
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

/** Shows 92 as "92" and 88.5 as "88.5": the way the score is written on the card. */
export function formatScore(x: number): string {
  return String(round2(x));
}
