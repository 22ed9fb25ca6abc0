import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { heapRoom, startGrowingPercent } from '../../src/jobs/heap-room';
import { ROOT, startFlags } from '../../bench/child';

/** The child's full-collection counts, run with the given Node flags. */
async function collections(flags: string[]): Promise<{ outside: number; inJob: number; after: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', ...flags, join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'test/scale/heap-room-child.ts')], { cwd: ROOT });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('a job gets room to grow the heap that the served bot is denied', () => {
  it("under npm start's flags, full collections while a job builds up its data drop, and come back after it", async () => {
    const flags = startFlags().filter((a) => a.startsWith('--heap-growing-percent='));
    expect(flags).toHaveLength(1);
    const { outside, inJob, after } = await collections(flags);
    // Measured: 7–9 full collections at a tenth's growth each time, 2 at V8's own pace.
    expect(outside).toBeGreaterThanOrEqual(5);
    expect(inJob * 2).toBeLessThan(outside);
    expect(after * 2).toBeGreaterThan(outside);
  }, 60_000);

  it('reads the start value from the Node flags, the last one winning, V8’s own pace when none', () => {
    expect(startGrowingPercent(['--max-semi-space-size=8', '--heap-growing-percent=10'])).toBe(10);
    expect(startGrowingPercent(['--heap_growing_percent=25', '--heap-growing-percent=10'])).toBe(10);
    expect(startGrowingPercent(['--max-semi-space-size=8', ''])).toBe(0);
  });

  it('lifts the limit once for jobs that overlap, restores it when the last ends, failed or not', async () => {
    const set: string[] = [];
    const withRoom = heapRoom(10, (f) => set.push(f));
    let release!: () => void;
    const long = withRoom(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(withRoom(() => Promise.reject(new Error('失败')))).rejects.toThrow('失败');
    expect(set).toEqual(['--heap-growing-percent=0']);
    release();
    await long;
    expect(set).toEqual(['--heap-growing-percent=0', '--heap-growing-percent=10']);
    await withRoom(async () => undefined);
    expect(set.slice(2)).toEqual(['--heap-growing-percent=0', '--heap-growing-percent=10']);
  });

  it('changes nothing in a process started without the limit', async () => {
    const set: string[] = [];
    await heapRoom(0, (f) => set.push(f))(async () => 'done');
    expect(set).toEqual([]);
  });
});
