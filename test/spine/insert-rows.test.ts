import { afterEach, describe, expect, it } from 'vitest';
import { auditMany, auditTrail } from '../../src/core/audit';
import { insertRows, insertRowsCounted } from '../../src/core/insert-rows';
import { insertProposals } from '../../src/core/quarterly/results.repository';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/** The multi-row INSERT written as text, on each database: what it stores, skips and returns. */
describe.each(dialectsUnderTest())('insertRows on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('stores every row as given, skips the ones whose key is taken, and returns only those it inserted', async () => {
    store = await createTestStore(dialect);
    const row = (id: string, openId: string, score: number | null) => ({
      id, open_id: openId, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score, work: null, conduct: null,
      good_months: 2, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z',
    });
    const first = await insertRows(store.db, 'quarter_results', [row('qr_1', 'ou_a', 92.35), row('qr_2', 'ou_b', null)], { skipConflictsOn: ['open_id', 'quarter_key'], returning: ['id', 'open_id'] });
    expect(first).toEqual([{ id: 'qr_1', open_id: 'ou_a' }, { id: 'qr_2', open_id: 'ou_b' }]);
    const again = await insertRows(store.db, 'quarter_results', [row('qr_3', 'ou_b', 80), row('qr_4', 'ou_c', 88.5)], { skipConflictsOn: ['open_id', 'quarter_key'], returning: ['id'] });
    expect(again).toEqual([{ id: 'qr_4' }]);
    const stored = await store.db.selectFrom('quarter_results').select(['id', 'open_id', 'score', 'good_months', 'comment']).orderBy('id').execute();
    expect(stored.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }))).toEqual([
      { id: 'qr_1', open_id: 'ou_a', score: 92.35, good_months: 2, comment: null },
      { id: 'qr_2', open_id: 'ou_b', score: null, good_months: 2, comment: null },
      { id: 'qr_4', open_id: 'ou_c', score: 88.5, good_months: 2, comment: null },
    ]);
    expect(await insertRows(store.db, 'quarter_results', [])).toEqual([]);
  });

  it('stores a column that only a later row names (short and packed batches alike)', async () => {
    store = await createTestStore(dialect);
    const row = (i: number) => ({
      id: `qr_${String(i).padStart(2, '0')}`, open_id: `ou_${i}`, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score: i,
      work: null, conduct: null, good_months: 0, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z',
    });
    for (const n of [2, 30]) {
      const rows = Array.from({ length: n }, (_, i) => (i === n - 1 ? { ...row(n * 100 + i), comment: '末行才有的说明' } : row(n * 100 + i)));
      await insertRows(store.db, 'quarter_results', rows);
      const stored = await store.db.selectFrom('quarter_results').select(['id', 'comment']).where('id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
      expect(stored).toHaveLength(n);
      expect(stored.at(-1)).toEqual({ id: rows.at(-1)!.id, comment: '末行才有的说明' });
      expect(stored.slice(0, -1).every((r) => r.comment === null)).toBe(true);
    }
  });

  it('keeps every character of a batch large enough to go as JSON arrays on PostgreSQL', async () => {
    store = await createTestStore(dialect);
    const texts = ['a\\b', 'say "好"', 'x,y', '{1,2}', 'NULL', '', ' 空格 ', '第一行\n第二行', '反斜杠\\"引号"\\', '😀 表情', "it's", '\t制表\u0001控制', 'C:\\ud83d 不是转义', '\u2028行分隔'];
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: `qr_${String(i).padStart(2, '0')}`, open_id: `ou_${i}`, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员',
      score: i % 4 === 0 ? null : i - 10.25, work: null, conduct: null, good_months: i, proposed_tier: '好', tier: '好', status: 'proposed',
      updated_at: '2026-10-15T02:00:00.000Z', basis: i % 5 === 0 ? null : texts[i % texts.length]!,
    }));
    expect(await insertRows(store.db, 'quarter_results', rows, { returning: ['id'] })).toHaveLength(30);
    const stored = await store.db.selectFrom('quarter_results').select(['id', 'score', 'good_months', 'basis']).orderBy('id').execute();
    expect(stored.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }))).toEqual(rows.map(({ id, score, good_months, basis }) => ({ id, score, good_months, basis })));
  });

  it('stores a column that has one value in every row of a large batch (text, number, null, half an emoji) as given', async () => {
    store = await createTestStore(dialect);
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `qr_${String(i).padStart(2, '0')}`, open_id: `ou_${i}`, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score: 88.25,
      work: null, conduct: null, good_months: 0, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z',
      basis: 'C:\\ud83d 说明 "引号" ' + '😀'.slice(0, 1),
    }));
    expect(await insertRowsCounted(store.db, 'quarter_results', rows, { skipConflictsOn: ['open_id', 'quarter_key'] })).toBe(25);
    const stored = await store.db.selectFrom('quarter_results').select(['id', 'open_id', 'score', 'work', 'good_months', 'updated_at']).orderBy('id').execute();
    expect(stored.map((r) => ({ ...r, score: Number(r.score) }))).toEqual(rows.map(({ id, open_id, score, work, good_months, updated_at }) => ({ id, open_id, score, work, good_months, updated_at })));
    // The half character as in a batch of different texts (above): replaced, the rest intact.
    const bases = await store.db.selectFrom('quarter_results').select('basis').distinct().execute();
    expect(bases).toHaveLength(1);
    expect(bases[0]!.basis).toMatch(/^C:\\ud83d 说明 "引号" \ufffd+$/);
  });

  it('stores half an emoji (a text cut inside a surrogate pair) in a large batch, with U+FFFD in its place as when given alone', async () => {
    store = await createTestStore(dialect);
    const cut = '表情😀'.slice(0, 3);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: `qr_${String(i).padStart(2, '0')}`, open_id: `ou_${i}`, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score: null, work: null,
      conduct: null, good_months: 0, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z', basis: i === 7 ? cut : '完整',
    }));
    await insertRows(store.db, 'quarter_results', rows);
    const stored = await store.db.selectFrom('quarter_results').select('basis').where('id', '=', 'qr_07').executeTakeFirstOrThrow();
    // The row is stored, with the half character replaced (SQLite reads back each of its three bytes so).
    expect(stored.basis).toMatch(dialect === 'postgres' ? /^表情\ufffd$/ : /^表情\ufffd+$/);
  });

  it('returns a long batch in order, and stores none of it when one row is refused', async () => {
    store = await createTestStore(dialect);
    const row = (i: number) => ({
      id: `qr_${String(i).padStart(3, '0')}`, open_id: `ou_${i}`, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score: i,
      work: null, conduct: null, good_months: 0, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z',
    });
    // 301 rows of 13 values: on SQLite, chunks of 128, 128, 32 and 13 rows.
    const rows = Array.from({ length: 301 }, (_, i) => row(i));
    const ids = await insertRows<'quarter_results', { id: string }>(store.db, 'quarter_results', rows, { skipConflictsOn: ['open_id', 'quarter_key'], returning: ['id'] });
    expect(ids.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    // The last row lacks its quarter (NOT NULL): the 300 before it must not be left behind.
    const refused = [...Array.from({ length: 300 }, (_, i) => row(1_000 + i)), { ...row(2_000), quarter_key: null as unknown as string }];
    await expect(insertRows(store.db, 'quarter_results', refused)).rejects.toThrow();
    const count = await store.db.selectFrom('quarter_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(301);
  });

  it('counts the rows it inserted, a key already taken skipped, in short, chunked and packed batches', async () => {
    store = await createTestStore(dialect);
    const row = (i: number, openId = `ou_${i}`) => ({
      id: `qr_${String(i).padStart(4, '0')}`, open_id: openId, quarter_key: '2026-Q3', unit_id: 'od_1', level: '一级科员', score: i,
      work: null, conduct: null, good_months: 0, proposed_tier: '好', tier: '好', status: 'proposed', updated_at: '2026-10-15T02:00:00.000Z',
    });
    const skip = { skipConflictsOn: ['open_id', 'quarter_key'] };
    expect(await insertRowsCounted(store.db, 'quarter_results', [row(1), row(2)], skip)).toBe(2);
    // 300 rows (SQLite: chunks of 128, 128, 32 and 12; PostgreSQL: one packed statement), two of them people stored above.
    const many = Array.from({ length: 300 }, (_, i) => row(100 + i, i === 17 ? 'ou_1' : i === 250 ? 'ou_2' : undefined));
    expect(await insertRowsCounted(store.db, 'quarter_results', many, skip)).toBe(298);
    expect(await insertRowsCounted(store.db, 'quarter_results', [row(9, 'ou_1')], skip)).toBe(0);
    expect(await insertRowsCounted(store.db, 'quarter_results', [])).toBe(0);
    const count = await store.db.selectFrom('quarter_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(300);
  });

  it('returns the proposals it inserted, as stored, and leaves out one stored meanwhile', async () => {
    store = await createTestStore(dialect);
    const proposal = (openId: string, tier: '好' | '较好') => ({
      openId, quarterKey: '2026-Q3', unitId: 'od_1', level: '一级科员', scopeId: 'od_1', pool: '一级科员', basis: '3 个月平均 90 分', score: 90,
      work: 70, conduct: 20, goodMonths: 3, proposedTier: tier, tier,
    });
    const at = new Date('2026-10-15T02:00:00Z');
    await insertProposals(store.db, [proposal('ou_b', '较好')], at);
    const proposals = Array.from({ length: 600 }, (_, i) => proposal(`ou_${String(i).padStart(3, '0')}`, '好'));
    proposals[300] = proposal('ou_b', '好');
    const inserted = await insertProposals(store.db, proposals, at);
    expect(inserted.size).toBe(599);
    expect(inserted.has('ou_b')).toBe(false);
    const stored = await store.db.selectFrom('quarter_results').select(['id', 'open_id', 'tier']).execute();
    expect(stored).toHaveLength(600);
    expect(stored.find((r) => r.open_id === 'ou_b')?.tier).toBe('较好');
    const byOpenId = new Map(stored.map((r) => [r.open_id, r.id]));
    expect([...inserted.values()].every((r) => byOpenId.get(r.openId) === r.id && r.tier === '好' && r.status === 'proposed')).toBe(true);
  });

  it('writes a thousand audit entries in chunks, each readable on its own trail with its quotes and Chinese intact', async () => {
    store = await createTestStore(dialect);
    const at = new Date('2026-10-15T02:00:00Z');
    const entries = Array.from({ length: 1_001 }, (_, i) => ({ actor: 'system:quarter-close', action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: `qr_${i}`, after: { tier: '好', basis: `第${i}人 "引号" 与 '单引号'` } }));
    await auditMany(store.db, at, entries);
    const trail = await auditTrail(store.db, 'quarter_result', 'qr_1000');
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0]!.after!)).toEqual({ tier: '好', basis: `第1000人 "引号" 与 '单引号'` });
    const count = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1_001);
  });
});
