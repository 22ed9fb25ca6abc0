import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { statistics } from '../../src/db/claim';
import { claimDue, outboxMessenger } from '../../src/db/outbox.repository';
import { createTestStore, type TestStore } from '../helpers/stores';

const pg = process.env.TEST_POSTGRES_URL ? describe : describe.skip;
if (!process.env.TEST_POSTGRES_URL) console.warn('claim statistics test skipped: TEST_POSTGRES_URL is not set');

/**
 * A slow claim has the queue's table analysed, so PostgreSQL plans the next ones from statistics
 * that know the queue is long (a fresh table's plan sorted every due row: ~250 ms a claim at 80,000).
 */
pg('claims on a queue PostgreSQL has no statistics for', () => {
  let store: TestStore;
  const { slowMs, everyMs } = statistics;
  afterEach(async () => {
    Object.assign(statistics, { slowMs, everyMs });
    await store?.close();
  });

  const analyses = async () => {
    const { rows } = await sql<{ n: string }>`select analyze_count as n from pg_stat_user_tables where relname = 'outbox' and schemaname = current_schema()`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  };

  it('analyses the table after a slow claim, once a minute at most, and still claims each recipient’s first message only', async () => {
    store = await createTestStore('postgres');
    const messages = Array.from({ length: 3_000 }, (_, i) => ({ to: { type: 'open_id' as const, id: `ou_${i % 1_000}` }, message: { kind: 'text' as const, text: `第${i}条` }, key: `k${i}` }));
    // Queued in a transaction: not counted as growth (its rows are not visible until it commits).
    await store.db.transaction().execute((trx) => outboxMessenger(trx, systemClock).sendAll(messages));
    expect(await analyses()).toBe(0);
    statistics.slowMs = 0; // every claim counts as slow here; the bench shows the real ones
    const due = new Date(Date.now() + 60_000);
    const first = await claimDue(store.db, due, 60_000, 50);
    expect(await analyses()).toBe(1);
    const second = await claimDue(store.db, due, 60_000, 50);
    expect(await analyses()).toBe(1);
    const claimed = [...first, ...second];
    expect(claimed).toHaveLength(100);
    // Recipient order holds: each claimed row is its recipient's earliest, and no recipient twice.
    expect(new Set(claimed.map((r) => r.receive_id)).size).toBe(100);
    expect(claimed.every((r) => Number(r.receive_id!.slice(3)) === Number(r.idem_key.slice(1)))).toBe(true);
  });

  it('analyses the table once this process has queued a thousand rows, before any claim is slow', async () => {
    store = await createTestStore('postgres');
    statistics.everyMs = 0; // the test above has just analysed a table of this name
    const messenger = outboxMessenger(store.db, systemClock);
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ to: { type: 'open_id' as const, id: `ou_${from + i}` }, message: { kind: 'text' as const, text: '本周周记请于周五 18:00 前提交。' }, key: `w${from + i}` }));
    await messenger.sendAll(batch(0, 600));
    await messenger.sendAll(batch(0, 600)); // the same keys again: nothing added, nothing counted
    expect(await analyses()).toBe(0);
    await messenger.sendAll(batch(600, 399));
    expect(await analyses()).toBe(0);
    await messenger.send({ type: 'open_id', id: 'ou_999' }, { kind: 'text', text: '本周周记请于周五 18:00 前提交。' }, 'w999');
    expect(await analyses()).toBe(1);
    // Counted again from zero.
    await messenger.sendAll(batch(1_000, 999));
    expect(await analyses()).toBe(1);
  });
});
