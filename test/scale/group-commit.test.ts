import { afterEach, describe, expect, it } from 'vitest';
import { appendArrivals, type ArrivingEvent } from '../../src/db/inbox.repository';
import { createGroupCommit } from '../../src/dispatch/group-commit';
import { createTestStore, type TestStore } from '../helpers/stores';

const event = (i: number): ArrivingEvent => ({ eventId: `e${i}`, eventType: 'message', payload: `{"i":${i}}`, now: new Date('2026-11-30T02:00:00Z') });

describe('the ack path group commit', () => {
  let store: TestStore | undefined;
  afterEach(async () => store?.close());

  it('writes the events of one moment together, and a bad one is refused alone', async () => {
    store = await createTestStore('sqlite');
    const db = store.db;
    const batches: number[] = [];
    const arrive = createGroupCommit(async (batch: ArrivingEvent[]) => {
      batches.push(batch.length);
      await appendArrivals(db, batch);
      return batch.map(() => true);
    });
    const bad = { ...event(7), payload: null as unknown as string };
    const results = await Promise.allSettled([...Array.from({ length: 7 }, (_, i) => arrive(event(i))), arrive(bad), ...Array.from({ length: 4 }, (_, i) => arrive(event(10 + i)))]);

    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[7]!.status).toBe('rejected');
    const stored = await db.selectFrom('inbox_arrivals').select('event_id').orderBy('seq').execute();
    expect(stored.map((r) => r.event_id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e10', 'e11', 'e12', 'e13']);
    // One statement for the twelve, then each on its own once it failed.
    expect(batches).toEqual([12, ...Array(12).fill(1)]);
  });
});
