import { sql, type Kysely } from 'kysely';
import { batchedCalls, perDb } from '../core/batched-calls';
import { insertRows } from '../core/insert-rows';
import { claimRows } from './claim';
import { isPostgres } from '../core/sql-dialect';
import type { Database, InboxRow } from './schema';
import { compareText } from '../core/text-order';

type Db = Kysely<Database>;

export interface InboundMessageRef {
  messageId: string;
  chatId: string;
  chatType: string;
  openId: string;
}

export interface EventToRecord {
  eventId: string;
  eventType: string;
  payload: string;
  /** 'pending' for the inbox worker; 'processing' for a card action answered at once. */
  status: string;
  now: Date;
  /** A message event: also de-duplicated by message_id. */
  message?: InboundMessageRef;
}

/** An event as acknowledged, before it is de-duplicated. */
export type ArrivingEvent = Omit<EventToRecord, 'status'>;

/**
 * Records a batch of events in one transaction with two statements, whatever its size; for each
 * event, whether it is new. An event is a duplicate when its event_id (a Lark retry or a replay),
 * or for a message its message_id (Lark may push one message again under a new event_id: "如有幂等
 * 需求请使用 message_id 去重"), was recorded before — earlier in the same batch too. Both tables are written
 * together, so two instances receiving the same message at once queue it once; rows go in key
 * order so two instances' batches take PostgreSQL's row locks in one order.
 */
export async function recordEvents(db: Db, events: readonly EventToRecord[]): Promise<boolean[]> {
  // Without a message (card actions) it is one statement, atomic on its own: no BEGIN and COMMIT round trips.
  if (!events.some((e) => e.message)) return insertEvents(db, events);
  return db.transaction().execute((trx) => insertEvents(trx, events));
}

async function insertEvents(trx: Db, events: readonly EventToRecord[]): Promise<boolean[]> {
  const seenEvents = new Set<string>();
  const seenMessages = new Set<string>();
  const candidates = events.filter((e) => {
    if (seenEvents.has(e.eventId) || (e.message && seenMessages.has(e.message.messageId))) return false;
    seenEvents.add(e.eventId);
    if (e.message) seenMessages.add(e.message.messageId);
    return true;
  });
  const messages = candidates.filter((e) => e.message).sort((a, b) => compareText(a.message!.messageId, b.message!.messageId));
  const acceptedMessages = new Set<string>();
  if (messages.length > 0) {
    const rows = await trx
      .insertInto('inbound_messages')
      .values(messages.map(({ eventId, now, message: m }) => ({ message_id: m!.messageId, event_id: eventId, chat_id: m!.chatId, chat_type: m!.chatType, open_id: m!.openId, received_at: now.toISOString() })))
      .onConflict((oc) => oc.column('message_id').doNothing())
      .returning('event_id')
      .execute();
    for (const r of rows) acceptedMessages.add(r.event_id);
  }
  const inbox = candidates.filter((e) => !e.message || acceptedMessages.has(e.eventId)).sort((a, b) => compareText(a.eventId, b.eventId));
  const recorded = new Set<string>();
  if (inbox.length > 0) {
    const rows = await trx
      .insertInto('inbox')
      .values(
        inbox.map((e) => ({
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
        })),
      )
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .execute();
    for (const r of rows) recorded.add(r.event_id);
  }
  const chosen = new Set(candidates);
  return events.map((e) => chosen.has(e) && recorded.has(e.eventId));
}

/**
 * The ack path's write: acknowledged events appended in one statement, with no unique key to check
 * (see migration 0020); the inbox worker admits them into the inbox.
 */
export async function appendArrivals(db: Db, events: readonly ArrivingEvent[]): Promise<void> {
  await insertRows(
    db,
    'inbox_arrivals',
    events.map((e) => ({
      event_id: e.eventId,
      event_type: e.eventType,
      payload: e.payload,
      received_at: e.now.toISOString(),
      message_id: e.message?.messageId ?? null,
      chat_id: e.message?.chatId ?? null,
      chat_type: e.message?.chatType ?? null,
      open_id: e.message?.openId ?? null,
    })),
    // Parsing and planning the insert anew was a fifth of PostgreSQL's CPU for a batch of nine.
    { planOnce: true },
  );
}

