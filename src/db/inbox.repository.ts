import type { Kysely } from 'kysely';
import { isPostgres } from './migrations/column-types';
import type { Database, InboxRow } from './schema';

type Db = Kysely<Database>;

/** Records an event once; false means this event_id was seen before (a Lark retry or a replay). */
export async function recordEvent(db: Db, e: { eventId: string; eventType: string; payload: string; status: string; now: Date }): Promise<boolean> {
  const res = await db
    .insertInto('inbox')
    .values({
      event_id: e.eventId,
      event_type: e.eventType,
      payload: e.payload,
      status: e.status,
      attempts: 0,
      received_at: e.now.toISOString(),
      lease_until: e.status === 'processing' ? new Date(e.now.getTime() + 60_000).toISOString() : null,
      processed_at: null,
      error: null,
      response: null,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface InboundMessageRef {
  messageId: string;
  chatId: string;
  chatType: string;
  openId: string;
}

/**
 * Records a message event unless its message_id was accepted before: Lark may push one message
 * again under a new event_id ("如有幂等需求请使用 message_id 去重"). Both rows are written together, so
 * two instances receiving the same message at once queue it once. False means a duplicate.
 */
export async function recordMessageEvent(db: Db, e: { eventId: string; eventType: string; payload: string; now: Date; message: InboundMessageRef }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto('inbound_messages')
      .values({ message_id: e.message.messageId, event_id: e.eventId, chat_id: e.message.chatId, chat_type: e.message.chatType, open_id: e.message.openId, received_at: e.now.toISOString() })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .executeTakeFirst();
    if (Number(m.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    return recordEvent(trx, { ...e, status: 'pending' });
  });
}

export async function findEvent(db: Db, eventId: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inbox').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/**
 * Claims up to `limit` events to process: pending ones, and those whose processing instance let the
 * lease pass (it died). PostgreSQL claims in one statement with `FOR UPDATE SKIP LOCKED`, so instances
 * polling at once take disjoint rows without waiting on each other; SQLite has one writer, and a
 * conditional update per row is the claim there.
 */
export async function claimPendingEvents(db: Db, now: Date, leaseMs: number, limit: number): Promise<InboxRow[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const due = () =>
    db
      .selectFrom('inbox')
      .where('event_type', '!=', 'card.action.trigger')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)])]),
          eb.and([eb('status', '=', 'processing'), eb('lease_until', '<', nowIso)]),
        ]),
      )
      .orderBy('received_at')
      .orderBy('event_id')
      .limit(limit);
  if (isPostgres(db)) {
    const rows = await db
      .updateTable('inbox')
      .set({ status: 'processing', lease_until: until })
      .where('event_id', 'in', due().select('event_id').forUpdate().skipLocked())
      .returningAll()
      .execute();
    return rows.sort((a, b) => (a.received_at === b.received_at ? (a.event_id < b.event_id ? -1 : 1) : a.received_at < b.received_at ? -1 : 1));
  }
  const candidates = await due().selectAll().execute();
  const claimed: InboxRow[] = [];
  for (const row of candidates) {
    const res = await db
      .updateTable('inbox')
      .set({ status: 'processing', lease_until: until })
      .where('event_id', '=', row.event_id)
      .where('status', '=', row.status)
      .where((eb) => (row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until)))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) claimed.push(row);
  }
  return claimed;
}

export async function finishEvent(db: Db, eventId: string, now: Date, response: string | null = null): Promise<void> {
  await db
    .updateTable('inbox')
    .set((eb) => ({ status: 'done', processed_at: now.toISOString(), lease_until: null, response, attempts: eb('attempts', '+', 1) }))
    .where('event_id', '=', eventId)
    .execute();
}

/** A failed attempt is retried later (the lease doubles as the retry time) until it gives up. */
export async function failEvent(db: Db, eventId: string, now: Date, error: string, attempts: number, maxAttempts: number): Promise<void> {
  const giveUp = attempts + 1 >= maxAttempts;
  await db
    .updateTable('inbox')
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts: attempts + 1,
      error: error.slice(0, 500),
      lease_until: giveUp ? null : new Date(now.getTime() + 5000 * 2 ** attempts).toISOString(),
    })
    .where('event_id', '=', eventId)
    .execute();
}

/** Keeps event ids well past Lark's ~7 h retry window (the contract asks for at least 24 h). */
export async function pruneEvents(db: Db, olderThan: Date): Promise<void> {
  await db.deleteFrom('inbox').where('received_at', '<', olderThan.toISOString()).where('status', 'in', ['done', 'failed']).execute();
  await db.deleteFrom('inbound_messages').where('received_at', '<', olderThan.toISOString()).execute();
}

export async function pendingEventCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'in', ['pending', 'processing'])
    .where('event_type', '!=', 'card.action.trigger')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
