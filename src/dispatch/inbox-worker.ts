import type { Kysely } from 'kysely';
import type { Log } from '../core/deps';
import type { Database } from '../db/schema';
import { claimPendingEvents, failEvent, finishEvent, pendingEventCount, pruneEvents } from '../db/inbox.repository';
import type { Dispatcher } from './dispatcher';
import { normalize } from './normalize';

const RETENTION_MS = 48 * 3600 * 1000;

/** Works through persisted events; several instances may run, each claims with a lease. */
export class InboxWorker {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly o: { db: Kysely<Database>; dispatcher: Dispatcher; botOpenId: () => string | null; log: Log; pollMs?: number; maxAttempts?: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  notify(): void {
    this.wake?.();
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((await this.tick()) === 0 && (await pendingEventCount(this.o.db)) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('inbox did not drain in time');
  }

  async tick(): Promise<number> {
    const rows = await claimPendingEvents(this.o.db, new Date(), 60_000, 20);
    for (const row of rows) {
      try {
        const inbound = normalize(JSON.parse(row.payload), this.o.botOpenId());
        await this.o.dispatcher.handleEvent(inbound);
        await finishEvent(this.o.db, row.event_id, new Date());
      } catch (e) {
        this.o.log.error({ err: e, eventId: row.event_id }, 'event processing failed');
        await failEvent(this.o.db, row.event_id, new Date(), (e as Error).message ?? String(e), row.attempts, this.o.maxAttempts ?? 5);
      }
    }
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await pruneEvents(this.o.db, new Date(Date.now() - RETENTION_MS));
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let did = 0;
      try {
        did = await this.tick();
      } catch (e) {
        this.o.log.error({ err: e }, 'inbox tick failed');
      }
      if (did === 0 && this.running) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.o.pollMs ?? 500).unref();
        });
        this.wake = null;
      }
    }
  }
}
