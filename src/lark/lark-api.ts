import * as lark from '@larksuiteoapi/node-sdk';
import type { Directory, OrgDepartment, OrgUser } from '../core/ports';
import { type CallResult, classifyCode, classifyThrown, TOKEN_INVALID } from './classify';
import { readDepartments, readUsers } from './directory';

export type { CallResult } from './classify';

/** A token cache per client: the SDK's default cache is process-global and never invalidated. */
class LocalCache implements lark.Cache {
  private store = new Map<string, { value: unknown; expiresAt: number }>();
  private static key(key: string | Symbol, namespace?: string) {
    return `${namespace ?? ''}/${key.toString()}`;
  }
  // The SDK passes an absolute expiry time in milliseconds (or nothing).
  async set(key: string | Symbol, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.store.set(LocalCache.key(key, options?.namespace), { value, expiresAt: expiresAt ?? Infinity });
    return true;
  }
  async get(key: string | Symbol, options?: { namespace?: string }) {
    const hit = this.store.get(LocalCache.key(key, options?.namespace));
    if (!hit || hit.expiresAt <= Date.now()) return undefined;
    return hit.value;
  }
  clear() {
    this.store.clear();
  }
}

const ignore = () => undefined;
const QUIET_LOGGER = { error: ignore, warn: ignore, info: ignore, debug: ignore, trace: ignore };

export interface LarkApiOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  timeoutMs?: number;
}

type Request = { method: string; url: string; params?: object; data?: object };

/** A Lark error answer, thrown by reads so callers can tell "no authority" (40004) from other failures. */
export class LarkReadError extends Error {
  constructor(
    readonly larkCode: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export class LarkApi implements Directory {
  readonly client: lark.Client;
  private cache = new LocalCache();

  constructor(opts: LarkApiOptions) {
    lark.defaultHttpInstance.defaults.timeout = opts.timeoutMs ?? 10_000;
    this.client = new lark.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: opts.baseUrl,
      cache: this.cache,
      // LoggerLevel.fatal is 0, which the SDK treats as unset; a quiet logger keeps its chatter out of ours.
      loggerLevel: lark.LoggerLevel.error,
      logger: QUIET_LOGGER,
    });
  }

  sendMessage(receiveIdType: string, receiveId: string, msgType: string, content: string, uuid: string) {
    return this.call({
      method: 'POST',
      url: '/open-apis/im/v1/messages',
      params: { receive_id_type: receiveIdType },
      data: { receive_id: receiveId, msg_type: msgType, content, uuid },
    });
  }

  replyMessage(messageId: string, msgType: string, content: string, uuid: string) {
    return this.call({
      method: 'POST',
      url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`,
      data: { msg_type: msgType, content, uuid },
    });
  }

  patchMessage(messageId: string, content: string) {
    return this.call({ method: 'PATCH', url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, data: { content } });
  }

  /** The delayed update of a clicked card with its callback token (valid 30 min, 2 uses); the card goes as an object. */
  delayedUpdate(token: string, card: string) {
    return this.call({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: JSON.parse(card) } });
  }

  async botOpenId(): Promise<string | null> {
    try {
      const res = await this.client.request<{ code: number; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
      return res.code === 0 ? (res.bot?.open_id ?? null) : null;
    } catch {
      return null;
    }
  }

  departments(): Promise<OrgDepartment[]> {
    return readDepartments((u, p) => this.pages(u, p), (u, p) => this.get(u, p));
  }

  usersIn(departmentId: string): Promise<OrgUser[]> {
    return readUsers((u, p) => this.pages(u, p), departmentId);
  }

  private async get(url: string, params: Record<string, unknown>): Promise<any> {
    let res: any;
    try {
      res = await this.client.request<any>({ method: 'GET', url, params });
    } catch (e) {
      const body = (e as { response?: { data?: { code?: number; msg?: string } } }).response?.data;
      throw new LarkReadError(body?.code, `通讯录接口返回错误 ${body?.code ?? ''}: ${body?.msg ?? (e as Error).message}`);
    }
    if (res?.code !== 0) throw new LarkReadError(res?.code, `通讯录接口返回错误 ${res?.code}: ${res?.msg}`);
    return res.data;
  }

  private async pages(url: string, params: Record<string, unknown>): Promise<any[]> {
    const all: any[] = [];
    let pageToken: string | undefined;
    for (let guard = 0; guard < 10_000; guard++) {
      const data = await this.get(url, { page_size: 50, ...params, ...(pageToken ? { page_token: pageToken } : {}) });
      all.push(...(data?.items ?? []));
      if (!data?.has_more) return all;
      pageToken = data.page_token;
    }
    throw new Error('通讯录分页过多');
  }

  private async call(req: Request, retriedToken = false): Promise<CallResult> {
    let res: any;
    try {
      res = await this.client.request<any>(req);
    } catch (e) {
      const code = (e as { response?: { data?: { code?: number } } }).response?.data?.code;
      // 99991663 may come with HTTP 400: a stale cached token, so fetch a fresh one and try once more.
      if (typeof code === 'number' && TOKEN_INVALID.has(code) && !retriedToken) return this.refreshAndRetry(req);
      return classifyThrown(e);
    }
    if (res?.code === 0) return { ok: true, messageId: res.data?.message_id ?? null };
    if (TOKEN_INVALID.has(res?.code) && !retriedToken) return this.refreshAndRetry(req);
    return classifyCode(res?.code, res?.msg ?? '') ?? { ok: false, retry: 'never', code: res?.code, error: `${res?.code} ${res?.msg}` };
  }

  private refreshAndRetry(req: Request): Promise<CallResult> {
    this.cache.clear();
    return this.call(req, true);
  }
}
