import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleConsoleRoute } from './console';
import type { LarkDriver } from './driver';
import { LarkApiError, LarkCodes } from './errors';
import { isRecord, parseJson, readBody, sendJson } from './http-util';
import { BOT_APP_NAME, botOpenIdFor, randomHex } from './ids';
import { larkMessageData, type Draft, type MessageContext } from './messages-api';
import { routeOpenApi } from './open-api';
import { orgChats, type SandboxOrg, type SandboxUser } from './org';
import { SlidingWindowLimiter } from './rate-limit';
import { seededRandom } from './rng';
import { handleInspectRoute } from './inspect-routes';
import type { FaultOptions, LarkSandboxOptions, RateLimitOptions, SandboxCall } from './sandbox-options';
import { type InboundMessage, MessageStore, type SandboxMessage } from './store';

export type { FaultOptions, LarkSandboxOptions, RateLimitOptions, SandboxCall };

const RATE_LIMIT_BODY = { code: LarkCodes.rateLimited, msg: 'request trigger frequency limit' };

export class LarkSandbox {
  readonly appId: string;
  readonly botOpenId: string;
  readonly tenantKey: string;
  readonly org: SandboxOrg;
  calls: SandboxCall[] = [];
  rateLimited = 0;
  driver: LarkDriver | undefined;
  private readonly appSecret: string;
  private readonly store = new MessageStore();
  private readonly limiter = new SlidingWindowLimiter();
  private readonly tokens = new Set<string>();
  private readonly chats: Set<string>;
  private readonly random: () => number;
  private readonly now: () => number;
  private limits: Required<RateLimitOptions>;
  private faultOpts: Required<FaultOptions>;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(opts: LarkSandboxOptions) {
    this.appId = opts.appId;
    this.appSecret = opts.appSecret;
    this.org = opts.org ?? { departments: [], users: [] };
    this.tenantKey = this.org.tenantKey ?? 'sandbox_tenant';
    this.botOpenId = botOpenIdFor(opts.appId);
    this.chats = new Set(orgChats(this.org));
    this.random = seededRandom(opts.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.now = opts.now ?? Date.now;
    this.limits = { appPerSecond: 50, recipientPerSecond: 5, messagePatchPerSecond: 5, enabled: true, ...opts.rateLimits };
    this.faultOpts = { errorRate: 0, afterCommitErrorRate: 0, latencyMs: 0, ...opts.faults };
  }

  get url(): string {
    return this.baseUrl;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<{ url: string }> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
    return { url: this.baseUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get faults(): Required<FaultOptions> {
    return { ...this.faultOpts };
  }
  setFaults(f: FaultOptions): void {
    this.faultOpts = { ...this.faultOpts, ...f };
  }
  setRateLimits(r: RateLimitOptions): void {
    this.limits = { ...this.limits, ...r };
  }

  messages(): SandboxMessage[] {
    return this.store.all();
  }
  messagesFor(openIdOrChatId: string): SandboxMessage[] {
    return this.store.for(openIdOrChatId);
  }
  message(id: string): SandboxMessage | undefined {
    return this.store.get(id);
  }

  /** Lets the bot reply to a user's message; the driver calls this when it is linked. */
  recordInbound(m: InboundMessage): void {
    this.store.recordInbound(m);
    if (m.chat_type === 'group') this.chats.add(m.chat_id);
  }
  applyCallbackCard(messageId: string, card: unknown): void {
    const m = this.message(messageId);
    if (!m || m.msg_type !== 'interactive') return;
    m.patches.push({ content: card, at: String(Date.now()) });
    m.card = card;
  }

  findUser(openId: string): SandboxUser | undefined {
    return this.org.users.find((u) => u.open_id === openId);
  }
  unitChatOf(openId: string): string | undefined {
    const unit = this.findUser(openId)?.department_ids[0];
    return this.org.departments.find((d) => d.department_id === unit)?.chat_id;
  }
  chatOfMessage(messageId: string): string | undefined {
    return this.store.get(messageId)?.chat_id ?? this.store.getInbound(messageId)?.chat_id;
  }
  addChat(chatId: string): void {
    this.chats.add(chatId);
  }

  /** Invalidates every issued token, so clients see 99991663 until they fetch a new one. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Forgets messages, calls and rate windows; issued tokens stay valid (the SDK caches them). */
  reset(): void {
    this.store.clear();
    this.limiter.clear();
    this.calls = [];
    this.rateLimited = 0;
  }

  attachDriver(driver: LarkDriver): void {
    this.driver = driver;
    driver.linkSandbox(this);
  }

  stats(): Record<string, unknown> {
    return {
      messages: this.store.all().length,
      calls: this.calls.length,
      rateLimited: this.rateLimited,
      faults: this.faults,
      bot: { open_id: this.botOpenId, app_name: BOT_APP_NAME },
      appId: this.appId,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      sendJson(res, 413, { code: LarkCodes.fieldValidation, msg: 'body too large' });
      return;
    }
    try {
      if (url.pathname.startsWith('/open-apis/')) return await this.openApi(req, res, url, raw);
      if (await handleConsoleRoute(this, req, res, url, raw)) return;
      if (handleInspectRoute(this, req, res, url, raw)) return;
      sendJson(res, 404, { code: LarkCodes.notFound, msg: 'not found' });
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { code: LarkCodes.internal, msg: e instanceof Error ? e.message : String(e) });
    }
  }

  private async openApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
      this.calls.push({ method, path, query: url.search, status, code: body.code as number | undefined, at: new Date(this.now()).toISOString() });
      sendJson(res, status, body, headers);
    };
    if (this.faultOpts.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faultOpts.latencyMs));
    const body = parseJson(raw);

    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const b = isRecord(body) ? body : {};
      if (b.app_id !== this.appId) return reply(200, { code: 10003, msg: 'invalid param: app_id' });
      if (b.app_secret !== this.appSecret) return reply(200, { code: LarkCodes.appSecretInvalid, msg: 'app secret invalid' });
      const token = `t-${randomHex(20)}`;
      this.tokens.add(token);
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.tokens.has(bearer)) {
      return reply(200, { code: LarkCodes.invalidAccessToken, msg: 'Invalid access token for authorization.' });
    }
    if (this.random() < this.faultOpts.errorRate) {
      const status = this.random() < 0.5 ? 500 : 503;
      return reply(status, { code: LarkCodes.internal, msg: 'sandbox injected fault (nothing recorded)' });
    }
    try {
      const data = routeOpenApi(this.messageContext(), this.botOpenId, method, path, url.searchParams, body);
      if ('draft' in data) return this.write(data.draft, data.kind, reply);
      return reply(200, { code: 0, msg: 'success', ...data.payload });
    } catch (e) {
      if (e instanceof LarkApiError) return reply(e.httpStatus, { code: e.code, msg: e.message });
      throw e;
    }
  }

  private write(draft: Draft, kind: 'send' | 'patch', reply: (s: number, b: Record<string, unknown>, h?: Record<string, string>) => void): void {
    const now = this.now();
    if (this.limits.enabled) {
      const checks: Array<[string, number]> =
        kind === 'send'
          ? [
              ['app', this.limits.appPerSecond],
              [`to:${draft.key}`, this.limits.recipientPerSecond],
            ]
          : [[`patch:${draft.key}`, this.limits.messagePatchPerSecond]];
      for (const [key, limit] of checks) {
        const waitMs = this.limiter.check(key, limit, now);
        if (waitMs !== undefined) {
          this.rateLimited++;
          // Reset is whole seconds (≥ 1), as clients compute `sleep(reset * 1000)`.
          return reply(429, RATE_LIMIT_BODY, { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(Math.max(1, Math.ceil(waitMs / 1000))) });
        }
      }
      for (const [key] of checks) this.limiter.record(key, now);
    }
    const { message } = draft.commit();
    if (this.random() < this.faultOpts.afterCommitErrorRate) {
      return reply(500, { code: LarkCodes.internal, msg: 'sandbox injected fault (after commit)' });
    }
    reply(200, { code: 0, msg: 'success', data: kind === 'send' ? larkMessageData(this.messageContext(), message) : {} });
  }

  private messageContext(): MessageContext {
    return { appId: this.appId, tenantKey: this.tenantKey, org: this.org, store: this.store, chats: this.chats, now: this.now };
  }
}
