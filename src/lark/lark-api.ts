import * as lark from '@larksuiteoapi/node-sdk';
import type { Directory, OrgDepartment, OrgUser } from '../core/ports';

/** The outcome of one call, classified so the outbox knows whether and when to retry. */
export type CallResult =
  | { ok: true; messageId: string | null }
  | { ok: false; retry: 'rate-limited'; afterMs: number; error: string }
  | { ok: false; retry: 'transient'; error: string }
  | { ok: false; retry: 'never'; error: string };

const RATE_LIMIT_CODE = 99991400;
const TOKEN_INVALID_CODES = new Set([99991663, 99991664, 99991661]);

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

  async botOpenId(): Promise<string | null> {
    try {
      const res = await this.client.request<{ code: number; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
      return res.code === 0 ? (res.bot?.open_id ?? null) : null;
    } catch {
      return null;
    }
  }

  async departments(): Promise<OrgDepartment[]> {
    const items = await this.pages<any>('/open-apis/contact/v3/departments/0/children', {
      fetch_child: true,
      department_id_type: 'department_id',
      user_id_type: 'open_id',
    });
    return items.map((d) => ({
      id: String(d.department_id ?? d.open_department_id),
      name: String(d.name ?? ''),
      parentId: d.parent_department_id && d.parent_department_id !== '0' ? String(d.parent_department_id) : null,
      leaderOpenId: d.leader_user_id ? String(d.leader_user_id) : null,
      chatId: d.chat_id ? String(d.chat_id) : null,
    }));
  }

  async usersIn(departmentId: string): Promise<OrgUser[]> {
    const items = await this.pages<any>('/open-apis/contact/v3/users/find_by_department', {
      department_id: departmentId,
      department_id_type: 'department_id',
      user_id_type: 'open_id',
    });
    return items
      .filter((u) => !u.status?.is_resigned)
      .map((u) => ({
        openId: String(u.open_id),
        userId: u.user_id && !String(u.user_id).startsWith('ou_') ? String(u.user_id) : null,
        name: String(u.name ?? ''),
        departmentIds: Array.isArray(u.department_ids) ? u.department_ids.map(String) : [],
        leaderOpenId: u.leader_user_id ? String(u.leader_user_id) : null,
      }));
  }

  private async pages<T>(url: string, params: Record<string, unknown>): Promise<T[]> {
    const all: T[] = [];
    let pageToken: string | undefined;
    for (let guard = 0; guard < 10_000; guard++) {
      const res = await this.client.request<any>({
        method: 'GET',
        url,
        params: { ...params, page_size: 50, ...(pageToken ? { page_token: pageToken } : {}) },
      });
      if (res.code !== 0) throw new Error(`通讯录接口返回错误 ${res.code}: ${res.msg}`);
      all.push(...((res.data?.items ?? []) as T[]));
      if (!res.data?.has_more) return all;
      pageToken = res.data.page_token;
    }
    throw new Error('通讯录分页过多');
  }

  private async call(req: { method: string; url: string; params?: object; data?: object }, retriedToken = false): Promise<CallResult> {
    try {
      const res = await this.client.request<any>(req);
      if (res?.code === 0) return { ok: true, messageId: res.data?.message_id ?? null };
      if (res?.code === RATE_LIMIT_CODE) return { ok: false, retry: 'rate-limited', afterMs: 1000, error: `${res.code} ${res.msg}` };
      if (TOKEN_INVALID_CODES.has(res?.code) && !retriedToken) {
        // A stale cached token: fetch a fresh one and try once more.
        this.cache.clear();
        return this.call(req, true);
      }
      return { ok: false, retry: 'never', error: `${res?.code} ${res?.msg}` };
    } catch (e: any) {
      const status: number | undefined = e?.response?.status;
      const body = e?.response?.data;
      if (status === 429 || body?.code === RATE_LIMIT_CODE) {
        const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
        const afterMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000;
        return { ok: false, retry: 'rate-limited', afterMs, error: `429 ${body?.msg ?? 'rate limited'}` };
      }
      if (status !== undefined && status >= 400 && status < 500) {
        return { ok: false, retry: 'never', error: `${status} ${body?.code ?? ''} ${body?.msg ?? e.message}` };
      }
      return { ok: false, retry: 'transient', error: status ? `${status} ${e.message}` : String(e?.code ?? e?.message ?? e) };
    }
  }
}
