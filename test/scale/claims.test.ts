import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { openStore, type Store } from '../../src/db/connect';
import type { Database } from '../../src/db/schema';
import { claimPendingEvents, recordEvents, type EventToRecord } from '../../src/db/inbox.repository';
import { claimDue, outboxMessenger } from '../../src/db/outbox.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * Claims as two instances make them at the same moment (PostgreSQL: two pools, so two connections
 * race; SQLite: one writer, so both go through it): every row is claimed by exactly one of them,
 * and both get rows while there are enough.
 */
/** One event recorded on its own, as two instances each receiving it would. */
const record = async (db: Kysely<Database>, e: EventToRecord) => (await recordEvents(db, [e]))[0]!;

describe.each(dialectsUnderTest())('claims racing between instances (%s)', (dialect) => {
  let store: TestStore | undefined;
  let other: Store | undefined;
  afterEach(async () => {
    await other?.close();
    await store?.close();
  });

  async function two() {
    store = await createTestStore(dialect, dialect === 'sqlite' ? { file: join(mkdtempSync(join(tmpdir(), 'pingshi-claims-')), 'bot.db') } : {});
    if (dialect === 'sqlite') return [store.db, store.db] as const;
    other = openStore(store.url);
    return [store.db, other.db] as const;
  }

  it('de-duplicates one message reaching both at once, and splits inbox and outbox rows between them', async () => {
    const [a, b] = await two();
    const now = new Date();
    // The same event (and the same message under two event ids) arriving at both instances together.
    const accepted = await Promise.all(
      Array.from({ length: 100 }, (_, i) => [
        record(a, { eventId: `e${i}`, eventType: 'message', payload: '{}', status: 'pending', now, message: { messageId: `m${i}`, chatId: 'c', chatType: 'p2p', openId: 'ou' } }),
        record(b, { eventId: `e${i}`, eventType: 'message', payload: '{}', status: 'pending', now, message: { messageId: `m${i}`, chatId: 'c', chatType: 'p2p', openId: 'ou' } }),
        record(b, { eventId: `again${i}`, eventType: 'message', payload: '{}', status: 'pending', now, message: { messageId: `m${i}`, chatId: 'c', chatType: 'p2p', openId: 'ou' } }),
        record(a, { eventId: `menu${i}`, eventType: 'menu', payload: '{}', status: 'pending', now }),
        record(b, { eventId: `menu${i}`, eventType: 'menu', payload: '{}', status: 'pending', now }),
      ]).flat(),
    );
    expect(accepted.filter(Boolean)).toHaveLength(200);

    const seen: string[][] = [[], []];
    for (let round = 0; round < 20; round++) {
      const [x, y] = await Promise.all([claimPendingEvents(a, new Date(), 60_000, 15), claimPendingEvents(b, new Date(), 60_000, 15)]);
      // Neither comes away empty while there is enough for both (not the same rows, one of them losing each).
      if (round < 6) expect([x.length, y.length]).toEqual([15, 15]);
      seen[0]!.push(...x.map((r) => r.event_id));
      seen[1]!.push(...y.map((r) => r.event_id));
    }
    const all = [...seen[0]!, ...seen[1]!];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(200);

    const send = [outboxMessenger(a, systemClock), outboxMessenger(b, systemClock)];
    await Promise.all(Array.from({ length: 150 }, (_, i) => send[i % 2]!.send({ type: 'open_id', id: `ou_${i}` }, { kind: 'text', text: '通知' }, `n:${i}`)));
    // The same key queued by both instances is one message.
    await Promise.all(send.map((m) => m.send({ type: 'open_id', id: 'ou_0' }, { kind: 'text', text: '通知' }, 'n:0')));
    const sent: string[] = [];
    for (let round = 0; round < 12; round++) {
      const [x, y] = await Promise.all([claimDue(a, new Date(), 30_000, 16), claimDue(b, new Date(), 30_000, 16)]);
      if (round < 4) expect([x.length, y.length]).toEqual([16, 16]);
      sent.push(...x.map((r) => r.idem_key), ...y.map((r) => r.idem_key));
    }
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(150);
  });
});
