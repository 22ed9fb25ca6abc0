/** Sliding-window limiter keyed by string; only admitted calls occupy a window. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Milliseconds until a slot frees in this window, or undefined when one is free now. */
  check(key: string, limit: number, windowMs: number, now: number): number | undefined {
    const kept = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    this.hits.set(key, kept);
    if (kept.length < limit) return undefined;
    return Math.max(1, (kept[kept.length - limit] ?? now) + windowMs - now);
  }

  record(key: string, now: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    // The longest window is a minute; older entries can never matter again.
    while (list.length > 0 && list[0]! <= now - 120_000) list.shift();
    this.hits.set(key, list);
  }

  clear(): void {
    this.hits.clear();
  }
}

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  appPerSecond: number;
  appPerMinute: number;
  recipientPerSecond: number;
  messagePatchPerSecond: number;
  enabled: boolean;
  /**
   * How a refusal looks. '230020': message APIs' own limit, HTTP 400 with code 230020 and no reset
   * header. '99991400': the generic gateway limiter, HTTP 429 with x-ogw-ratelimit-* headers.
   */
  style: '230020' | '99991400';
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  appPerSecond: 50,
  appPerMinute: 1000,
  recipientPerSecond: 5,
  messagePatchPerSecond: 5,
  enabled: true,
  style: '230020',
};

/** The windows one call must fit: per app (second and minute) plus per recipient or per PATCHed message. */
export function rulesFor(limits: RateLimits, kind: 'send' | 'patch', target: string): RateRule[] {
  const app: RateRule[] = [
    { key: 'app:s', limit: limits.appPerSecond, windowMs: 1000 },
    { key: 'app:m', limit: limits.appPerMinute, windowMs: 60_000 },
  ];
  return kind === 'send'
    ? [...app, { key: `to:${target}`, limit: limits.recipientPerSecond, windowMs: 1000 }]
    : [...app, { key: `patch:${target}`, limit: limits.messagePatchPerSecond, windowMs: 1000 }];
}

export interface Refusal {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export function refusal(limits: RateLimits, rule: RateRule, waitMs: number): Refusal {
  if (limits.style === '230020') {
    return { status: 400, body: { code: 230020, msg: 'request trigger frequency limit' }, headers: {} };
  }
  // Reset is whole seconds (≥ 1): clients compute sleep(reset * 1000).
  return {
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit' },
    headers: { 'x-ogw-ratelimit-limit': String(rule.limit), 'x-ogw-ratelimit-reset': String(Math.max(1, Math.ceil(waitMs / 1000))) },
  };
}
