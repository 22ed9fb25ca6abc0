import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** Runs one unit of background work, paced against the ack path. */
export type Pace = <T>(work: () => Promise<T>) => Promise<T>;

const SHARE = 0.1;
const SATURATED = 0.8;
const WINDOW_MS = 50;
/** A unit of 30–50 ms (200 arrivals admitted on PostgreSQL) needs 270–450 ms to stay at a tenth. */
const MAX_PAUSE_MS = 1000;

/**
 * Acknowledgements first. While Lark is delivering (a request arrived in the last window) and the
 * event loop is saturated (busy ≥ 80 % of the window), background work — processing the inbox,
 * sending the outbox — runs one unit at a time, each followed by a pause, so that together it takes
 * at most a tenth of the time: a burst is acknowledged at the speed of the ack path and processed
 * from the inbox after it (Lark waits 3 s for an answer, then re-sends). The units of every lane
 * take turns because each lane pausing on its own let eight PostgreSQL inbox lanes and the outbox
 * take most of the time between them (PostgreSQL ingest ratio 0.54–0.70 → 0.71–0.77 in alternated
 * quick runs). Under moderate load nothing pauses or waits, so processing keeps up; under a flood
 * the inbox still moves at a tenth. Every unit ends with a turn of the event loop, so a request
 * never waits behind more than one unit.
 */
export class IngestFirst {
  private lastArrival = Number.NEGATIVE_INFINITY;
  private windowStart = performance.now();
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private utilization = 0;
  /** Settles when the unit that last took a turn has run and paused. */
  private turn: Promise<void> = Promise.resolve();

  /** `floodNow` replaces the measurement (tests). */
  constructor(private readonly floodNow?: () => boolean) {}

  /** A request from Lark arrived. */
  arrived(): void {
    this.lastArrival = performance.now();
  }

  readonly pace: Pace = async (work) => {
    const turnDone = this.saturated(performance.now()) ? await this.takeTurn() : null;
    const started = performance.now();
    try {
      return await work();
    } finally {
      // Only a unit that took a turn pauses, and not once the flood has passed.
      const now = performance.now();
      if (turnDone && this.saturated(now)) await sleep(Math.min(MAX_PAUSE_MS, ((now - started) * (1 - SHARE)) / SHARE));
      else await nextTurn();
      turnDone?.();
    }
  };

  /** Waits for the unit ahead to have run and paused; the result ends this unit's turn. */
  private async takeTurn(): Promise<() => void> {
    const previous = this.turn;
    let done!: () => void;
    this.turn = new Promise((resolve) => (done = resolve));
    await previous;
    return done;
  }

  private saturated(now: number): boolean {
    if (this.floodNow) return this.floodNow();
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
