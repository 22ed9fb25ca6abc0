import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';

/** The value the process was started with (`npm start` passes 10), or 0 (V8's own pace) when none. */
export function startGrowingPercent(argv: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]): number {
  let value = 0;
  for (const arg of argv) {
    const m = /^--heap[-_]growing[-_]percent=(\d+)$/.exec(arg);
    if (m) value = Number(m[1]);
  }
  return value;
}

/**
 * `npm start` holds the heap's growth to a tenth at a time, which keeps a bot under event load near
 * 180 MB. A city-wide job holds far more at once (the quarter close: 84,000 monthly rows, 28,000
 * proposals, 1,500 cards), and with that limit it spent a quarter of its time in full collections
 * as the heap crept up (PostgreSQL close 2.4–2.7 s → 1.8–2.1 s without it). While any job runs, V8
 * grows the heap at its own pace; when the last one ends, the start value is back and the next
 * collections bring the heap down again. V8 reads the flag each time it sets the next heap limit
 * (`MemoryController::GrowingFactor`), so changing it at run time takes effect.
 */
export function heapRoom(startValue = startGrowingPercent(), setFlags: (flags: string) => void = setFlagsFromString) {
  let running = 0;
  return async function withHeapRoom<T>(work: () => Promise<T>): Promise<T> {
    if (running++ === 0 && startValue > 0) setFlags(`${FLAG}=0`);
    try {
      return await work();
    } finally {
      if (--running === 0 && startValue > 0) setFlags(`${FLAG}=${startValue}`);
    }
  };
}

/** The process's one gate: jobs started by the scheduler, `run-job` and catch-up share its count. */
export const withHeapRoom = heapRoom();
