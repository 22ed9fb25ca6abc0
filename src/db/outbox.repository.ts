import { sql, type Kysely } from 'kysely';
import { claimRows, statistics } from './claim';
import type { Clock } from '../core/clock';
import type { CardJson, Messenger, OutMessage, Recipient } from '../core/ports';
import type { Database, OutboxRow } from './schema';
import { newId } from '../core/ids';
import { batchedCalls, perDb } from '../core/batched-calls';
import { insertRows, insertRowsCounted } from '../core/insert-rows';
import { inTexts, valueById } from '../core/sql-dialect';

type Db = Kysely<Database>;

const IMMEDIATELY = new Date(0).toISOString();

function encode(message: OutMessage): { msg_type: string; content: string; render?: string } {
  if (message.kind === 'text') return { msg_type: 'text', content: JSON.stringify({ text: message.text }) };
  // Built by the worker when it sends the message (OutboxWorker's renderer).
  if (message.kind === 'deferred') return { msg_type: 'interactive', content: '', render: JSON.stringify(message.deferred) };
  return { msg_type: 'interactive', content: JSON.stringify(message.card) };
}

interface EnqueueInput {
  idem_key: string;
  op: 'send' | 'reply' | 'patch' | 'update';
  receive_id_type?: string | null;
  receive_id?: string | null;
  msg_type: string;
  content: string;
  target_message_id?: string | null;
  target_key?: string | null;
  callback_token?: string | null;
  not_before?: string | null;
  render?: string | null;
}

const outboxRow = (input: EnqueueInput, now: string) => ({
  id: newId('ob'),
  receive_id_type: null,
  receive_id: null,
  target_message_id: null,
  target_key: null,
  callback_token: null,
  failing_since: null,
  not_before: null,
  render: null,
  ...input,
  status: 'pending',
  attempts: 0,
  // Due at once; the worker runs on wall time even when a test's domain clock is elsewhere.
  next_attempt_at: IMMEDIATELY,
  lease_until: null,
  message_id: null,
  last_error: null,
  created_at: now,
  sent_at: null,
});

/** Inserts unless the key is already queued; returns whether a row was added. */
export function enqueue(db: Db, clock: Clock, input: EnqueueInput): Promise<boolean> {
  return enqueueInTurn(db, outboxRow(input, clock.now().toISOString()));
}

/** Messages queued in the same turn (replies of events processed side by side) are one insert. */
const enqueueInTurn = perDb((db: Db) =>
  batchedCalls(async (rows: Array<ReturnType<typeof outboxRow>>) => {
    const added = new Set((await insertRows<'outbox', { idem_key: string }>(db, 'outbox', rows, { skipConflictsOn: ['idem_key'], returning: ['idem_key'], packed: false })).map((r) => r.idem_key));
    await statistics.refreshAfterGrowth(db, 'outbox', added.size);
    // A key queued twice in one batch was added for its first caller only.
    return rows.map((r) => added.delete(r.idem_key));
  }),
);

/** enqueue for many messages, 100 to a statement; returns how many rows were added. */
export async function enqueueMany(db: Db, clock: Clock, inputs: readonly EnqueueInput[]): Promise<number> {
  const now = clock.now().toISOString();
  let added = 0;
  for (let i = 0; i < inputs.length; i += 100) {
    const rows = inputs.slice(i, i + 100).map((input) => outboxRow(input, now));
    added += await insertRowsCounted(db, 'outbox', rows, { skipConflictsOn: ['idem_key'], packed: false });
  }
  await statistics.refreshAfterGrowth(db, 'outbox', added);
  return added;
}

/**
 * The Messenger port over the outbox; pass a transaction to enqueue atomically with a domain change.
 * With `calm`, a new message queued outside working hours waits until `calm(now)` (patches of cards
 * already sent never wait: they ping nobody).
 */