/**
 * Moves up to `limit` arrivals, oldest first, into the inbox — de-duplicated as `recordEvents` does —
 * and deletes them, in one transaction; returns how many it moved. Instances admitting at once take
 * disjoint arrivals (PostgreSQL: SKIP LOCKED; SQLite has one writer).
 */
export async function admitArrivals(db: Db, limit: number): Promise<number> {
  // An idle poll reads one index entry instead of opening a transaction.
  if (!(await db.selectFrom('inbox_arrivals').select('seq').limit(1).executeTakeFirst())) return 0;
  return db.transaction().execute(async (trx) => {
    const oldest = trx.selectFrom('inbox_arrivals').selectAll().orderBy('seq').limit(limit);
    const rows = await (isPostgres(trx) ? oldest.forUpdate().skipLocked() : oldest).execute();
    if (rows.length === 0) return 0;
    await insertEvents(
      trx,
      rows.map((r) => ({
        eventId: r.event_id,
        eventType: r.event_type,
        payload: r.payload,
        status: 'pending',
        now: new Date(r.received_at),
        ...(r.message_id ? { message: { messageId: r.message_id, chatId: r.chat_id ?? '', chatType: r.chat_type ?? '', openId: r.open_id ?? '' } } : {}),
      })),
    );
    await trx.deleteFrom('inbox_arrivals').where('seq', 'in', rows.map((r) => r.seq)).execute();
    return rows.length;
  });
}

export async function findEvent(db: Db, eventId: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inbox').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/**
 * Claims up to `limit` events to process, oldest first: those whose processing instance let the
 * lease pass (it died), then pending ones (a failed attempt's lease is its retry time). Each read
 * follows the (status, received_at, event_id) index, however long the backlog.
 */
export async function claimPendingEvents(db: Db, now: Date, leaseMs: number, limit: number): Promise<InboxRow[]> {
  const nowIso = now.toISOString();
  const lease = { status: 'processing', lease_until: new Date(now.getTime() + leaseMs).toISOString() };
  const oldest = (status: string) => db.selectFrom('inbox').where('status', '=', status).where('event_type', '!=', 'card.action.trigger').orderBy('received_at').orderBy('event_id');
  const expired = oldest('processing').where('lease_until', '<', nowIso).limit(limit);
  const pending = (n: number) => oldest('pending').where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)])).limit(n);
  const claimed = (await claimRows<InboxRow>(db, 'inbox', 'event_id', expired, lease)).sort(byArrival);
  if (claimed.length < limit) claimed.push(...(await claimRows<InboxRow>(db, 'inbox', 'event_id', pending(limit - claimed.length), lease)).sort(byArrival));
  return claimed;
}

const byArrival = (a: InboxRow, b: InboxRow) => (a.received_at === b.received_at ? compareText(a.event_id, b.event_id) : compareText(a.received_at, b.received_at));

/** An event processed: the events of lanes that finish in the same turn are one write. */
export const finishProcessedEvent = perDb((db: Db) =>
  batchedCalls(async (eventIds: string[]) => {
    await finishEvents(db, [...new Set(eventIds)].map((eventId) => ({ eventId, response: null })), new Date());
    return eventIds.map(() => undefined);
  }),
);

/**
 * Finishes several events in one statement, each with its own response (card actions answered in
 * the same turn of the event loop: one write instead of one each).
 */
export async function finishEvents(db: Db, done: ReadonlyArray<{ eventId: string; response: string | null }>, now: Date): Promise<void> {
  if (done.length === 0) return;
  const response = sql<string | null>`case ${sql.ref('event_id')} ${sql.join(
    done.map((d) => sql`when ${d.eventId} then ${d.response}`),
    sql` `,
  )} end`;
  await db
    .updateTable('inbox')
    .set((eb) => ({ status: 'done', processed_at: now.toISOString(), lease_until: null, response, attempts: eb('attempts', '+', 1) }))
    .where('event_id', 'in', done.map((d) => d.eventId))
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

/** Events acknowledged and not yet processed: in the inbox, or still to be admitted into it. */
export async function pendingEventCount(db: Db): Promise<number> {
  const arrivals = await db.selectFrom('inbox_arrivals').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'in', ['pending', 'processing'])
    .where('event_type', '!=', 'card.action.trigger')
    .executeTakeFirst();
  return Number(arrivals?.n ?? 0) + Number(row?.n ?? 0);
}
