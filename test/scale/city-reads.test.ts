import { afterEach, describe, expect, it } from 'vitest';
import { seedCity } from '../../bench/seed';
import { findActivePeople } from '../../src/core/org/people.repository';
import { insertRows } from '../../src/core/insert-rows';
import { monthlyResultsForQuarter } from '../../src/core/quarterly/month-results';
import { determinedResultsOf } from '../../src/core/quarterly/results.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * The city-wide reads come in pages of 5,000 rows on SQLite (the event loop turns between them):
 * nothing is lost or read twice at a page's edge, and the order is the one a single statement gives.
 */
describe.each(dialectsUnderTest())('city-wide reads on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('read every active person and every month of the quarter once, in order', async () => {
    store = await createTestStore(dialect);
    await seedCity(store.db, { people: 5_300, organs: 7, gradedMonths: ['2026-07', '2026-08', '2026-09'] });
    await store.db.updateTable('people').set({ active: 0 }).where('open_id', '=', 'ou_b0000007').execute();

    const people = await findActivePeople(store.db);
    const expected = await store.db.selectFrom('people').select(['open_id', 'unit_id']).where('active', '=', 1).orderBy('unit_id').orderBy('open_id').execute();
    expect(expected.length).toBeGreaterThan(5_000);
    expect(people.map((p) => [p.unitId, p.openId])).toEqual(expected.map((r) => [r.unit_id, r.open_id]));

    const quarter = await monthlyResultsForQuarter(store.db, '2026-Q3');
    const rows = await store.db.selectFrom('monthly_reviews').select(['open_id', 'month_key']).orderBy('open_id').orderBy('month_key').execute();
    expect(rows.length).toBeGreaterThan(15_000);
    const read = quarter.flatMap((p) => [...p.months.map((m) => m.month), ...p.pendingMonths].sort().map((month) => `${p.openId} ${month}`)).sort();
    expect(read).toEqual(rows.map((r) => `${r.open_id} ${r.month_key}`));
    for (const p of quarter) expect(p.months.map((m) => m.month)).toEqual([...p.months.map((m) => m.month)].sort());
    const order = quarter.map((p) => `${p.unitId}\u0000${p.level}\u0000${p.openId}`);
    expect(order).toEqual([...order].sort());
  });

  it('read a year’s determined quarters for more people than one statement takes, each person’s in quarter order', async () => {
    store = await createTestStore(dialect);
    const ids = Array.from({ length: 1_300 }, (_, i) => `ou_y${String(i).padStart(5, '0')}`);
    const statuses = ['confirmed', 'proposed', 'corrected'];
    const rows = ids.flatMap((openId, i) =>
      ['2026-Q4', '2026-Q2', '2026-Q1'].map((quarterKey, q) => ({
        id: `qr_${i}_${q}`, open_id: openId, quarter_key: quarterKey, unit_id: 'od_1', level: '一级科员', score: 90, work: null, conduct: null,
        good_months: 0, proposed_tier: '好', tier: '较好', status: statuses[(i + q) % 3]!, updated_at: '2027-01-05T02:00:00.000Z',
      })),
    );
    await insertRows(store.db, 'quarter_results', rows);
    const asked = [...ids].reverse();
    const read = await determinedResultsOf(store.db, [...asked, ids[0]!], ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    const expected = await store.db
      .selectFrom('quarter_results').select(['open_id', 'quarter_key']).where('status', 'in', ['confirmed', 'corrected']).orderBy('open_id').orderBy('quarter_key').execute();
    expect(expected.length).toBeGreaterThan(2_000);
    const got = [...read].flatMap(([openId, results]) => results.map((r) => `${openId} ${r.quarterKey}`)).sort();
    expect(got).toEqual(expected.map((r) => `${r.open_id} ${r.quarter_key}`));
    for (const [openId, results] of read) {
      expect(results.every((r) => r.openId === openId && r.status !== 'proposed')).toBe(true);
      expect(results.map((r) => r.quarterKey)).toEqual(results.map((r) => r.quarterKey).sort());
    }
  });
});
