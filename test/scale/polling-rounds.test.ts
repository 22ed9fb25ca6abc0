import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { PollingLoop } from '../../src/workers/polling-loop';

/** A queue of `items`, each taken by a tick that holds its turn until the test lets it go. */
function backlog(items: number) {
  let left = items;
  let inFlight = 0;
  let most = 0;
  let ticks = 0;
  const tick = async () => {
    ticks++;
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    if (left === 0) return 0;
    left--;
    return 1;
  };
  return { tick, left: () => left, most: () => most, ticks: () => ticks, add: (n: number) => void (left += n) };
}

describe('a polling loop with rounds', () => {
  it('runs up to `rounds` ticks at once while there is work, and polls with one when idle', async () => {
    const work = backlog(50);
    // A poll far away: only notify() wakes the idle loop, so every tick below is one we caused.
    const loop = new PollingLoop({ name: 'test', tick: work.tick, remaining: async () => work.left(), pollMs: 3_600_000, log: pino({ level: 'silent' }), rounds: 3 });
    loop.start();
    await vi.waitFor(() => expect(work.left()).toBe(0));
    expect(work.most()).toBe(3);
    // Every extra round leaves at its first tick that finds nothing.
    await new Promise((r) => setTimeout(r, 20));
    const idle = work.ticks();
    loop.notify();
    await new Promise((r) => setTimeout(r, 20));
    expect(work.ticks() - idle).toBe(1);
    // New work brings the rounds back.
    work.add(30);
    loop.notify();
    await vi.waitFor(() => expect(work.left()).toBe(0));
    await loop.stop();
  });

  it('runs one tick at a time by default', async () => {
    const work = backlog(20);
    const loop = new PollingLoop({ name: 'test', tick: work.tick, remaining: async () => work.left(), pollMs: 3_600_000, log: pino({ level: 'silent' }) });
    loop.start();
    await vi.waitFor(() => expect(work.left()).toBe(0));
    await loop.stop();
    expect(work.most()).toBe(1);
  });
});
