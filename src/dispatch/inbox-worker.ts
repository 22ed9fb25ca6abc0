import type { Kysely } from 'kysely';
import type { Log } from '../core/deps';
import type { Database, InboxRow } from '../db/schema';
import { admitArrivals, claimPendingEvents, failEvent, finishEvent, pendingEventCount, pruneEvents } from '../db/inbox.repository';
import type { Dispatcher } from './dispatcher';
import { normalize } from './normalize';
import { type Pace, unpaced } from '../workers/ingest-first';
import { groupInOrder, inLanes } from '../workers/lanes';
import { PollingLoop } from '../workers/polling-loop';

const RETENTION_MS = 48 * 3600 * 1000;
/** Arrivals moved into the inbox per tick: one transaction, de-duplicated together. */
const ADMIT_BATCH = 200;

/** Works through persisted events; several instances may run, each claims with a lease. */
export class InboxWorker {
  private readonly loop: PollingLoop;
  private lastPrune = 0;

  constructor(
    private readonly o: { db: Kysely<Database>; dispatcher: Dispatcher; botOpenId: () => string | null; log: Log; pollMs?: number; maxAttempts?: number; leaseMs?: number; pace?: Pace; concurrency?: number },
  ) {
    this.loop = new PollingLoop({ name: 'inbox', tick: () => this.tick(), remaining: () => pendingEventCount(o.db), pollMs: o.pollMs ?? 500, log: o.log });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  notify(): void {
    this.loop.notify();
  }

  drain(timeoutMs = 30_000): Promise<void> {
    return this.loop.drain(timeoutMs);
  }

  async tick(): Promise<number> {
    const pace = this.o.pace ?? unpaced;
    const admitted = await pace(() => admitArrivals(this.o.db, ADMIT_BATCH));
    const rows = await claimPendingEvents(this.o.db, new Date(), this.o.leaseMs ?? 60_000, 20);
    // A chat's events in order, several chats at once (worth it where the database is remote).
    await inLanes(groupInOrder(rows, laneOf), this.o.concurrency ?? 1, async (lane) => {
      for (const row of lane) await pace(() => this.process(row));
    });
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await pruneEvents(this.o.db, new Date(Date.now() - RETENTION_MS));
    }
    return admitted + rows.length;
  }

  private async process(row: InboxRow): Promise<void> {
    try {
      const inbound = normalize(JSON.parse(row.payload), this.o.botOpenId());
      await this.o.dispatcher.handleEvent(inbound);
      await finishEvent(this.o.db, row.event_id, new Date());
    } catch (e) {
      this.o.log.error({ err: e, eventId: row.event_id }, 'event processing failed');
      await failEvent(this.o.db, row.event_id, new Date(), (e as Error).message ?? String(e), row.attempts, this.o.maxAttempts ?? 5);
    }
  }
}

/** Events of one chat (or one person, for a menu click) are processed in the order they came. */
function laneOf(row: InboxRow): string {
  try {
    const inbound = normalize(JSON.parse(row.payload), null);
    if ('chatId' in inbound && inbound.chatId) return `chat:${inbound.chatId}`;
    if ('openId' in inbound) return `person:${inbound.openId}`;
  } catch {
    // Unreadable: processing will record the failure.
  }
  return `event:${row.event_id}`;
}
