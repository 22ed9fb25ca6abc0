/**
 * Started by heap-room.test.ts with `npm start`'s heap flag (and --expose-gc): counts V8's full collections while the
 * same live data is built up three times — before a job, inside `withHeapRoom`, and after it.
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { withHeapRoom } from '../../src/jobs/heap-room';

let major = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
}).observe({ entryTypes: ['gc'] });

/** ~150 MB kept alive at once, as a city-wide job keeps its rows, then let go. */
async function buildUp(): Promise<number> {
  // Each round starts from a collected heap, its next limit set by the flag then in force.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const before = major;
  const kept: Array<{ id: string; n: number; tags: string[] }> = [];
  for (let i = 0; i < 1_200_000; i++) kept.push({ id: `row-${i}`, n: i, tags: [`t${i % 7}`] });
  // Let the observer's entries arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 20));
  kept.length = 0;
  return major - before;
}

const outside = await buildUp();
const inJob = await withHeapRoom(buildUp);
const after = await buildUp();
console.log(JSON.stringify({ outside, inJob, after }));
