import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackTokens } from './callback-tokens';
import { type CardIssue, validateCard } from './card-rules';
import { handleConsoleRoute } from './console';
import type { SandboxControl } from './control';
import type { LarkDriver } from './driver';
import { LarkApiError, LarkCodes } from './errors';
import { Faults, type OutageKind } from './faults';
import { isRecord, parseJson, readBody, sendJson } from './http-util';
import { BOT_APP_NAME, botOpenIdFor, randomHex } from './ids';
import { handleInspectRoute } from './inspect-routes';
import { larkMessageData, type Draft } from './messages-api';
import { type ApiContext, routeOpenApi } from './open-api';
import { findUserBy, orgChats, type SandboxOrg, type SandboxUser } from './org';
import { DEFAULT_RATE_LIMITS, type RateLimits, refusal, rulesFor, SlidingWindowLimiter } from './rate-limit';
import { seededRandom } from './rng';
import type { ContactScope, FaultOptions, LarkSandboxOptions, RateLimitOptions, SandboxCall } from './sandbox-options';
import { type InboundMessage, MessageStore, type SandboxMessage } from './store';

export type { FaultOptions, LarkSandboxOptions, RateLimitOptions, SandboxCall };

type Reply = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => void;

/** A local double of the Lark open platform that refuses what Lark refuses, with Lark's codes. */
export class LarkSandbox implements SandboxControl {
  readonly appId: string;
  readonly botOpenId: string;
  readonly tenantKey: string;
  readonly org: SandboxOrg;
  calls: SandboxCall[] = [];
  rateLimited = 0;
  /** Refusals for rate by the window that refused (app:s, app:m, to:<recipient>, patch:<message>, injected), so a failure names its rule. */
  refusedBy: Record<string, number> = {};
  /** Cards answered to a callback that Lark would not have shown, with why. */
  rejectedCallbackCards: Array<{ messageId: string; issues: CardIssue[] }> = [];
  driver: LarkDriver | undefined;
  contacts: ContactScope;
  private readonly appSecret: string;
  private readonly store = new MessageStore();
  private readonly limiter = new SlidingWindowLimiter();
  private readonly tokens = new Set<string>();
  private readonly revoked = new Set<string>();
  private readonly callbackTokens = new CallbackTokens();
  private readonly faultState: Faults;
  private readonly chats: Set<string>;
  private readonly random: () => number;
  readonly now: () => number;
  private limits: RateLimits;
  private readonly expiredTokenStatus: number;
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
    this.limits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };
    this.faultState = new Faults(opts.faults);
    this.contacts = opts.contacts ?? {};
    this.expiredTokenStatus = opts.expiredTokenStatus ?? 400;
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
    return { ...this.faultState.opts };
  }
  setFaults(f: FaultOptions): void {
    this.faultState.set(f);
  }
  /** Every open-API call fails for `durationMs` of sandbox time: 503, or the connection is reset. */
  startOutage(durationMs: number, kind: OutageKind = 'unavailable'): void {
    this.faultState.startOutage(durationMs, this.now(), kind);
  }
  endOutage(): void {
    this.faultState.endOutage();
  }
  setRateLimits(r: RateLimitOptions): void {
    this.limits = { ...this.limits, ...r };
  }
  get rateLimits(): RateLimits {
    return { ...this.limits };
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
  /** A callback's `{card:{type:'raw'}}` answer replaces the clicked card, unless Lark would refuse it. */
  applyCallbackCard(messageId: string, card: unknown): boolean {
    const issues = validateCard(card);
    if (issues.length > 0) {
      this.rejectedCallbackCards.push({ messageId, issues });
      return false;
    }
    const m = this.message(messageId);
    if (!m || m.msg_type !== 'interactive') return true;
    m.patches.push({ content: card, at: String(this.now()) });
    m.card = card;
    return true;
  }
  issueCallbackToken(token: string, messageId: string, openId: string): void {
    this.callbackTokens.issue(token, messageId, openId, this.now());
  }
  callbackAnswered(token: string): void {
    this.callbackTokens.answered(token);
  }

  findUser(openId: string): SandboxUser | undefined {
    return findUserBy(this.org, 'open_id', openId);
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

  /** Expires every issued token, so clients see 99991663 until they fetch a new one. */
  revokeTokens(): void {
    for (const t of this.tokens) this.revoked.add(t);
    this.tokens.clear();
  }

  /** Forgets messages, calls and rate windows; issued tokens stay valid (the SDK caches them). */
  reset(): void {
    this.store.clear();
    this.limiter.clear();
    this.callbackTokens.clear();
    this.calls = [];
    this.rateLimited = 0;
    this.refusedBy = {};
    this.rejectedCallbackCards = [];
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
      refusedBy: this.refusedBy,
      outageHits: this.faultState.outageHits,
      rejectedCallbackCards: this.rejectedCallbackCards.length,
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
    const reply: Reply = (status, body, headers = {}) => {
      this.calls.push({ method, path, query: url.search, status, code: body.code as number | undefined, at: new Date(this.now()).toISOString() });
      sendJson(res, status, body, headers);
    };
    const latency = this.faultState.opts.latencyMs;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const outage = this.faultState.outage(this.now());
    if (outage === 'reset') {
      this.calls.push({ method, path, query: url.search, status: 0, at: new Date(this.now()).toISOString() });
      req.socket.destroy();
      return;
    }
    if (outage) return reply(503, { code: LarkCodes.internal, msg: 'sandbox outage: service unavailable' });
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
      const status = bearer && this.revoked.has(bearer) ? this.expiredTokenStatus : 200;
      return reply(status, { code: LarkCodes.invalidAccessToken, msg: 'Invalid access token for authorization.' });
    }
    if (this.random() < this.faultState.opts.errorRate) {
      const status = this.random() < 0.5 ? 500 : 503;
      return reply(status, { code: LarkCodes.internal, msg: 'sandbox injected fault (nothing recorded)' });
    }
    try {
      const ctx: ApiContext = { ...this.messageContext(), tokens: this.callbackTokens, contacts: this.contacts };
      const data = routeOpenApi(ctx, this.botOpenId, method, path, url.searchParams, body);
      if ('draft' in data) return this.write(data.draft, data.kind, reply);
      return reply(200, { code: 0, msg: 'success', ...data.payload });
    } catch (e) {
      if (e instanceof LarkApiError) return reply(e.httpStatus, { code: e.code, msg: e.message });
      throw e;
    }
  }

  private write(draft: Draft, kind: 'send' | 'patch', reply: Reply): void {
    const now = this.now();
    if (this.limits.enabled) {
      const rules = rulesFor(this.limits, kind, draft.key);
      if (this.random() < this.faultState.opts.limitRate) {
        this.countRefusal('injected');
        const r = refusal(this.limits, rules[rules.length - 1]!, 1000);
        return reply(r.status, r.body, r.headers);
      }
      for (const rule of rules) {
        const waitMs = this.limiter.check(rule.key, rule.limit, rule.windowMs, now);
        if (waitMs !== undefined) {
          this.countRefusal(rule.key);
          const r = refusal(this.limits, rule, waitMs);
          return reply(r.status, r.body, r.headers);
        }
      }
      for (const rule of rules) this.limiter.record(rule.key, now);
    }
    const { message } = draft.commit();
    if (this.random() < this.faultState.opts.afterCommitErrorRate) {
      return reply(500, { code: LarkCodes.internal, msg: 'sandbox injected fault (after commit)' });
    }
    reply(200, { code: 0, msg: 'success', data: kind === 'send' ? larkMessageData(this.messageContext(), message) : {} });
  }

  private countRefusal(rule: string): void {
    this.rateLimited++;
    this.refusedBy[rule] = (this.refusedBy[rule] ?? 0) + 1;
  }

  private messageContext() {
    return { appId: this.appId, tenantKey: this.tenantKey, org: this.org, store: this.store, chats: this.chats, now: this.now };
  }
}