export function outboxMessenger(db: Db, clock: Clock, onEnqueue?: () => void, calm?: (now: Date) => Date): Messenger {
  const add = async (input: EnqueueInput) => {
    if (await enqueue(db, clock, input)) onEnqueue?.();
  };
  const holdUntil = (): string | null => {
    if (!calm) return null;
    const now = clock.now();
    const at = calm(now);
    return at.getTime() > now.getTime() ? at.toISOString() : null;
  };
  const sendInput = (to: Recipient, message: OutMessage, key: string, notBefore: string | null): EnqueueInput =>
    ({ idem_key: key, op: 'send', receive_id_type: to.type, receive_id: to.id, ...encode(message), not_before: notBefore });
  return {
    send: (to: Recipient, message: OutMessage, key: string) => add(sendInput(to, message, key, holdUntil())),
    sendAll: async (messages) => {
      const notBefore = holdUntil();
      if ((await enqueueMany(db, clock, messages.map((m) => sendInput(m.to, m.message, m.key, notBefore)))) > 0) onEnqueue?.();
    },
    reply: (messageId: string, message: OutMessage, key: string) =>
      add({ idem_key: key, op: 'reply', target_message_id: messageId, ...encode(message) }),
    patchCard: (target: { key?: string; messageId?: string }, card: CardJson, key: string) =>
      add({
        idem_key: key,
        op: 'patch',
        target_key: target.key ?? null,
        target_message_id: target.messageId ?? null,
        msg_type: 'interactive',
        content: JSON.stringify(card),
      }),
  };
}

/**
 * A card callback answered late: update the clicked card through the callback's delayed-update token
 * (the worker falls back to a PATCH of `messageId` when the token is spent or expired).
 */
export async function enqueueCardUpdate(db: Db, clock: Clock, u: { key: string; token: string; messageId: string | null; card: CardJson }): Promise<boolean> {
  return enqueue(db, clock, { idem_key: u.key, op: 'update', callback_token: u.token, target_message_id: u.messageId, msg_type: 'interactive', content: JSON.stringify(u.card) });
}

/**
 * Claims due rows for this worker: pending and due, or a lease that expired (a crashed sender).
 * A recipient's messages keep their order: a row waits while an earlier one to the same recipient
 * is still to be sent — waiting for its retry, due, or being sent elsewhere (a chat shows messages
 * as they arrive), so one claim takes at most one message per recipient.
 * A calm message waits for its `not_before` on the domain clock (`domainNow`), without holding up
 * answers queued after it.
 */
export async function claimDue(db: Db, now: Date, leaseMs: number, limit: number, domainNow: Date = now): Promise<OutboxRow[]> {
  const nowIso = now.toISOString();
  const domainIso = domainNow.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  // Only the head of a recipient's queue is claimed: no earlier row to the same recipient is still
  // to be sent (a calm message held for working hours aside). It reads (receive_id, status, id).
  const heads = () =>
    db.selectFrom('outbox').where(({ not, exists, selectFrom, or }) =>
      not(
        exists(
          selectFrom('outbox as earlier')
            .select('earlier.id')
            .whereRef('earlier.receive_id', '=', 'outbox.receive_id')
            .where('earlier.status', 'in', ['pending', 'sending'])
            .whereRef('earlier.id', '<', 'outbox.id')
            .where((e) => or([e('earlier.not_before', 'is', null), e('earlier.not_before', '<=', domainIso)])),
        ),
      ),
    );
  // A crashed sender's rows first, then what is due, oldest due first: both read (status, next_attempt_at, id).
  const expired = (n: number) => heads().where('status', '=', 'sending').where('lease_until', '<', nowIso).orderBy('id').limit(n);
  const due = (n: number) =>
    heads()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', domainIso)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(n);
  const lease = { status: 'sending', lease_until: leaseUntil };
  const claimed = (await claimRows<OutboxRow>(db, 'outbox', 'id', expired(limit), lease)).sort(byQueueOrder);
  if (claimed.length < limit) claimed.push(...(await claimRows<OutboxRow>(db, 'outbox', 'id', due(limit - claimed.length), lease)).sort(byQueueOrder));
  return claimed;
}

