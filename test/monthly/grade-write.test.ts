import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/core/audit';
import { findReviewById, pendingReviewRow, writeGradeAudited, type GradeColumns } from '../../src/core/monthly/review.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * The grade and its audit entry are one write, guarded by the revision and the quarter's locks
 * (a 审定 committed after the click's reads must still win), on each database.
 */
describe.each(dialectsUnderTest())('writing a monthly grade on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  const at = new Date('2026-11-03T02:00:00Z');
  const grade: GradeColumns = {
    unit_id: 'od_a', level: '副职', reviewer_open_id: 'ou_lead', work_score: 92.5, conduct_score: 90, bonuses: '[]', deductions: '[]',
    bonus: 0, deduction: 0, total: 91.75, suggested_tier: '好', tier: '好', override_reason: null, comment: '工作扎实，“细致”', status: 'submitted',
  };
  const guard = { quarterKey: '2026-Q4', pools: [{ unitId: 'od_a', level: '副职' }, { unitId: 'od_b', level: '副职' }] };
  const entry = { actor: 'ou_lead', action: 'grading.monthly.submit', entityType: 'monthly_review', entityId: 'mr_1', after: { tier: '好' }, reason: null };

  async function seed() {
    store = await createTestStore(dialect);
    await store.db.insertInto('monthly_reviews').values(pendingReviewRow({ openId: 'ou_a', monthKey: '2026-10', unitId: 'od_a', level: '副职' }, at, 'mr_1')).execute();
  }

  it('writes the grade with the next revision and its audit entry, and returns the row as stored', async () => {
    await seed();
    const after = await writeGradeAudited(store.db, 'mr_1', 0, grade, at, guard, entry);
    expect(after).toEqual(await findReviewById(store.db, 'mr_1'));
    expect(after).toMatchObject({ ...grade, revision: 1, updated_at: at.toISOString() });
    const trail = await auditTrail(store.db, 'monthly_review', 'mr_1');
    expect(trail.map((t) => [t.actor, t.action, JSON.parse(t.after!)])).toEqual([['ou_lead', 'grading.monthly.submit', { tier: '好' }]]);
  });

  it('writes nothing, audit included, when the revision moved on', async () => {
    await seed();
    expect(await writeGradeAudited(store.db, 'mr_1', 0, grade, at, guard, entry)).toBeDefined();
    expect(await writeGradeAudited(store.db, 'mr_1', 0, { ...grade, tier: '较好' }, at, guard, entry)).toBeUndefined();
    expect((await findReviewById(store.db, 'mr_1'))?.tier).toBe('好');
    expect(await auditTrail(store.db, 'monthly_review', 'mr_1')).toHaveLength(1);
  });

  it('writes nothing when either pool is locked for the quarter, and writes again in another quarter', async () => {
    await seed();
    await store.db.insertInto('quarter_locks').values({ unit_id: 'od_b', quarter_key: '2026-Q4', level: '副职', locked_by: 'ou_hr', locked_at: at.toISOString() }).execute();
    expect(await writeGradeAudited(store.db, 'mr_1', 0, grade, at, guard, entry)).toBeUndefined();
    expect((await findReviewById(store.db, 'mr_1'))).toMatchObject({ status: 'pending', revision: 0 });
    expect(await auditTrail(store.db, 'monthly_review', 'mr_1')).toEqual([]);
    // Another level of the same unit, or another quarter, is not locked.
    expect(await writeGradeAudited(store.db, 'mr_1', 0, grade, at, { ...guard, pools: [{ unitId: 'od_b', level: '正职' }] }, entry)).toBeDefined();
    expect(await writeGradeAudited(store.db, 'mr_1', 1, { ...grade, tier: '一般' }, at, { ...guard, quarterKey: '2027-Q1' }, entry)).toMatchObject({ tier: '一般', revision: 2 });
  });
});
