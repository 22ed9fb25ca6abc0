import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendArrivals, findEvent, finishEvents, recordEvents, type ArrivingEvent, type EventToRecord } from '../db/inbox.repository';
import { enqueueCardUpdate, outboxMessenger } from '../db/outbox.repository';
import { type Clock, systemClock } from '../core/clock';
import type { Log } from '../core/deps';
import type { Metrics } from '../metrics';
import type { Dispatcher } from './dispatcher';
import type { CardResponse, Inbound } from './inbound';
import { createGroupCommit } from './group-commit';
import { normalize } from './normalize';
import { merged } from '../core/merged';

export interface IntakeOptions {
  db: Kysely<Database>;
  dispatcher: Dispatcher;
  botOpenId: () => string | null;
  log: Log;
  metrics?: Metrics;
  /** Wakes the inbox worker. */
  onQueued: () => void;
  /** Batches of events written at once by the group commit (1 for SQLite, which writes synchronously). */
  writers?: number;
  /** Lark gives a card callback 3 s; answer before then, whatever the work still needs. */
  cardDeadlineMs?: number;
  clock?: Clock;
}

const WORKING: CardResponse = { toast: { type: 'info', content: '已收到，正在处理，完成后卡片会自动更新。' } };
// Lark never re-sends a callback, so a 5xx would only show the user a generic error.
const FAILED: CardResponse = { toast: { type: 'error', content: '系统暂时无法处理，请稍后再点一次；如仍不行请联系管理员。' } };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/**
 * Persists then acknowledges. Messages are appended to the inbox's arrivals and processed later,
 * so a crash after the ack loses nothing and a burst is acknowledged at the speed of one append.
 * Card actions are answered now because Lark shows the answer to the clicker, and Lark never sends
 * a callback twice: work that outlasts the deadline answers a toast at once and later updates the
 * card with the callback's delayed-update token (or a PATCH when that is spent).
 */
export function createIntake(o: IntakeOptions) {
  const deadline = o.cardDeadlineMs ?? 2500;
  const clock = o.clock ?? systemClock;
  // Card work that outlives its answer: a graceful stop waits for it (nobody else would redo it).
  const cardWork = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    cardWork.add(p);
    void p.finally(() => cardWork.delete(p)).catch(() => {});
  };
  // Events to process later are appended (the inbox worker de-duplicates them); a card action is
  // de-duplicated before it is answered.
  const arrive = createGroupCommit((batch: ArrivingEvent[]) => appendArrivals(o.db, batch).then(() => batch.map(() => undefined)), o.writers);
  const recordCard = createGroupCommit((batch: EventToRecord[]) => recordEvents(o.db, batch), o.writers);
  // The answer kept for a duplicate delivery, written for the clicks answered in the same turn at once.
  const finishCard = createGroupCommit(
    (batch: Array<{ eventId: string; response: string }>) => finishEvents(o.db, batch, new Date()).then(() => batch.map(() => undefined)),
    o.writers,
  );
  /** `text` is the envelope as it arrived (decrypted), kept as is instead of serialised again. */
  const handle = async (envelope: Obj, text?: string): Promise<unknown> => {
    const inbound = normalize(envelope, o.botOpenId());
    if (!inbound.eventId || inbound.kind === 'ignored') return {};
    if (inbound.createdAtMs) o.metrics?.eventLag.observe(Math.max(0, Date.now() - inbound.createdAtMs) / 1000);
    const now = new Date();
    const base = { eventId: inbound.eventId, eventType: eventTypeOf(inbound.kind), now };

    if (inbound.kind !== 'card') {
      const message = inbound.kind === 'message' && inbound.messageId ? { messageId: inbound.messageId, chatId: inbound.chatId, chatType: inbound.chatType, openId: inbound.openId } : undefined;
      const payload = text ?? JSON.stringify(envelope);
      await arrive(merged(base, message ? { payload, message } : { payload }));
      o.onQueued();
      return {};
    }
    try {
      // A card action is answered here and never re-read from the inbox (Feishu does not re-deliver
      // callbacks), so only its header is kept: storing the envelope would keep who submitted which
      // form values — a 民主测评 ballot, a grade draft — beside the anonymous or audited result.
      const header = { schema: envelope.schema ?? null, header: envelope.header ?? null };
      if (!(await recordCard(merged(base, { payload: JSON.stringify(header), status: 'processing' })))) {
        const seen = await findEvent(o.db, inbound.eventId);
        return seen?.response ? JSON.parse(seen.response) : {};
      }
      const token = typeof obj(envelope.event).token === 'string' ? (obj(envelope.event).token as string) : null;
      return await answerCard(o, clock, deadline, inbound, token, track, finishCard);
    } catch (e) {
      o.log.error({ err: e, eventId: inbound.eventId }, 'card action could not be handled');
      return FAILED;
    }
  };
  /** Resolves once every card action's work (also what continues after its answer) has finished. */
  const settled = async (): Promise<void> => {
    while (cardWork.size > 0) await Promise.allSettled([...cardWork]);
  };
  return Object.assign(handle, { settled });
}

async function answerCard(
  o: IntakeOptions,
  clock: Clock,
  deadline: number,
  inbound: Extract<Inbound, { kind: 'card' }>,
  token: string | null,
  track: (p: Promise<unknown>) => void,
  finish: (done: { eventId: string; response: string }) => Promise<void>,
): Promise<CardResponse> {
  let late = false;
  const work = o.dispatcher.handleCard(inbound).then(async (response) => {
    await finish({ eventId: inbound.eventId, response: JSON.stringify(response) });
    if (late) await deliverLate(o, clock, inbound, token, response);
    return response;
  });
  work.catch((e) => o.log.error({ err: e, eventId: inbound.eventId }, 'card action failed after the answer'));
  track(work);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CardResponse>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve(WORKING);
    }, deadline);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer came after the callback was answered: show it through the outbox (delayed update, else PATCH, else a message). */
async function deliverLate(o: IntakeOptions, clock: Clock, inbound: Extract<Inbound, { kind: 'card' }>, token: string | null, response: CardResponse): Promise<void> {
  const key = `late:${inbound.eventId}`;
  if (response.card) {
    if (token) await enqueueCardUpdate(o.db, clock, { key, token, messageId: inbound.messageId, card: response.card.data });
    else if (inbound.messageId) await outboxMessenger(o.db, clock).patchCard({ messageId: inbound.messageId }, response.card.data, key);
    return;
  }
  // A toast can no longer be shown; tell the person in a message instead.
  if (response.toast && inbound.openId) await outboxMessenger(o.db, clock).send({ type: 'open_id', id: inbound.openId }, { kind: 'text', text: response.toast.content }, `${key}:toast`);
}

function eventTypeOf(kind: string): string {
  return kind === 'card' ? 'card.action.trigger' : kind;
}
