import type { Kysely } from 'kysely';
import type { Log } from '../core/deps';
import type { Database, InboxRow } from '../db/schema';
import { admitArrivals, claimPendingEvents, failEvent, finishProcessedEvent, pendingEventCount, pruneEvents } from '../db/inbox.repository';
import type { Dispatcher } from './dispatcher';
import type { Inbound } from './inbound';
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
    // Each payload is read once: for its lane and for its processing.
    const read = rows.map((row) => readEvent(row, this.o.botOpenId()));
    // A chat's events in order, several chats at once (worth it where the database is remote).
    await inLanes(groupInOrder(read, laneOf), this.o.concurrency ?? 1, async (lane) => {
      for (const event of lane) await pace(() => this.process(event));
    });
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await pruneEvents(this.o.db, new Date(Date.now() - RETENTION_MS));
    }
    return admitted + rows.length;
  }

  private async process({ row, inbound }: ReadEvent): Promise<void> {
    try {
      if (inbound instanceof Error) throw inbound;
      await this.o.dispatcher.handleEvent(inbound);
      await finishProcessedEvent(this.o.db, row.event_id);
    } catch (e) {
      this.o.log.error({ err: e, eventId: row.event_id }, 'event processing failed');
      await failEvent(this.o.db, row.event_id, new Date(), (e as Error).message ?? String(e), row.attempts, this.o.maxAttempts ?? 5);
    }
  }
}

/** A stored event and what it says, or why it cannot be read (processing records that failure). */
type ReadEvent = { row: InboxRow; inbound: Inbound | Error };

function readEvent(row: InboxRow, botOpenId: string | null): ReadEvent {
  try {
    return { row, inbound: normalize(JSON.parse(row.payload), botOpenId) };
  } catch (e) {
    return { row, inbound: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** Events of one chat (or one person, for a menu click) are processed in the order they came. */
function laneOf({ row, inbound }: ReadEvent): string {
  if (inbound instanceof Error) return `event:${row.event_id}`;
  if ('chatId' in inbound && inbound.chatId) return `chat:${inbound.chatId}`;
  if ('openId' in inbound) return `person:${inbound.openId}`;
  return `event:${row.event_id}`;
}
