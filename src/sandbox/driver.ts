import { encryptLarkPayload, larkSignature } from '../lark/crypto';
import { cardActionEvent, type Envelope, type EnvelopeBase, menuEvent, textMessageEvent, type UserIds } from './events';
import { BOT_APP_NAME, botOpenIdFor, p2pChatIdFor, randomHex, unionIdFor } from './ids';
import type { SandboxUser } from './org';
import { seededRandom } from './rng';
import type { InboundMessage } from './store';

/** What the driver needs from a sandbox: an in-process LarkSandbox, or its base URL in another process. */
export interface SandboxLink {
  recordInbound(m: InboundMessage): void;
  findUser?(openId: string): SandboxUser | undefined;
  chatOfMessage?(messageId: string): string | undefined;
  unitChatOf?(openId: string): string | undefined;
  /** Lark shows a callback's `{card:{type:'raw'}}` answer in place of the clicked card (if the card is valid). */
  applyCallbackCard?(messageId: string, card: unknown): boolean;
  /** The callback's delayed-update token becomes usable once the callback is answered. */
  issueCallbackToken?(token: string, messageId: string, openId: string): void;
  callbackAnswered?(token: string): void;
}

export interface LarkDriverOptions {
  eventsUrl: string;
  cardsUrl?: string;
  appId: string;
  tenantKey: string;
  encryptKey: string;
  verificationToken: string;
  /** Delays (ms) before each re-send of a failed delivery; Lark's are 15 s, 5 min, 1 h, 6 h. */
  retrySchedule?: number[];
  clock?: () => Date;
  timeoutMs?: number;
  sandbox?: SandboxLink | string;
  botOpenId?: string;
  /** Share of message events Lark pushes twice under a new event_id (it tells bots to de-duplicate by message_id). */
  duplicatePushRate?: number;
  seed?: number;
}

export interface DeliveryResult {
  status: number; // 0 = timeout or network error
  body: unknown;
  eventId: string;
  messageId?: string;
  /** For card clicks: the delayed-update token the callback carried. */
  token?: string;
  /** For card clicks: false when the answer's card broke a Card JSON 2.0 rule and was not shown. */
  cardAccepted?: boolean;
}
export interface DeliveryAttempt {
  eventId: string;
  url: string;
  attempt: number; // 0 = first delivery
  status: number;
  at: Date;
}
export interface TextOptions {
  chatType?: 'p2p' | 'group';
  chatId?: string;
  mentionBot?: boolean;
  userId?: string;
}
export interface CardClick {
  messageId: string;
  chatId?: string;
  value?: unknown;
  formValue?: Record<string, unknown>;
  name?: string;
  tag?: string;
}

export const LARK_RETRY_SCHEDULE = [15_000, 300_000, 3_600_000, 21_600_000];

