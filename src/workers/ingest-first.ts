import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** Runs one unit of background work, paced against the ack path. */
export type Pace = <T>(work: () => Promise<T>) => Promise<T>;

const SHARE = 0.1;
const SATURATED = 0.8;
const WINDOW_MS = 50;
const MAX_PAUSE_MS = 100;

/**
 * Acknowledgements first. While Lark is delivering (a request arrived in the last window) and the
 * event loop is saturated (busy ≥ 80 % of the window), background work — processing the inbox,
 * sending the outbox — pauses after each unit so that it takes at most a tenth of the time: a burst
 * is acknowledged at the speed of the ack path and processed from the inbox after it (Lark waits 3 s
 * for an answer, then re-sends). Under moderate load nothing pauses, so processing keeps up; under
 * a flood the inbox still moves at a tenth. Every unit ends with a turn of the event loop, so a
 * request never waits behind more than one unit.
 */
export class IngestFirst {
  private lastArrival = Number.NEGATIVE_INFINITY;
  private windowStart = performance.now();
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private utilization = 0;

  /** A request from Lark arrived. */
  arrived(): void {
    this.lastArrival = performance.now();
  }

  readonly pace: Pace = async (work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const now = performance.now();
      if (this.saturated(now)) await sleep(Math.min(MAX_PAUSE_MS, ((now - started) * (1 - SHARE)) / SHARE));
      else await nextTurn();
    }
  };

  private saturated(now: number): boolean {
    if (now - this.windowStart >= WINDOW_MS) {
      this.utilization = performance.eventLoopUtilization(this.mark).utilization;
      this.mark = performance.eventLoopUtilization();
      this.windowStart = now;
    }
    return now - this.lastArrival < WINDOW_MS && this.utilization >= SATURATED;
  }
}

/** No pacing (tests and the CLI, where nothing is acknowledged). */
export const unpaced: Pace = (work) => work();
