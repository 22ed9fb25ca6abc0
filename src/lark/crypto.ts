import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Lark's scheme: key = SHA-256(encryptKey); AES-256-CBC, PKCS7; wire = base64(IV ‖ ciphertext).
const aesKey = (encryptKey: string) => configDigest(encryptKey);

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
  return signatureDigest(timestamp, nonce, encryptKey, rawBody).toString('hex');
}

function signatureDigest(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(rawBody)
    .digest();
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Whether `signature` (hex, either case) is Lark's signature of the request, compared as the 32
 * bytes of the digest in constant time. Its length is not hidden: every SHA-256 digest has it.
 */
export function larkSignatureMatches(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer, signature: string): boolean {
  if (!SHA256_HEX.test(signature)) return false;
  return timingSafeEqual(signatureDigest(timestamp, nonce, encryptKey, rawBody), Buffer.from(signature, 'hex'));
}

/**
 * Whether `given` equals `secret`, in constant time: both are hashed so that the comparison does
 * not leak the secret's length. The secret's digest is kept (it is configuration, the same on
 * every request), so a request costs one hash.
 */
export function secretEquals(given: string, secret: string): boolean {
  return timingSafeEqual(sha256(given), configDigest(secret)) && given === secret;
}

/** SHA-256 of a configured key or token, computed once per value: never of what a request carries. */
const configDigests = new Map<string, Buffer>();
function configDigest(value: string): Buffer {
  let digest = configDigests.get(value);
  if (!digest) configDigests.set(value, (digest = sha256(value)));
  return digest;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
