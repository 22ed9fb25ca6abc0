import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findEvent, finishEvent, recordEvent } from '../db/inbox.repository';
import type { Log } from '../core/deps';
import type { Metrics } from '../metrics';
import type { Dispatcher } from './dispatcher';
import type { CardResponse } from './inbound';
import { normalize } from './normalize';

export interface IntakeOptions {
  db: Kysely<Database>;
  dispatcher: Dispatcher;
  botOpenId: () => string | null;
  log: Log;
  metrics?: Metrics;
  /** Wakes the inbox worker. */
  onQueued: () => void;
  cardDeadlineMs?: number;
}

const STILL_WORKING: CardResponse = { toast: { type: 'info', content: '已收到，正在处理，请勿重复点击。' } };

/**
 * Persists then acknowledges. Messages are processed later from the inbox so a crash after the ack
 * loses nothing; card actions are answered now because Lark shows the answer to the clicker.
 */
export function createIntake(o: IntakeOptions) {
  const deadline = o.cardDeadlineMs ?? 2500;
  return async (envelope: Record<string, unknown>): Promise<unknown> => {
    const inbound = normalize(envelope, o.botOpenId());
    if (!inbound.eventId || inbound.kind === 'ignored') return {};
    if (inbound.createdAtMs) o.metrics?.eventLag.observe(Math.max(0, Date.now() - inbound.createdAtMs) / 1000);
    const now = new Date();
    const base = { eventId: inbound.eventId, eventType: eventTypeOf(inbound.kind), payload: JSON.stringify(envelope), now };

    if (inbound.kind !== 'card') {
      if (await recordEvent(o.db, { ...base, status: 'pending' })) o.onQueued();
      return {};
    }
    if (!(await recordEvent(o.db, { ...base, status: 'processing' }))) {
      const seen = await findEvent(o.db, inbound.eventId);
      return seen?.response ? JSON.parse(seen.response) : STILL_WORKING;
    }
    const work = o.dispatcher.handleCard(inbound).then(async (response) => {
      await finishEvent(o.db, inbound.eventId, new Date(), JSON.stringify(response));
      return response;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<CardResponse>((resolve) => {
      timer = setTimeout(() => resolve(STILL_WORKING), deadline);
    });
    work.catch((e) => o.log.error({ err: e, eventId: inbound.eventId }, 'card action failed after the answer'));
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function eventTypeOf(kind: string): string {
  return kind === 'card' ? 'card.action.trigger' : kind;
}
