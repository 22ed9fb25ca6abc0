import type { FaultOptions } from './sandbox-options';

export type OutageKind = 'unavailable' | 'reset';

/**
 * Injected failures: random 5xx before or after a write, added latency, and outages of a given length
 * (every open-API call answers 503, or the connection is reset) measured on the sandbox clock.
 */
export class Faults {
  opts: Required<FaultOptions>;
  private outageUntil = 0;
  private outageKind: OutageKind = 'unavailable';
  outageHits = 0;

  constructor(opts: FaultOptions = {}) {
    this.opts = { errorRate: 0, afterCommitErrorRate: 0, latencyMs: 0, limitRate: 0, ...opts };
  }

  set(f: FaultOptions): void {
    this.opts = { ...this.opts, ...f };
  }

  startOutage(durationMs: number, now: number, kind: OutageKind = 'unavailable'): void {
    this.outageUntil = now + durationMs;
    this.outageKind = kind;
  }

  endOutage(): void {
    this.outageUntil = 0;
  }

  /** The outage in force at `now`, if any. */
  outage(now: number): OutageKind | undefined {
    if (now >= this.outageUntil) return undefined;
    this.outageHits++;
    return this.outageKind;
  }
}
