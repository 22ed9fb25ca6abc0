/** Time is injected everywhere in core and jobs so tests never sleep. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A clock stopped at one instant: a job run for `--at` sees that time everywhere. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at) });

/**
 * The sandbox's clock: runs at wall-clock speed from wherever it was last moved, and only moves
 * forward, so nothing a job or command saw ends up in the future.
 */
export class MovableClock implements Clock {
  private offsetMs: number;
  constructor(
    start: Date = new Date(),
    private readonly wall: () => number = Date.now,
  ) {
    this.offsetMs = start.getTime() - wall();
  }
  now(): Date {
    return new Date(this.wall() + this.offsetMs);
  }
  /** Moves to `at` when that is later than now; returns the time it now shows. */
  advanceTo(at: Date): Date {
    const gap = at.getTime() - this.now().getTime();
    if (gap > 0) this.offsetMs += gap;
    return this.now();
  }
  /** Starts over at `at`, earlier or not: only for a reset that also empties the history. */
  restart(at: Date): void {
    this.offsetMs = at.getTime() - this.wall();
  }
}
