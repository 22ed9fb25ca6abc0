import { describe, expect, it } from 'vitest';
import { jsonTooDeep } from '../../src/http/json-depth';

const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('jsonTooDeep', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTooDeep(nested(64))).toBe(false);
    expect(jsonTooDeep(nested(65))).toBe(true);
    expect(jsonTooDeep(`{"a":${nested(63)}}`)).toBe(false);
    expect(jsonTooDeep(`{"a":${nested(64)}}`)).toBe(true);
    // Brackets inside a string, however many, are text.
    expect(jsonTooDeep(JSON.stringify({ text: nested(1000) }))).toBe(false);
  });

  it('ends a string only at a quote that no odd run of backslashes escapes', () => {
    // An escaped quote does not end the string, so the brackets after it are still text.
    expect(jsonTooDeep(JSON.stringify({ text: `他说："${nested(100)}"` }))).toBe(false);
    // A string ending in a backslash: the quote after it ends the string, and the nesting counts.
    expect(jsonTooDeep(`{"a":"路径\\\\","b":${nested(70)}}`)).toBe(true);
    expect(jsonTooDeep(JSON.stringify({ a: '\\', b: '\\"', c: '\\\\"' }) + nested(70))).toBe(true);
    expect(jsonTooDeep(`{"a":"\\\\\\"${nested(70)}"}`)).toBe(false);
  });

  it('leaves an unterminated string to JSON.parse', () => {
    expect(jsonTooDeep(`{"a":"${nested(70)}`)).toBe(false);
  });
});
