/**
 * Lark envelopes are a dozen levels deep at most. Anything far deeper is refused before JSON.parse:
 * parsing is fine, but every later JSON.stringify (the inbox stores the envelope) recurses and
 * throws RangeError, which used to surface as a 503 that Lark retries for hours.
 */
export const MAX_JSON_DEPTH = 64;

/** True when brackets outside strings nest deeper than `max`; one linear pass, no allocation. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
