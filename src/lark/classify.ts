/** The outcome of one call, classified so the outbox knows whether and when to retry. */
export type CallResult =
  | { ok: true; messageId: string | null }
  | { ok: false; retry: 'rate-limited'; afterMs: number; scope: 'app' | 'target'; code: number; error: string }
  | { ok: false; retry: 'transient'; error: string }
  | { ok: false; retry: 'never'; code?: number; error: string };

/** Generic gateway limiter: HTTP 429, or 400 on some older APIs; advises a wait in x-ogw-ratelimit-reset. */
export const GATEWAY_LIMIT = 99991400;
/** Message create/reply/PATCH frequency limit, HTTP 400 ("调用消息 API 受到频率限制时，会返回 230020"). */
export const MESSAGE_LIMIT = 230020;
/** Tenant token invalid or expired: fetch a new one and try again; the HTTP status is not documented. */
export const TOKEN_INVALID = new Set([99991663, 99991664, 99991661]);

/** Without advice, wait a little more than Lark's one-second windows. */
const DEFAULT_WAIT_MS = 1100;

function resetMs(headers: unknown): number | undefined {
  const h = headers as Record<string, unknown> | undefined;
  const reset = Number(h?.['x-ogw-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

/** A business answer (HTTP 2xx, or 4xx carrying a body) as a result; undefined means "not a limit". */
export function classifyCode(code: number, msg: string, headers?: unknown): CallResult | undefined {
  if (code === MESSAGE_LIMIT || code === GATEWAY_LIMIT) {
    const advised = resetMs(headers);
    // 230020 may be one user's or one chat's window (shared with other bots); 99991400 is the app's.
    return { ok: false, retry: 'rate-limited', afterMs: advised ?? DEFAULT_WAIT_MS, scope: code === GATEWAY_LIMIT ? 'app' : 'target', code, error: `${code} ${msg}` };
  }
  return undefined;
}

/** A thrown SDK/axios error: HTTP status with maybe a Lark body, or a network failure. */
export function classifyThrown(e: unknown): CallResult {
  const err = e as { response?: { status?: number; data?: { code?: number; msg?: string }; headers?: unknown }; code?: string; message?: string };
  const status = err?.response?.status;
  const body = err?.response?.data;
  if (typeof body?.code === 'number') {
    const limited = classifyCode(body.code, body.msg ?? '', err.response?.headers);
    if (limited) return limited;
  }
  if (status === 429) {
    return { ok: false, retry: 'rate-limited', afterMs: resetMs(err.response?.headers) ?? DEFAULT_WAIT_MS, scope: 'app', code: 429, error: `429 ${body?.msg ?? 'rate limited'}` };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return { ok: false, retry: 'never', ...(typeof body?.code === 'number' ? { code: body.code } : {}), error: `${status} ${body?.code ?? ''} ${body?.msg ?? err.message ?? ''}`.trim() };
  }
  return { ok: false, retry: 'transient', error: status ? `${status} ${err.message ?? ''}`.trim() : String(err?.code ?? err?.message ?? e) };
}
