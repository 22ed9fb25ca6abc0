/**
 * Sliding-window limits matching Lark's: 50 sends/s per app and 5/s per recipient.
 * The window is a little longer than a second so our clock and Lark's never disagree at the edge.
 */
export interface RateLimits {
  appPerSecond: number;
  recipientPerSecond: number;
  windowMs?: number;
}

export class RateLimiter {
  private app: number[] = [];
  private perRecipient = new Map<string, number[]>();
  private readonly windowMs: number;
  private pauseUntil = 0;

  constructor(private readonly limits: RateLimits) {
    this.windowMs = limits.windowMs ?? 1100;
  }

  /** Waits until one more call to `recipient` fits in both windows, then books it. */
  async acquire(recipient: string): Promise<void> {
    for (;;) {
      const wait = this.waitFor(recipient, Date.now());
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const now = Date.now();
    this.app.push(now);
    const list = this.perRecipient.get(recipient) ?? [];
    list.push(now);
    this.perRecipient.set(recipient, list);
  }

  /** After a 429, nobody sends until Lark's reset time has passed. */
  pause(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
  }

  private waitFor(recipient: string, now: number): number {
    const cutoff = now - this.windowMs;
    this.app = this.app.filter((t) => t > cutoff);
    const list = (this.perRecipient.get(recipient) ?? []).filter((t) => t > cutoff);
    if (list.length) this.perRecipient.set(recipient, list);
    else this.perRecipient.delete(recipient);
    let wait = this.pauseUntil - now;
    if (this.app.length >= this.limits.appPerSecond) wait = Math.max(wait, this.app[0]! + this.windowMs - now);
    if (list.length >= this.limits.recipientPerSecond) wait = Math.max(wait, list[0]! + this.windowMs - now);
    return wait;
  }
}
