/**
 * Lark envelopes are a dozen levels deep at most. Anything far deeper is refused before JSON.parse:
 * parsing is fine, but every later JSON.stringify (the inbox stores the envelope) recurses and
 * throws RangeError, which used to surface as a 503 that Lark retries for hours.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when brackets outside strings nest deeper than `max`; one linear pass, no allocation. A string
 * is skipped with indexOf (every event carries one of a kilobyte or more: the encrypted body, the
 * message text), which made the check four times faster than reading it a character at a time.
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return false; // unterminated: JSON.parse refuses it
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whether the quote at `at` is escaped: an odd run of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let j = at - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
  return backslashes % 2 === 1;
}
