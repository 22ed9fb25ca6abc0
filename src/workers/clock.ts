/**
 * The time workers and rate limits run on. Production uses the system clock; tests and the fan-out
 * bench may run a scaled clock (and give the same one to the sandbox) so that a minute-long rate
 * window or a day-long outage passes in a fraction of the real time.
 */
export interface WorkerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export const systemWorkerClock: WorkerClock = { now: () => Date.now(), sleep: realSleep };

/**
 * A clock that reads `startMs` at the real instant `realStart` (now, by default) and runs `factor`
 * times faster than real time; two processes given the same two instants share one time.
 */
export function scaledClock(factor: number, startMs = Date.now(), realStart = Date.now()): WorkerClock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => startMs + offset + (Date.now() - realStart) * factor,
    sleep: (ms) => realSleep(ms / factor),
    /** Jumps ahead, e.g. past an outage, without waiting. */
    advance: (ms) => {
      offset += ms;
    },
  };
}