const byQueueOrder = (x: OutboxRow, y: OutboxRow) => (x.next_attempt_at === y.next_attempt_at ? (x.id < y.id ? -1 : 1) : x.next_attempt_at < y.next_attempt_at ? -1 : 1);

/** Rows whose call Lark accepted, with the message id it gave each: one statement for a round. */
export async function markSent(db: Db, sent: ReadonlyArray<{ id: string; messageId: string | null }>, now: Date): Promise<void> {
  if (sent.length === 0) return;
  const messageId = valueById<string | null>(sent.map((s) => [s.id, sql`${s.messageId}`]));
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sent',
      message_id: messageId,
      sent_at: now.toISOString(),
      lease_until: null,
      attempts: eb('attempts', '+', 1),
      last_error: null,
      failing_since: null,
    }))
    .where('id', 'in', sent.map((s) => s.id))
    .execute();
}

/** Back to pending; `failingSince` marks the start of an outage (a failed attempt), kept until a send works. */
export async function markRetry(db: Db, id: string, at: Date, error: string, countAttempt: boolean, failingSince?: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'pending',
      next_attempt_at: at.toISOString(),
      lease_until: null,
      last_error: error.slice(0, 500),
      attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
      ...(failingSince ? { failing_since: failingSince } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Final states: 'failed' when Lark refused the message (it would refuse it again), 'given_up' when it
 * could not be delivered for the whole retry period (an outage). Both are visible and can be re-queued.
 * 'skipped': a card built at send time found nothing left to show (not a failure; not re-queued).
 */
export type FailedStatus = 'failed' | 'given_up' | 'skipped';
export async function markFailed(db: Db, id: string, error: string, status: FailedStatus = 'failed'): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status, lease_until: null, last_error: error.slice(0, 500), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Lark answers again after an outage: messages waiting out their backoff go now (the limiter paces them). */
export async function resumeAfterOutage(db: Db, now: Date): Promise<number> {
  const res = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString() })
    .where('status', '=', 'pending')
    .where('failing_since', 'is not', null)
    .where('next_attempt_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Rows back in the queue, each due again at its own time (a round's in one statement): those a round
 * got no slot for, and a patch or card update aimed at a message still waiting for its send.
 */
export async function postpone(db: Db, rows: ReadonlyArray<{ id: string; at: Date }>): Promise<void> {
  if (rows.length === 0) return;
  const at = valueById<string>(rows.map((r) => [r.id, sql`${r.at.toISOString()}`]));
  await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: at, lease_until: null }).where('id', 'in', rows.map((r) => r.id)).execute();
}

export async function findByKey(db: Db, key: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('idem_key', '=', key).executeTakeFirst();
}

/** Messages not sent yet; with `domainNow`, only those not held for working hours (what a drain waits for). */
export async function outboxDepth(db: Db, domainNow?: Date): Promise<number> {
  let q = db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'sending']);
  if (domainNow) {
    const at = domainNow.toISOString();
    q = q.where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', at)]));
  }
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Clears the card or text of messages sent before `before`, a thousand at a time; returns how many.
 * What keeps sending exactly once stays (the key, the status, Lark's message id), so a re-run still
 * sends nothing twice and a later patch still finds its message. Without this a city's outbox grows
 * by gigabytes a year, and every daily backup with it.
 */
export async function clearSentContent(db: Db, before: Date, batch = 1000): Promise<number> {
  let cleared = 0;
  for (;;) {
    // `content <> ''` as a literal, as in the partial index outbox_sent_with_content, so it is used.
    const rows = await db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'sent')
      .where(sql<boolean>`content <> ''`)
      .where('sent_at', '<', before.toISOString())
      .orderBy('sent_at')
      .limit(batch)
      .execute();
    if (rows.length === 0) return cleared;
    await db.updateTable('outbox').set({ content: '' }).where(inTexts(db, 'id', rows.map((r) => r.id))).execute();
    cleared += rows.length;
  }
}
