import { afterEach, describe, expect, it } from 'vitest';
import { compactRows } from '../../src/core/compact-rows';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/** A read that SQLite sends as one JSON array: every value and the order come back as a plain read's. */
describe.each(dialectsUnderTest())('compactRows on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('reads what a plain select reads, in its order, with nulls, exact reals and text intact', async () => {
    store = await createTestStore(dialect);
    const texts = ['好', '较好', 'say "好"', 'a\\b', '第一行\n第二行', '😀 表情', "it's", ''];
    const scores = [85.33333333333333, 0.1 + 0.2, 2 / 3, 80, null, 123456789.12345679, -0.5, 1e-7];
    await store.db
      .insertInto('monthly_reviews')
      .values(
        texts.map((tier, i) => ({
          id: `mr_${i}`, open_id: `ou_${7 - i}`, month_key: `2026-0${(i % 3) + 7}`, unit_id: 'od_1', level: '一级科员', reviewer_open_id: null,
          work_score: scores[i]!, conduct_score: i % 2 ? null : 20, bonuses: '[]', deductions: '[]', bonus: null, deduction: null,
          total: scores[i]!, suggested_tier: null, tier, override_reason: null, comment: null, status: 'submitted', revision: 0,
          created_at: '2026-10-01T00:00:00.000Z', updated_at: '2026-10-01T00:00:00.000Z',
        })),
      )
      .execute();
    const columns = ['open_id', 'month_key', 'tier', 'total', 'conduct_score'] as const;
    const query = store.db.selectFrom('monthly_reviews').select(columns).orderBy('open_id').orderBy('month_key');
    const plain = await query.execute();
    const compact = await compactRows(store.db, query, columns, ['open_id', 'month_key']);
    expect(compact.map((r) => r.open_id)).toEqual(['ou_0', 'ou_1', 'ou_2', 'ou_3', 'ou_4', 'ou_5', 'ou_6', 'ou_7']);
    expect(compact).toEqual(plain);
    expect(compact.find((r) => r.open_id === 'ou_7')!.total).toBe(85.33333333333333);
    expect(await compactRows(store.db, query.where('open_id', '=', 'nobody'), columns, ['open_id'])).toEqual([]);
  });
});
