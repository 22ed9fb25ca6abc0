import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/core/audit';
import { writeGradeAudited, type GradeWrite } from '../../src/core/monthly/grade-write.repository';
import { findReviewById, pendingReviewRow, type GradeColumns } from '../../src/core/monthly/review.repository';
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

  const write = (expectedRevision: number, g: GradeColumns, guardOf: GradeWrite['guard'], id = 'mr_1'): GradeWrite => ({
    id,
    expectedRevision,
    grade: g,
    at,
    guard: guardOf,
    entry: { ...entry, entityId: id },
  });

  async function seed() {
    store = await createTestStore(dialect);
    for (const [id, openId] of [['mr_1', 'ou_a'], ['mr_2', 'ou_b'], ['mr_3', 'ou_c'], ['mr_4', 'ou_d']]) {
      await store.db.insertInto('monthly_reviews').values(pendingReviewRow({ openId: openId!, monthKey: '2026-10', unitId: 'od_a', level: '副职' }, at, id)).execute();
    }
  }

  it('writes the grade with the next revision and its audit entry, and returns the row as stored', async () => {
    await seed();
    const after = await writeGradeAudited(store.db, write(0, grade, guard));
    expect(after).toEqual(await findReviewById(store.db, 'mr_1'));
    expect(after).toMatchObject({ ...grade, revision: 1, updated_at: at.toISOString() });
    const trail = await auditTrail(store.db, 'monthly_review', 'mr_1');
    expect(trail.map((t) => [t.actor, t.action, JSON.parse(t.after!)])).toEqual([['ou_lead', 'grading.monthly.submit', { tier: '好' }]]);
  });

  it('writes nothing, audit included, when the revision moved on', async () => {
    await seed();
    expect(await writeGradeAudited(store.db, write(0, grade, guard))).toBeDefined();
    expect(await writeGradeAudited(store.db, write(0, { ...grade, tier: '较好' }, guard))).toBeUndefined();
    expect((await findReviewById(store.db, 'mr_1'))?.tier).toBe('好');
    expect(await auditTrail(store.db, 'monthly_review', 'mr_1')).toHaveLength(1);
  });

  it('writes nothing when either pool is locked for the quarter, and writes again in another quarter', async () => {
    await seed();
    await store.db.insertInto('quarter_locks').values({ unit_id: 'od_b', quarter_key: '2026-Q4', level: '副职', locked_by: 'ou_hr', locked_at: at.toISOString() }).execute();
    expect(await writeGradeAudited(store.db, write(0, grade, guard))).toBeUndefined();
    expect((await findReviewById(store.db, 'mr_1'))).toMatchObject({ status: 'pending', revision: 0 });
    expect(await auditTrail(store.db, 'monthly_review', 'mr_1')).toEqual([]);
    // Another level of the same unit, or another quarter, is not locked.
    expect(await writeGradeAudited(store.db, write(0, grade, { ...guard, pools: [{ unitId: 'od_b', level: '正职' }] }))).toBeDefined();
    expect(await writeGradeAudited(store.db, write(1, { ...grade, tier: '一般' }, { ...guard, quarterKey: '2027-Q1' }))).toMatchObject({ tier: '一般', revision: 2 });
  });

  it('writes the grades of clicks that arrive together, each with its own outcome', async () => {
    await seed();
    await store.db.insertInto('quarter_locks').values({ unit_id: 'od_c', quarter_key: '2026-Q4', level: '副职', locked_by: 'ou_hr', locked_at: at.toISOString() }).execute();
    const outcomes = await Promise.all([
      writeGradeAudited(store.db, write(0, grade, guard, 'mr_1')),
      // A double click: the same review twice in one turn is written once.
      writeGradeAudited(store.db, write(0, { ...grade, tier: '较好' }, guard, 'mr_2')),
      writeGradeAudited(store.db, write(0, { ...grade, tier: '较好' }, guard, 'mr_2')),
      // Its quarter locked for the person's pool.
      writeGradeAudited(store.db, write(0, grade, { ...guard, pools: [{ unitId: 'od_c', level: '副职' }] }, 'mr_3')),
      // A card older than the row.
      writeGradeAudited(store.db, write(5, grade, guard, 'mr_4')),
    ]);
    expect(outcomes.map((o) => (o ? [o.id, o.tier, o.revision] : undefined))).toEqual([['mr_1', '好', 1], ['mr_2', '较好', 1], undefined, undefined, undefined]);
    expect(await findReviewById(store.db, 'mr_1')).toEqual(outcomes[0]);
    expect(await findReviewById(store.db, 'mr_2')).toEqual(outcomes[1]);
    for (const id of ['mr_3', 'mr_4']) expect(await findReviewById(store.db, id)).toMatchObject({ status: 'pending', revision: 0 });
    const audited = await store.db.selectFrom('audit_log').select(['entity_id', 'after']).orderBy('entity_id').execute();
    expect(audited).toEqual([
      { entity_id: 'mr_1', after: JSON.stringify(entry.after) },
      { entity_id: 'mr_2', after: JSON.stringify(entry.after) },
    ]);
  });

  it('writes the others when one grade of the batch cannot be written', async () => {
    await seed();
    const broken = { ...grade, status: null } as unknown as GradeColumns; // status is NOT NULL
    const outcomes = await Promise.allSettled([
      writeGradeAudited(store.db, write(0, grade, guard, 'mr_1')),
      writeGradeAudited(store.db, write(0, broken, guard, 'mr_2')),
      writeGradeAudited(store.db, write(0, { ...grade, tier: '一般' }, guard, 'mr_3')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await findReviewById(store.db, 'mr_1')).toMatchObject({ tier: '好', revision: 1 });
    expect(await findReviewById(store.db, 'mr_2')).toMatchObject({ status: 'pending', revision: 0 });
    expect(await findReviewById(store.db, 'mr_3')).toMatchObject({ tier: '一般', revision: 1 });
    expect((await store.db.selectFrom('audit_log').select('entity_id').orderBy('entity_id').execute()).map((r) => r.entity_id)).toEqual(['mr_1', 'mr_3']);
  });
});
