import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Lark's scheme: key = SHA-256(encryptKey); AES-256-CBC, PKCS7; wire = base64(IV ‖ ciphertext).
const aesKeys = new Map<string, Buffer>();
function aesKey(encryptKey: string): Buffer {
  let key = aesKeys.get(encryptKey);
  if (!key) aesKeys.set(encryptKey, (key = createHash('sha256').update(encryptKey, 'utf8').digest()));
  return key;
}

export function encryptLarkPayload(plain: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** Throws on malformed input; callers map that to a 400. */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('encrypted payload has a bad length');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** hex sha256 of timestamp + nonce + encryptKey + raw body bytes (not a re-serialised body). */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(rawBody)
    .digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  // Hash both so the comparison length does not leak the expected length.
  const ah = createHash('sha256').update(ab).digest();
  const bh = createHash('sha256').update(bb).digest();
  return timingSafeEqual(ah, bh) && ab.length === bb.length;
}
