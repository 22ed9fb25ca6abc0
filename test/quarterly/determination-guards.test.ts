import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import {
  CLOSE_AT,
  MEANS,
  determinationCard,
  formOf,
  quarterOrg,
  quarterState,
  seedQuarter,
  textOf,
  tierField,
  tiersOf,
} from './helpers';
import { buttonValue, cardOf, cardsTitled, expectToast } from '../helpers/cards';

describe.each(dialectsUnderTest())('季审定 determination guards (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function closed(means: Record<string, number> = MEANS) {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h, means);
    await h.runJob('quarter-close', CLOSE_AT);
    return h;
  }

  it('refuses every determination action to staff and supervisors, with the database unchanged', async () => {
    await closed();
    const msg = determinationCard(h, '林管理', '一般干部');
    const form = formOf(cardOf(msg));
    const before = await quarterState(h);
    for (const actor of ['江海燕', '钱处长', '严处长', '高局长']) {
      for (const button of ['确认审定', '保存调整']) {
        const res = await h.click(actor, msg, buttonValue(cardOf(msg), button), form);
        expectToast(res, 'error', '只有本机关考核管理员');
        expect(res.card).toBeUndefined();
      }
    }
    // Ids in the value are not trusted: a 处室 is no scope when the quota is counted over the organ.
    const forged = { ...buttonValue(cardOf(msg), '确认审定'), scope: 'U2' };
    expectToast(await h.click('韩管理', msg, forged, form), 'error', '没有找到该审定组');
    expectToast(await h.click('林管理', msg, { ...forged, scope: 'R0', pool: '处长' }, form), 'error', '没有找到该审定组');
    expectToast(await h.click('林管理', msg, { ...forged, scope: 'R0', page: 0 }, form), 'error', '卡片已失效');
    expect(await quarterState(h)).toEqual(before);
    for (const name of ['江海燕', '钱处长']) expect(cardsTitled(h, name, '平时考核结果反馈')).toHaveLength(0);
  });

  it('a double-clicked confirm has one effect, and any click after the lock is refused with a clear toast', async () => {
    await closed();
    // 副职: 林管理 is not in it, so his confirmation locks it.
    const msg = determinationCard(h, '林管理', '副职');
    const card = cardOf(msg);
    const value = buttonValue(card, '确认审定');
    const form = formOf(card);
    const answers = await Promise.all([h.click('林管理', msg, value, form), h.click('林管理', msg, value, form)]);
    expect(answers.map((a) => a.toast?.type).sort()).toEqual(['error', 'success']);
    expect(answers.find((a) => a.toast?.type === 'error')!.toast!.content).toContain('本季度已审定锁定');
    expect(await h.db.selectFrom('quarter_locks').selectAll().execute()).toHaveLength(1);
    expect(await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.confirm').execute()).toHaveLength(4);
    expect(cardsTitled(h, '孙副一', '平时考核结果反馈')).toHaveLength(1);
    expect(cardsTitled(h, '钱处长', '季度审定结果')).toHaveLength(1);

    const before = await quarterState(h);
    const changed = { ...form, [tierField(h, '孙副三')]: '较差' };
    // The card in the chat now shows the locked result; an old copy's buttons still carry these values.
    expect(textOf(msg)).toContain('审定并锁定');
    for (const value of [buttonValue(card, '确认审定'), buttonValue(card, '保存调整')]) {
      const res = await h.click('林管理', msg, value, changed);
      expectToast(res, 'error', '本季度已审定锁定（林管理');
      expect(res.toast!.content).toContain('如需更正，请通过异议流程办理');
    }
    expect(await quarterState(h)).toEqual(before);
  });

  it('saves adjustments within the quota, audited, and the card shows them', async () => {
    await closed();
    const msg = determinationCard(h, '林管理', '一般干部');
    // A swap keeps the count of 好 at the quota.
    const swap = { ...formOf(cardOf(msg)), [tierField(h, '白雪梅')]: '较好', [tierField(h, '丁建国')]: '好' };
    const res = await h.click('林管理', msg, buttonValue(cardOf(msg), '保存调整'), swap);
    expectToast(res, 'success', '已保存调整');
    expect(formOf(res.card!.data)).toMatchObject({ [tierField(h, '白雪梅')]: '较好', [tierField(h, '丁建国')]: '好' });
    const tiers = await tiersOf(h);
    expect(tiers['白雪梅']).toMatchObject({ tier: '较好', status: 'proposed', proposed: '好' });
    expect(tiers['丁建国']).toMatchObject({ tier: '好', status: 'proposed' });
    const adjusts = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.adjust').execute();
    expect(adjusts).toHaveLength(2);
    expect(adjusts.map((a) => JSON.parse(a.after!).tier).sort()).toEqual(['好', '较好']);
    // A bad value in the form is refused, nothing saved.
    const before = await quarterState(h);
    expectToast(await h.click('林管理', msg, buttonValue(cardOf(msg), '保存调整'), { ...swap, [tierField(h, '庞晓东')]: '优秀' }), 'error', '等次“优秀”无效');
    expect(await quarterState(h)).toEqual(before);
  });

  it('leaves a tie at the quota line to the admin: listed on the card, not confirmable until one is moved', async () => {
    await closed({ ...MEANS, 丁建国: 92 });
    const msg = determinationCard(h, '林管理', '一般干部');
    expect(textOf(msg)).toContain('本组 2 人在名额线上得分及比较项完全相同，请您决定其中 1 人保留“好”');
    expect(textOf(msg)).toContain('白雪梅（92 分）');
    expect(textOf(msg)).toContain('丁建国（92 分）');
    // Nobody in the tie was moved automatically.
    const proposed = await tiersOf(h);
    expect([proposed['白雪梅']!.tier, proposed['丁建国']!.tier]).toEqual(['好', '好']);
    const form = formOf(cardOf(msg));
    expectToast(await h.click('林管理', msg, buttonValue(cardOf(msg), '确认审定'), form), 'error', '上限 3 人，现选 4 人');
    const res = await h.click('林管理', msg, buttonValue(cardOf(msg), '确认审定'), { ...form, [tierField(h, '丁建国')]: '较好' });
    // 林管理's own result is in this pool: his confirmation waits for 韩管理's.
    expectToast(res, 'success', '待另一位管理员复核');
    const ask = determinationCard(h, '韩管理', '一般干部');
    expect(textOf(ask)).toContain('林管理 已确认本组结果');
    expectToast(await h.click('韩管理', ask, buttonValue(cardOf(ask), '确认审定'), formOf(cardOf(ask))), 'success', '已确认审定并锁定');
    expect((await tiersOf(h))['丁建国']).toMatchObject({ tier: '较好', status: 'confirmed' });
  });

  it('/审定 makes the proposals if the job has not run, re-sends only unconfirmed pools, and is for the organ’s admins', async () => {
    // After the close time (8 July 09:00) but before the job has run, e.g. the scheduler was off.
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-07-08T10:00:00+08:00' });
    await seedQuarter(h);
    await h.say('江海燕', '/审定');
    expect(textOf(h.inbox('江海燕').at(-1)!)).toContain('仅限');
    expect(await h.db.selectFrom('quarter_results').selectAll().execute()).toHaveLength(0);
    // A 处室 supervisor who does not determine is told the proposals are not made yet.
    await h.say('钱处长', '/审定');
    expect(textOf(h.inbox('钱处长').at(-1)!)).toContain('季度建议等次尚未生成');

    await h.say('林管理', '/审定');
    // The organisation was imported on 8 July: only the people graded in the quarter are candidates.
    expect(textOf(h.inbox('林管理').find((m) => m.msg_type === 'text')!)).toContain('某市某局2026年第二季度有 2 个分组待审定');
    expect(cardsTitled(h, '林管理', '季度审定')).toHaveLength(2);
    expect(await h.db.selectFrom('quarter_results').selectAll().execute()).toHaveLength(12);

    const deputies = determinationCard(h, '林管理', '副职');
    await h.click('林管理', deputies, buttonValue(cardOf(deputies), '确认审定'), formOf(cardOf(deputies)));
    await h.say('林管理', '/审定');
    expect(cardsTitled(h, '林管理', '季度审定 · 某市某局 · 副职')).toHaveLength(1);
    expect(cardsTitled(h, '林管理', '季度审定 · 某市某局 · 一般干部')).toHaveLength(2);

    // The city admin may open a unit's organ by name, and so may the organ's other 考核管理员.
    await h.say('马管理', '/审定 综合处');
    expect(cardsTitled(h, '马管理', '季度审定 · 某市某局 · 一般干部')).toHaveLength(1);
    await h.say('韩管理', '/审定');
    expect(cardsTitled(h, '韩管理', '季度审定 · 某市某局 · 一般干部')).toHaveLength(1);
    expect(cardsTitled(h, '韩管理', '季度审定 · 某市某局 · 副职')).toHaveLength(0);

    // 钱处长 sees the proposals of the people he leads, read-only, and nobody else's.
    await h.say('钱处长', '/审定');
    const team = JSON.stringify(cardOf(h.inbox('钱处长').at(-1)!));
    expect(team).toContain('季度建议等次 · 2026年第二季度');
    expect(team).toContain('"name":"江海燕","pool":"一般干部","score":"95","proposedTier":"好","tier":"好","status":"待审定"');
    expect(team).toContain('"name":"孙副一","pool":"副职"');
    expect(team).not.toContain('钱处长"');
    expect(team).not.toContain('魏科员');
    expect(team).not.toContain('确认审定');
  });

  it('withdraws the proposal of someone who left before being graded, so the pool and its quota are right', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    const now = new Date().toISOString();
    await h.db
      .insertInto('people')
      .values({ open_id: 'ou_newcomer', user_id: null, name: '新同志', unit_id: 'U1', leader_open_id: h.person('钱处长').open_id, level: '一般干部', roles: 'staff', active: 1, prompt_opt_out: 0, source: 'import', created_at: now, updated_at: now, joined_on: '2026-04-01', probation_until: null })
      .execute();
    await h.runJob('quarter-close', CLOSE_AT);
    const early = determinationCard(h, '林管理', '一般干部');
    expect(textOf(early)).toContain('**本组人数**：12 人（参评 8 人');
    expect(textOf(early)).toContain('**新同志** · 综合处　暂无得分　建议：不定等次');

    await h.db.updateTable('people').set({ active: 0 }).where('open_id', '=', 'ou_newcomer').execute();
    expectToast(await h.click('林管理', early, buttonValue(cardOf(early), '确认审定'), formOf(cardOf(early))), 'error', '请发送“/审定”');
    await h.say('林管理', '/审定');
    const fresh = determinationCard(h, '林管理', '一般干部');
    expect(textOf(fresh)).toContain('**本组人数**：11 人（参评 8 人');
    expect(textOf(fresh)).not.toContain('新同志');
    const withdrawn = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.withdraw').execute();
    expect(withdrawn).toHaveLength(1);
    expectToast(await h.click('林管理', fresh, buttonValue(cardOf(fresh), '确认审定'), formOf(cardOf(fresh))), 'success', '待另一位管理员复核');
  });

  it('withdraws a stale proposal also when every other proposal of the scope is stored anew', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    const now = new Date().toISOString();
    await h.db
      .insertInto('people')
      .values({ open_id: 'ou_newcomer', user_id: null, name: '新同志', unit_id: 'U1', leader_open_id: h.person('钱处长').open_id, level: '一般干部', roles: 'staff', active: 1, prompt_opt_out: 0, source: 'import', created_at: now, updated_at: now, joined_on: '2026-04-01', probation_until: null })
      .execute();
    await h.runJob('quarter-close', CLOSE_AT);
    // Only the newcomer's proposal is left stored, and he leaves: the refresh inserts everyone else's.
    await h.db.deleteFrom('quarter_results').where('open_id', '!=', 'ou_newcomer').execute();
    await h.db.updateTable('people').set({ active: 0 }).where('open_id', '=', 'ou_newcomer').execute();
    await h.say('林管理', '/审定');
    expect(textOf(determinationCard(h, '林管理', '一般干部'))).toContain('**本组人数**：11 人（参评 8 人');
    expect(await h.db.selectFrom('quarter_results').select('id').where('open_id', '=', 'ou_newcomer').execute()).toEqual([]);
    expect(await h.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'grading.quarter.withdraw').execute()).toHaveLength(1);
  });
});
