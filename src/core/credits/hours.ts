/**
 * 学时 are handled as integer hundredths ("centi-hours") wherever they are added up, so that
 * 0.1 + 0.2 is exactly 0.3 and a person is never 0.0000001 学时 short of the target.
 * Records and rules carry at most two decimals, which makes the conversion exact.
 */

export function toCenti(hours: number): number {
  return Math.round(hours * 100);
}

export function fromCenti(centi: number): number {
  return centi / 100;
}

/** Exact sum of hour values, returned in hours. */
export function sumHours(values: Iterable<number>): number {
  let centi = 0;
  for (const value of values) centi += toCenti(value);
  return fromCenti(centi);
}

/** `12.5`, `8`, `0.3`: no trailing zeros, never float noise. */
export function formatHours(hours: number): string {
  return String(fromCenti(toCenti(hours)));
}

export type DecimalParse =
  | { ok: true; centi: number }
  | { ok: false; problem: 'not_a_number' | 'too_many_decimals' };

/**
 * Reads a plain decimal like `2`, `2.5`, `.25` or `2.500` straight into hundredths, digit by
 * digit, so no binary rounding can creep in before the two-decimal check.
 */
export function parseDecimalCenti(text: string): DecimalParse {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  const whole = match?.[1] ?? '';
  const fraction = (match?.[2] ?? '').replace(/0+$/, '');
  if (!match || (whole === '' && (match[2] ?? '') === '')) return { ok: false, problem: 'not_a_number' };
  if (fraction.length > 2) return { ok: false, problem: 'too_many_decimals' };
  const centi = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  return { ok: true, centi };
}
