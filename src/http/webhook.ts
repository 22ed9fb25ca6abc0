import type { Context } from 'koa';
import type { Logger } from 'pino';
import { decryptLarkPayload, secretEquals } from '../lark/crypto';
import { jsonTooDeep } from './json-depth';
import { BodyTimeoutError, BodyTooLargeError, readRawBody } from './raw-body';
import { isValidLarkRequest } from './verify-request';

export const MAX_BODY_BYTES = 1024 * 1024;
/** CONTRACT.md: a body that has not finished arriving within 10 s is refused. */
export const BODY_TIMEOUT_MS = 10_000;

export interface WebhookOptions {
  encryptKey: string;
  verificationToken: string;
  windowSeconds: number;
  now: () => number;
  log: Logger;
  /** How long a request body may take to arrive (default 10 s). */
  bodyTimeoutMs?: number;
  /** Persists/dispatches a verified, decrypted envelope and returns the response body. */
  intake: (envelope: Record<string, unknown>, text: string) => Promise<unknown>;
}

type Outcome = { status: number; body: unknown; outcome: string; close?: boolean };

const reject = (status: number, outcome: string, msg: string): Outcome => ({ status, body: { error: msg }, outcome });
/** The rest of the body is never read, so the connection cannot be reused. */
const rejectAndClose = (status: number, outcome: string, msg: string): Outcome => ({ ...reject(status, outcome, msg), close: true });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Undefined for anything that is not JSON, or is nested deeper than an envelope can be. */
function parseJson(text: string): unknown {
  if (jsonTooDeep(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The edge: raw body → verify → decrypt → token → challenge → intake. It never decides anything else,
 * and no input can make it answer 500.
 */
export async function handleWebhook(ctx: Context, opts: WebhookOptions): Promise<string> {
  let result: Outcome;
  try {
    result = await verifyAndAccept(ctx, opts);
  } catch (e) {
    opts.log.error({ err: e }, 'webhook failed');
    // Lark retries non-200 answers; a temporary fault (database down) should be retried.
    result = reject(503, 'error', 'temporarily unavailable');
  }
  ctx.status = result.status;
  if (result.close) ctx.set('Connection', 'close');
  ctx.body = result.body ?? {};
  return result.outcome;
}

async function verifyAndAccept(ctx: Context, opts: WebhookOptions): Promise<Outcome> {
  let raw: Buffer;
  try {
    raw = await readRawBody(ctx.req, MAX_BODY_BYTES, opts.bodyTimeoutMs ?? BODY_TIMEOUT_MS);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return rejectAndClose(413, 'too_large', 'body too large');
    if (e instanceof BodyTimeoutError) return rejectAndClose(408, 'body_timeout', 'body not received in time');
    return rejectAndClose(400, 'bad_body', 'unreadable body');
  }
  const rawText = raw.toString('utf8');
  const outer = parseJson(rawText);
  if (!isObject(outer)) return reject(400, 'not_json', 'body must be a JSON object (nested at most 64 levels)');

  const headers = ctx.request.headers;
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const signed = isValidLarkRequest({
    rawBody: raw,
    timestamp: header('x-lark-request-timestamp'),
    nonce: header('x-lark-request-nonce'),
    signature: header('x-lark-signature'),
    encryptKey: opts.encryptKey,
    nowMs: opts.now(),
    windowSeconds: opts.windowSeconds,
  });
  const hasSignatureHeaders = Boolean(header('x-lark-signature'));
  // A signature that is present must be right. Lark does not sign the console's url_verification,
  // so an unsigned body is accepted only if it is encrypted with our key and is a challenge (checked below).
  if (hasSignatureHeaders && !signed) return reject(401, 'bad_signature', 'signature verification failed');

  let envelope: unknown = outer;
  let text = rawText;
  if (typeof outer.encrypt === 'string') {
    let plain: string;
    try {
      plain = decryptLarkPayload(outer.encrypt, opts.encryptKey);
    } catch {
      return reject(400, 'bad_encryption', 'cannot decrypt body');
    }
    envelope = parseJson(plain);
    text = plain;
    if (!isObject(envelope)) return reject(400, 'not_json', 'decrypted body is not a JSON object');
  } else if (!signed) {
    return reject(401, 'unsigned', 'request is neither signed nor encrypted');
  }
  if (!isObject(envelope)) return reject(400, 'not_json', 'body must be a JSON object');

  const head = isObject(envelope.header) ? envelope.header : undefined;
  const token = head?.token ?? envelope.token;
  if (typeof token !== 'string' || !secretEquals(token, opts.verificationToken)) {
    return reject(401, 'bad_token', 'verification token mismatch');
  }
  if (envelope.type === 'url_verification') {
    if (typeof envelope.challenge !== 'string') return reject(400, 'bad_challenge', 'challenge missing');
    return { status: 200, body: { challenge: envelope.challenge }, outcome: 'challenge' };
  }
  if (!signed) return reject(401, 'unsigned', 'events must be signed');
  return { status: 200, body: (await opts.intake(envelope, text)) ?? {}, outcome: 'accepted' };
}
