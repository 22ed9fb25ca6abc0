import { larkSignatureMatches } from '../lark/crypto';

export class VerifyError extends Error {
  constructor(reason: string) {
    super(`Failed to verify Lark request: ${reason}`);
  }
}

export interface VerifyInput {
  rawBody: Buffer;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  encryptKey: string;
  nowMs: number;
  windowSeconds: number;
}

/** Signature over the raw bytes (not a re-serialised body), compared in constant time, within a time window. */
export function verifyLarkRequest(input: VerifyInput): void {
  const { timestamp, nonce, signature } = input;
  if (!timestamp || !nonce || !signature) throw new VerifyError('missing signature headers');
  if (!/^\d{1,13}$/.test(timestamp)) throw new VerifyError('bad timestamp');
  const ts = Number(timestamp);
  // Lark sends seconds; tolerate milliseconds from other senders.
  const tsMs = ts > 1e12 ? ts : ts * 1000;
  if (Math.abs(input.nowMs - tsMs) > input.windowSeconds * 1000) throw new VerifyError('timestamp outside the allowed window');
  if (!larkSignatureMatches(timestamp, nonce, input.encryptKey, input.rawBody, signature)) throw new VerifyError('signature mismatch');
}

export function isValidLarkRequest(input: VerifyInput): boolean {
  try {
    verifyLarkRequest(input);
    return true;
  } catch {
    return false;
  }
}
