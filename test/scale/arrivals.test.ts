import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/connect';
import { admitArrivals, appendArrivals, finishEvents, pendingEventCount, recordEvents, type ArrivingEvent } from '../../src/db/inbox.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

const now = new Date('2026-11-30T02:00:00Z');
const message = (eventId: string, messageId: string): ArrivingEvent => ({
  eventId,
  eventType: 'message',
  payload: JSON.stringify({ header: { event_id: eventId } }),
  now,
  message: { messageId, chatId: 'oc_1', chatType: 'p2p', openId: 'ou_1' },
});

/**
 * The ack path appends events without checking their keys; admitting them into the inbox is where
 * a Lark retry (same event id) and a re-push (same message id, new event id) are dropped — also when
 * the copies were acknowledged by two instances and two instances admit them at once.
 */
describe.each(dialectsUnderTest())('arrivals admitted into the inbox (%s)', (dialect) => {
  let store: TestStore | undefined;
  let other: Store | undefined;
  afterEach(async () => {
    await other?.close();
    await store?.close();
    other = undefined;
  });

  it('keeps one of every event and message, counts arrivals as pending, and empties the arrivals', async () => {
    store = await createTestStore(dialect);
    const db = store.db;
    await recordEvents(db, [{ eventId: 'seen', eventType: 'menu', payload: '{}', status: 'pending', now }]);
    await appendArrivals(db, [message('e1', 'm1'), message('e1', 'm1'), message('e2', 'm1'), message('e3', 'm3'), { eventId: 'seen', eventType: 'menu', payload: '{}', now }]);
    await appendArrivals(db, [message('e4', 'm3'), { eventId: 'menu1', eventType: 'menu', payload: '{}', now }]);
    expect(await pendingEventCount(db)).toBe(8);

    expect(await admitArrivals(db, 3)).toBe(3);
    expect(await admitArrivals(db, 200)).toBe(4);
    expect(await admitArrivals(db, 200)).toBe(0);

    const inbox = await db.selectFrom('inbox').select(['event_id', 'status', 'received_at']).orderBy('event_id').execute();
    expect(inbox.map((r) => r.event_id)).toEqual(['e1', 'e3', 'menu1', 'seen']);
    expect(inbox.every((r) => r.status === 'pending' && r.received_at === now.toISOString())).toBe(true);
    const messages = await db.selectFrom('inbound_messages').select(['message_id', 'event_id']).orderBy('message_id').execute();
    expect(messages).toEqual([
      { message_id: 'm1', event_id: 'e1' },
      { message_id: 'm3', event_id: 'e3' },
    ]);
    expect(await db.selectFrom('inbox_arrivals').selectAll().execute()).toEqual([]);
    expect(await pendingEventCount(db)).toBe(4);
  });

  it('admits each copy once when two instances admit at the same moment', async () => {
    store = await createTestStore(dialect, dialect === 'sqlite' ? { file: join(mkdtempSync(join(tmpdir(), 'pingshi-arrivals-')), 'bot.db') } : {});
    other = dialect === 'postgres' ? openStore(store.url) : undefined;
    const a = store.db;
    const b = other?.db ?? store.db;
    // Every event acknowledged by both instances, every message also re-pushed under a second id.
    const copies = Array.from({ length: 300 }, (_, i) => [message(`e${i}`, `m${i}`), message(`again${i}`, `m${i}`)]).flat();
    await Promise.all([appendArrivals(a, copies.slice(0, 300)), appendArrivals(b, copies.slice(300)), appendArrivals(a, copies.slice(100, 400)), appendArrivals(b, copies)]);
    const admitted = [0, 0];
    for (let round = 0; round < 40; round++) {
      const [x, y] = await Promise.all([admitArrivals(a, 50), admitArrivals(b, 50)]);
      admitted[0]! += x;
      admitted[1]! += y;
    }
    expect(admitted[0]! + admitted[1]!).toBe(600 + 300 + 600);
    if (dialect === 'postgres') expect(Math.min(...admitted)).toBeGreaterThan(0);
    const inbox = await a.selectFrom('inbox').select('event_id').execute();
    const winners = await a.selectFrom('inbound_messages').select(['message_id', 'event_id']).execute();
    expect(winners).toHaveLength(300);
    expect(inbox.map((r) => r.event_id).sort()).toEqual(winners.map((w) => w.event_id).sort());
    expect(await pendingEventCount(a)).toBe(300);
  });
});

describe.each(dialectsUnderTest())('card actions finished together (%s)', (dialect) => {
  let store: TestStore | undefined;
  afterEach(() => store?.close());

  it('keeps each its own answer, leaves the others alone, and reads back quotes and Chinese intact', async () => {
    store = await createTestStore(dialect);
    const card = (eventId: string) => ({ eventId, eventType: 'card.action.trigger', payload: '{}', status: 'processing', now });
    await recordEvents(store.db, ['ev_1', 'ev_2', 'ev_3'].map(card));
    const answers = [
      { eventId: 'ev_2', response: JSON.stringify({ toast: { type: 'success', content: '已提交评鉴：“好”' } }) },
      { eventId: 'ev_1', response: JSON.stringify({ toast: { type: 'info', content: "it's 较好" } }) },
    ];
    const untouched = await store.db.selectFrom('inbox').selectAll().where('event_id', '=', 'ev_3').executeTakeFirstOrThrow();
    await finishEvents(store.db, answers, now);
    const rows = await store.db.selectFrom('inbox').select(['event_id', 'status', 'response', 'attempts', 'lease_until']).orderBy('event_id').execute();
    expect(rows.map((r) => ({ ...r, attempts: Number(r.attempts) }))).toEqual([
      { event_id: 'ev_1', status: 'done', response: answers[1]!.response, attempts: 1, lease_until: null },
      { event_id: 'ev_2', status: 'done', response: answers[0]!.response, attempts: 1, lease_until: null },
      { event_id: 'ev_3', status: 'processing', response: null, attempts: 0, lease_until: untouched.lease_until },
    ]);
  });
});
