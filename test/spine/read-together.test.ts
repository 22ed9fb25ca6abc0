import { afterEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { mapRead, readBoth, readChunked, readRows, readTogether, runRead } from '../../src/core/read-together';
import { leavesOverlappingRead } from '../../src/core/org/leave.repository';
import { serviceEvidenceByPeriodRead } from '../../src/core/peers/voices.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/** Counts the statements executed through the returned database handle (a result each). */
function counting(store: TestStore) {
  const seen = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      seen.n++;
      return args.result;
    },
  };
  return { db: store.db.withPlugin(plugin), seen };
}

describe.each(dialectsUnderTest())('reads that go out together on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  async function seed() {
    store = await createTestStore(dialect);
    const at = '2026-10-01T00:00:00.000Z';
    await store.db
      .insertInto('leave_periods')
      .values([
        { id: 'lv_1', open_id: 'ou_a', start_date: '2026-10-08', end_date: '2026-10-09', kind: '年休假', note: '回乡 “探亲”\n两天', created_by: null, created_at: at },
        { id: 'lv_2', open_id: 'ou_b', start_date: '2026-09-28', end_date: '2026-10-02', kind: '病假', note: null, created_by: 'ou_hr', created_at: at },
        { id: 'lv_3', open_id: 'ou_c', start_date: '2026-10-20', end_date: '2026-10-21', kind: '事假', note: null, created_by: null, created_at: at },
      ])
      .execute();
    await store.db
      .insertInto('service_ratings')
      .values([
        { open_id: 'ou_a', period_key: '2026-10', good: 12, bad: 1, score: 96.5, import_id: 'im_1', created_at: at },
        { open_id: 'ou_a', period_key: '2026-Q4', good: 3, bad: 0, score: null, import_id: 'im_1', created_at: at },
        { open_id: 'ou_b', period_key: '2026-10', good: 0, bad: 2, score: 71.25, import_id: 'im_1', created_at: at },
      ])
      .execute();
  }

  it('gives each read exactly what it gives alone, texts, numbers and nulls as stored, empty reads included', async () => {
    await seed();
    const people = ['ou_a', 'ou_b', 'ou_c', 'ou_none'];
    const leave = () => leavesOverlappingRead(store.db, '2026-10-01', '2026-10-11', people);
    const service = () => serviceEvidenceByPeriodRead(store.db, ['2026-10', '2026-Q4'], people);
    const nothing = () => readRows(null, (rows) => rows.length);
    const names = () => readRows(store.db.selectFrom('leave_periods').select(['kind', 'note']).where('open_id', '=', 'ou_nobody'), (rows) => rows);
    const alone = [await runRead(store.db, leave()), await runRead(store.db, service()), await runRead(store.db, nothing()), await runRead(store.db, names())];
    const together = await readTogether(store.db, [leave(), service(), nothing(), names()]);
    expect(together).toEqual(alone);

    const byId = (xs: typeof together[0]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(together[0])).toEqual([
      { id: 'lv_1', openId: 'ou_a', startDate: '2026-10-08', endDate: '2026-10-09', kind: '年休假', note: '回乡 “探亲”\n两天' },
      { id: 'lv_2', openId: 'ou_b', startDate: '2026-09-28', endDate: '2026-10-02', kind: '病假', note: null },
    ].map((l) => expect.objectContaining(l)));
    expect(together[1].get('ou_a')?.get('2026-10')).toEqual({ good: 12, bad: 1, score: 96.5 });
    expect(together[1].get('ou_a')?.get('2026-Q4')).toEqual({ good: 3, bad: 0, score: null });
    expect(together[1].get('ou_b')?.get('2026-10')).toEqual({ good: 0, bad: 2, score: 71.25 });
    expect(together[1].has('ou_c')).toBe(false);
    expect(together.slice(2)).toEqual([0, []]);
  });

  it('is one statement on PostgreSQL and one per select on SQLite; a long list read in chunks goes on its own', async () => {
    await seed();
    const { db, seen } = counting(store);
    const leave = leavesOverlappingRead(db, '2026-10-01', '2026-10-31', ['ou_a', 'ou_b']);
    const service = serviceEvidenceByPeriodRead(db, ['2026-10'], ['ou_a', 'ou_b']);
    const both = readBoth(leave, mapRead(service, (m) => m.size), (l, n) => [l.length, n]);
    expect(await readTogether(db, [both, readRows(db.selectFrom('units').select('id'), (r) => r.length)])).toEqual([[2, 2], 0]);
    expect(seen.n).toBe(dialect === 'postgres' ? 1 : 3);

    seen.n = 0;
    const many = ['ou_a', 'ou_b', 'ou_c', ...Array.from({ length: 5 }, (_, i) => `ou_x${i}`)];
    const chunked = readChunked(many, 3, (chunk) => db.selectFrom('leave_periods').select('id').where('open_id', 'in', chunk), (rows) => rows.map((r) => r.id).sort());
    expect(await readTogether(db, [chunked, service])).toEqual([['lv_1', 'lv_2', 'lv_3'], new Map([['ou_a', expect.any(Map)], ['ou_b', expect.any(Map)]])]);
    // Three chunks and the 好差评: never aggregated into one JSON value.
    expect(seen.n).toBe(4);
  });
});
