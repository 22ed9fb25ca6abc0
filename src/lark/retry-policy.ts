/**
 * How long an outage is retried. Lark outages are rare but can last hours; a weekly prompt that
 * arrives late is worth more than one silently lost, so a message is retried for a day before it
 * is given up (and then shown in doctor and /metrics, and re-queued with `outbox retry`).
 */
export interface RetryPolicy {
  /** Give up once failures have lasted this long (since the first failed attempt of the run). */
  giveUpAfterMs: number;
  /** Wait before the n-th retry; the last entry repeats. */
  delaysMs: number[];
}

const MIN = 60_000;

export const DEFAULT_RETRY: RetryPolicy = {
  giveUpAfterMs: 24 * 60 * MIN,
  // Short at first (most failures are one-off), then every 10 minutes; when Lark answers again the
  // worker pulls every waiting message forward, so a long wait never outlasts the outage much.
  delaysMs: [1000, 2000, 5000, 10_000, 30_000, MIN, 2 * MIN, 5 * MIN, 10 * MIN],
};

export function nextDelayMs(policy: RetryPolicy, failuresSoFar: number): number {
  const list = policy.delaysMs.length > 0 ? policy.delaysMs : [MIN];
  return list[Math.min(failuresSoFar, list.length - 1)]!;
}

/** ±20 %, so messages that failed together do not all come back in the same instant. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.8 + 0.4 * random()));
}
