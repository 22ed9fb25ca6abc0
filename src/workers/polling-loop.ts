import type { Log } from '../core/deps';
import { type Pace, unpaced } from './ingest-first';

export interface PollingLoopOptions {
  name: string;
  /** Does one batch of work; returns how many items it handled. */
  tick: () => Promise<number>;
  /** Items still waiting (drain stops at zero). */
  remaining: () => Promise<number>;
  pollMs: number;
  log: Log;
  /** Paces each tick of the running loop against the ack path (drain is not paced). */
  pace?: Pace;
  /**
   * Ticks in flight at most while work keeps coming (1 by default). The extra ones join when a tick
   * finds work and leave at the first that finds none, so an idle loop still polls once.
   */
  rounds?: number;
}

/** Runs `tick` until it finds nothing, then sleeps until the next poll or a `notify()`. */
export class PollingLoop {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly helpers = new Set<Promise<void>>();

  constructor(private readonly o: PollingLoopOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.helpers);
  }

  /** New work arrived: don't wait for the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Works until nothing is left (CLI and tests). */
  async drain(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const did = await this.o.tick();
      if (did === 0 && (await this.o.remaining()) === 0) return;
      if (did === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${this.o.name} did not drain in time`);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const did = await this.once();
      if (did > 0) this.join();
      if (did === 0 && this.running) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.o.pollMs).unref();
        });
        this.wake = null;
      }
    }
  }

  private async once(): Promise<number> {
    try {
      return await (this.o.pace ?? unpaced)(this.o.tick);
    } catch (e) {
      this.o.log.error({ err: e }, `${this.o.name} tick failed`);
      return 0;
    }
  }

  /** Another round while there is work, up to `rounds` in flight; it leaves when a tick finds none. */
  private join(): void {
    if (this.helpers.size + 1 >= (this.o.rounds ?? 1)) return;
    const helper = (async () => {
      while (this.running && (await this.once()) > 0);
    })().finally(() => this.helpers.delete(helper));
    this.helpers.add(helper);
  }
}
