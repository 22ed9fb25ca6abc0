/** Sliding one-window limiter keyed by string; only admitted calls occupy the window. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs = 1000) {}

  /** Returns undefined when admitted, else milliseconds until a slot frees. */
  check(key: string, limit: number, now: number): number | undefined {
    const kept = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, kept);
    if (kept.length < limit) return undefined;
    return Math.max(1, (kept[0] ?? now) + this.windowMs - now);
  }

  record(key: string, now: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
  }

  clear(): void {
    this.hits.clear();
  }
}