export class LarkDriver {
  readonly history: DeliveryAttempt[] = [];
  private readonly o: Required<Omit<LarkDriverOptions, 'sandbox' | 'cardsUrl' | 'botOpenId' | 'seed'>> & { cardsUrl: string; botOpenId: string };
  private readonly random: () => number;
  private readonly messageEvents = new Map<string, Envelope>();
  private link: SandboxLink | string | undefined;
  private readonly sent = new Map<string, { url: string; body: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  constructor(opts: LarkDriverOptions) {
    this.o = {
      retrySchedule: LARK_RETRY_SCHEDULE,
      clock: () => new Date(),
      timeoutMs: 3000,
      duplicatePushRate: 0,
      ...opts,
      cardsUrl: opts.cardsUrl ?? opts.eventsUrl,
      botOpenId: opts.botOpenId ?? botOpenIdFor(opts.appId),
    };
    this.link = opts.sandbox;
    this.random = seededRandom(opts.seed ?? 1);
  }

  linkSandbox(link: SandboxLink | string): void {
    this.link = link;
  }

  async sendText(openId: string, text: string, opts: TextOptions = {}): Promise<DeliveryResult> {
    const chatType = opts.chatType ?? (opts.chatId ? 'group' : 'p2p');
    const chatId =
      chatType === 'p2p' ? p2pChatIdFor(this.o.appId, openId) : (opts.chatId ?? this.objectLink()?.unitChatOf?.(openId));
    if (!chatId) throw new Error('sendText: a group message needs opts.chatId');
    const messageId = `om_${randomHex(16)}`;
    await this.recordInbound({ message_id: messageId, chat_id: chatId, chat_type: chatType, open_id: openId });
    const mention = opts.mentionBot ?? chatType === 'group';
    const env = textMessageEvent(this.base(), {
      sender: this.userIds(openId, opts.userId),
      text,
      messageId,
      chatId,
      chatType,
      ...(mention ? { mentionBot: { open_id: this.o.botOpenId, name: BOT_APP_NAME } } : {}),
    });
    this.messageEvents.set(messageId, env);
    const result = { ...(await this.deliverEnvelope(env, this.o.eventsUrl)), messageId };
    if (this.random() < this.o.duplicatePushRate) await this.duplicatePush(messageId);
    return result;
  }

  /** Pushes a message event again under a new event_id, as Lark sometimes does. */
  async duplicatePush(messageId: string): Promise<DeliveryResult> {
    const prev = this.messageEvents.get(messageId);
    if (!prev) throw new Error(`duplicatePush: no message event ${messageId}`);
    const again: Envelope = { ...prev, header: { ...prev.header, event_id: randomHex(16), create_time: String(this.o.clock().getTime()) } };
    return { ...(await this.deliverEnvelope(again, this.o.eventsUrl)), messageId };
  }

  menu(openId: string, eventKey: string): Promise<DeliveryResult> {
    const name = this.objectLink()?.findUser?.(openId)?.name;
    return this.deliverEnvelope(menuEvent(this.base(), { ...this.userIds(openId), ...(name ? { name } : {}) }, eventKey), this.o.eventsUrl);
  }

  /** A card callback is delivered once: Lark never re-sends one ("回调是同步操作，不提供补推机制"). */
  async clickCard(openId: string, click: CardClick): Promise<DeliveryResult> {
    const link = this.objectLink();
    const chatId = click.chatId ?? link?.chatOfMessage?.(click.messageId) ?? p2pChatIdFor(this.o.appId, openId);
    const token = `c-${randomHex(20)}`;
    link?.issueCallbackToken?.(token, click.messageId, openId);
    const env = cardActionEvent(this.base(), { ...click, operator: this.userIds(openId), chatId, token });
    const result = await this.deliverBytes(env.header.event_id, this.o.cardsUrl, this.encrypt(JSON.stringify(env)), 0, false);
    link?.callbackAnswered?.(token);
    const answer = result.body as { card?: { type?: string; data?: unknown } } | undefined;
    let cardAccepted: boolean | undefined;
    if (result.status === 200 && answer?.card?.type === 'raw') cardAccepted = link?.applyCallbackCard?.(click.messageId, answer.card.data) ?? true;
    return { ...result, token, ...(cardAccepted === undefined ? {} : { cardAccepted }) };
  }

  /** url_verification, encrypted; not retried (the console does not retry it either). */
  async challenge(challenge = randomHex(16)): Promise<DeliveryResult> {
    const body = this.encrypt(JSON.stringify({ challenge, token: this.o.verificationToken, type: 'url_verification' }));
    const r = await this.post(this.o.eventsUrl, body);
    return { ...r, eventId: '' };
  }

  /** An object is serialised and encrypted; a string is posted byte for byte (only signed). */
  deliverRaw(envelope: Envelope | Record<string, unknown> | string, opts: { eventId?: string; url?: string } = {}): Promise<DeliveryResult> {
    const url = opts.url ?? this.o.eventsUrl;
    if (typeof envelope === 'string') return this.deliverBytes(opts.eventId ?? `raw_${randomHex(8)}`, url, envelope);
    const id = opts.eventId ?? ((envelope as Envelope).header?.event_id || `raw_${randomHex(8)}`);
    return this.deliverBytes(id, url, this.encrypt(JSON.stringify(envelope)));
  }

  /** Sends an earlier event again with the same event_id and body (fresh timestamp, nonce, signature). */
  redeliver(eventId: string): Promise<DeliveryResult> {
    const prev = this.sent.get(eventId);
    if (!prev) throw new Error(`redeliver: unknown event ${eventId}`);
    return this.deliverBytes(eventId, prev.url, prev.body);
  }

  pending(): number {
    return this.timers.size + this.inFlight;
  }

  async settled(): Promise<void> {
    while (this.pending() > 0) await new Promise<void>((r) => this.waiters.push(r));
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.notify();
  }

  private deliverEnvelope(env: Envelope, url: string): Promise<DeliveryResult> {
    return this.deliverBytes(env.header.event_id, url, this.encrypt(JSON.stringify(env)));
  }

  private async deliverBytes(eventId: string, url: string, body: string, attempt = 0, retry = true): Promise<DeliveryResult> {
    this.sent.set(eventId, { url, body });
    this.inFlight++;
    try {
      const r = await this.post(url, body);
      this.history.push({ eventId, url, attempt, status: r.status, at: this.o.clock() });
      if (r.status !== 200 && retry) this.scheduleRetry(eventId, url, body, attempt);
      return { ...r, eventId };
    } finally {
      this.inFlight--;
      this.notify();
    }
  }

  private scheduleRetry(eventId: string, url: string, body: string, attempt: number): void {
    const delay = this.o.retrySchedule[attempt];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliverBytes(eventId, url, body, attempt + 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private async post(url: string, body: string): Promise<{ status: number; body: unknown }> {
    const raw = Buffer.from(body, 'utf8');
    const timestamp = String(Math.floor(this.o.clock().getTime() / 1000));
    const nonce = randomHex(8);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'X-Lark-Request-Timestamp': timestamp,
          'X-Lark-Request-Nonce': nonce,
          'X-Lark-Signature': larkSignature(timestamp, nonce, this.o.encryptKey, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : '';
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed };
    } catch (e) {
      const name = (e as Error).name;
      return { status: 0, body: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : String((e as Error).message) };
    }
  }

  private encrypt(plain: string): string {
    return JSON.stringify({ encrypt: encryptLarkPayload(plain, this.o.encryptKey) });
  }

  private base(): EnvelopeBase {
    return { appId: this.o.appId, tenantKey: this.o.tenantKey, token: this.o.verificationToken, at: this.o.clock() };
  }

  private userIds(openId: string, userId?: string): UserIds {
    const u = this.objectLink()?.findUser?.(openId);
    return { open_id: openId, user_id: userId ?? u?.user_id ?? '', union_id: u?.union_id ?? unionIdFor(openId) };
  }

  private objectLink(): SandboxLink | undefined {
    return typeof this.link === 'object' ? this.link : undefined;
  }

  private async recordInbound(m: InboundMessage): Promise<void> {
    if (typeof this.link === 'object') this.link.recordInbound(m);
    else if (typeof this.link === 'string') {
      await fetch(`${this.link}/sandbox/inbound`, { method: 'POST', body: JSON.stringify(m), signal: AbortSignal.timeout(3000) });
    }
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}
