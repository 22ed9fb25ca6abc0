import { describe, expect, it } from 'vitest';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IngestFirst } from '../../src/workers/ingest-first';

/** Four lanes' units (each awaits a few turns of the event loop), with what ran when. */
async function fourLanes(ingest: IngestFirst): Promise<string[]> {
  const seen: string[] = [];
  const unit = (lane: number) =>
    ingest.pace(async () => {
      seen.push(`start ${lane}`);
      for (let i = 0; i < 3; i++) await nextTurn();
      seen.push(`end ${lane}`);
      return lane;
    });
  expect(await Promise.all([0, 1, 2, 3].map(unit))).toEqual([0, 1, 2, 3]);
  return seen;
}

describe('background work paced against the acknowledgements', () => {
  it('under a flood, the units of every lane take turns: one runs at a time, in the order they asked', async () => {
    const seen = await fourLanes(new IngestFirst(() => true));
    expect(seen).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('without one, the lanes run side by side', async () => {
    const seen = await fourLanes(new IngestFirst(() => false));
    expect(seen.slice(0, 4)).toEqual(['start 0', 'start 1', 'start 2', 'start 3']);
  });

  it('units that queued during a flood go on without a pause once it has passed', async () => {
    let flood = true;
    const ingest = new IngestFirst(() => flood);
    const slow = ingest.pace(async () => {
      // A unit of ~40 ms would be followed by a 360 ms pause were the flood still on.
      await new Promise((resolve) => setTimeout(resolve, 40));
      flood = false;
    });
    const waiting = ingest.pace(async () => 'next');
    let after = false;
    void waiting.then(() => (after = true));
    await slow;
    // The queued unit runs within a few turns of the loop, not after a pause.
    for (let i = 0; i < 5 && !after; i++) await nextTurn();
    expect(after).toBe(true);
  });

  it('a failing unit gives up its turn, and the next one runs', async () => {
    const ingest = new IngestFirst(() => true);
    const failed = ingest.pace(() => Promise.reject(new Error('数据库不可用')));
    const next = ingest.pace(async () => '继续');
    await expect(failed).rejects.toThrow('数据库不可用');
    expect(await next).toBe('继续');
  });
});
