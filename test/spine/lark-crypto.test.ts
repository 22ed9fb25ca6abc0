import { describe, expect, it } from 'vitest';
import { larkSignature, larkSignatureMatches, secretEquals } from '../../src/lark/crypto';

const raw = Buffer.from('{"encrypt":"abc"}');
const signed = larkSignature('1700000000', 'n1', 'key', raw);

describe('checking what a Lark request carries', () => {
  it("accepts the request's own signature in either case and nothing else", () => {
    expect(signed).toMatch(/^[0-9a-f]{64}$/);
    expect(larkSignatureMatches('1700000000', 'n1', 'key', raw, signed)).toBe(true);
    expect(larkSignatureMatches('1700000000', 'n1', 'key', raw, signed.toUpperCase())).toBe(true);
    const refused = [
      larkSignature('1700000001', 'n1', 'key', raw),
      larkSignature('1700000000', 'n1', 'other-key', raw),
      larkSignature('1700000000', 'n1', 'key', Buffer.from('{"encrypt":"abd"}')),
      signed.slice(0, 63),
      `${signed}0`,
      `${signed.slice(0, 63)}g`, // not hex: Buffer.from(…, 'hex') would stop short of it
      signed.slice(0, 32),
      '',
    ];
    for (const signature of refused) expect(larkSignatureMatches('1700000000', 'n1', 'key', raw, signature)).toBe(false);
  });

  it('compares a verification token with the configured one, whatever their lengths', () => {
    expect(secretEquals('token-1', 'token-1')).toBe(true);
    for (const given of ['token-2', 'token-', 'token-12', '', 'TOKEN-1']) expect(secretEquals(given, 'token-1')).toBe(false);
    // Another configured secret is not answered from the one seen before.
    expect(secretEquals('token-1', 'token-2')).toBe(false);
    expect(secretEquals('token-2', 'token-2')).toBe(true);
  });
});
