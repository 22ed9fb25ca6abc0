import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/deps';
import { insertRows } from '../../src/core/insert-rows';
import { findPerson } from '../../src/core/org/people.repository';
import { teamProposals } from '../../src/core/quarterly/team-proposals.service';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * /审定 for a supervisor who does not determine: the quarter of everyone they lead, down the chain
 * (through someone who has since left), and of nobody else.
 */
describe.each(dialectsUnderTest())('a supervisor’s view of the quarter (%s)', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('lists the people led directly or down the chain, by pool and name, and nobody else', async () => {
    store = await createTestStore(dialect);
    const at = '2026-10-10T02:00:00.000Z';
    const person = (openId: string, name: string, leader: string | null, active = 1, level = '一级科员') => ({
      open_id: openId, user_id: null, name, unit_id: 'od_1', leader_open_id: leader, level, roles: 'staff', active, prompt_opt_out: 0,
      source: 'import', created_at: at, updated_at: at, joined_on: '2026-01-01', probation_until: null,
    });
    await insertRows(store.db, 'people', [
      person('ou_chief', '周处长', null, 1, '正职'),
      person('ou_a', '王科长', 'ou_chief', 1, '副职'),
      person('ou_b', '李科员', 'ou_a'),
      person('ou_left', '赵已调出', 'ou_chief', 0),
      person('ou_e', '陈科员', 'ou_left'),
      person('ou_other', '孙科员', 'ou_boss2'),
      person('ou_boss2', '吴处长', null, 1, '正职'),
      person('ou_loop1', '甲', 'ou_loop2'),
      person('ou_loop2', '乙', 'ou_loop1'),
    ]);
    const result = (openId: string, pool: string, tier: string, status = 'proposed') => ({
      id: `qr_${openId}`, open_id: openId, quarter_key: '2026-Q3', unit_id: 'od_1', level: pool, scope_id: 'od_1', pool, score: 90,
      work: null, conduct: null, good_months: 0, proposed_tier: tier, tier, status, updated_at: at,
    });
    await insertRows(store.db, 'quarter_results', [
      result('ou_chief', '正职', '好'), result('ou_a', '副职', '较好', 'confirmed'), result('ou_b', '一般干部', '好'),
      result('ou_e', '一般干部', '一般'), result('ou_other', '一般干部', '好'), result('ou_loop1', '一般干部', '好'),
    ]);
    const deps = { db: store.db } as unknown as CoreDeps;
    const chief = (await findPerson(store.db, 'ou_chief'))!;
    const view = await teamProposals(deps, chief, '2026-Q3');
    expect(view.quarterLabel).toBe('2026年第三季度');
    expect(view.rows.map((r) => [r.pool, r.name, r.tier, r.status])).toEqual([
      ['副职', '王科长', '较好', '已审定'],
      ['一般干部', '陈科员', '一般', '待审定'],
      ['一般干部', '李科员', '好', '待审定'],
    ]);
    const section = (await findPerson(store.db, 'ou_a'))!;
    expect((await teamProposals(deps, section, '2026-Q3')).rows.map((r) => r.name)).toEqual(['李科员']);
    const loop = (await findPerson(store.db, 'ou_loop1'))!;
    expect((await teamProposals(deps, loop, '2026-Q3')).rows.map((r) => r.name)).toEqual([]); // 乙 has no result; 甲 is not their own
  });
});
