import { afterEach, describe, expect, it } from 'vitest';
import { monthlyReviewAt } from '../../src/core/calendar/schedule';
import { buildOrg, type SandboxOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { buttonValue, cardOf, cardTitle, cardsTitled, expectToast } from '../helpers/cards';
import { CLOSE_AT, MONTHS, QUARTER, formOf, quarterState, textOf, tiersOf } from './helpers';

/**
 * Issue 10, "must show": the demo organisation (某市某局: 办公室 and 政策法规处, 13 people) graded
 * 好 through the cards. Counted over the organ the 好 quota is floor(40 % × 13) = 5 seats — one
 * 正职, one 副职 and three 一般干部 — where per 处室 × level it was 2. 王建国 (局长) is graded by
 * 市长, who sits in another organ, so that all 13 are graded. 赵敏's June is 较差 (a discipline
 * problem): her quarter is capped at 一般 though her mean is a 好 score. 小林 joined on 8 June:
 * only June is owed, so his quarter is 不定等次 and outside the base.
 */
function demoLikeOrg(): SandboxOrg {
  const org = buildOrg({
    tenantKey: 'demo_like',
    units: [
      { id: 'D000', name: '某市人民政府', leader: { name: '市长', userId: 'shizhang', level: '正职', roles: ['supervisor'] } },
      {
        id: 'D100',
        name: '某市某局',
        leader: { name: '王建国', userId: 'wangjianguo', jobTitle: '局长', level: '正职', roles: ['supervisor'] },
      },
      {
        id: 'D110',
        name: '办公室',
        parentId: 'D100',
        leader: { name: '李明华', userId: 'liminghua', level: '正职' },
        staff: [
          { name: '张丽', userId: 'zhangli', level: '副职' },
          { name: '陈思远', userId: 'chensiyuan', roles: ['staff', 'unit_admin'] },
          { name: '刘洋', userId: 'liuyang', roles: ['staff', 'admin'] },
          { name: '赵敏', userId: 'zhaomin' },
          { name: '孙浩', userId: 'sunhao' },
        ],
      },
      {
        id: 'D120',
        name: '政策法规处',
        parentId: 'D100',
        leader: { name: '周文涛', userId: 'zhouwentao', level: '正职' },
        staff: [
          { name: '吴婷', userId: 'wuting', level: '副职' },
          { name: '郑凯', userId: 'zhengkai' },
          { name: '王芳', userId: 'wangfang' },
          { name: '冯磊', userId: 'fenglei' },
          { name: '何静', userId: 'hejing' },
          { name: '小林', userId: 'xiaolin' },
        ],
      },
    ],
  });
  const mayor = org.users.find((u) => u.name === '市长')!;
  const chief = org.users.find((u) => u.name === '王建国')!;
  chief.leader_user_id = mayor.open_id;
  for (const u of org.users.filter((x) => x.leader_user_id === '' && x.name !== '市长')) u.leader_user_id = chief.open_id;
  return org;
}

/** Everyone 好, each at their own score; 赵敏's June 较差 (an override with its reason). */
const SCORES: Record<string, number> = {
  王建国: 96, 李明华: 95, 周文涛: 94, 张丽: 93, 吴婷: 92,
  孙浩: 97, 郑凯: 96.5, 王芳: 95.5, 冯磊: 94.5, 何静: 93.5, 陈思远: 91.5, 刘洋: 91, 赵敏: 98, 小林: 99,
};

function gradingCard(h: Harness, leader: string, person: string) {
  const hit = h.inbox(leader).filter((m) => m.msg_type === 'interactive' && cardTitle(cardOf(m)) === `月度考核评鉴 · ${person}`).at(-1);
  if (!hit) throw new Error(`${leader} has no grading card for ${person}`);
  return hit;
}

async function gradeMonth(h: Harness, month: string) {
  const gradees = h.org.users.filter((u) => u.name !== '市长' && !(u.name === '小林' && month < '2026-06'));
  for (const u of gradees) {
    const leader = h.org.users.find((x) => x.open_id === u.leader_user_id)!.name;
    const msg = gradingCard(h, leader, u.name);
    const score = String(SCORES[u.name]);
    const discipline = u.name === '赵敏' && month === '2026-06';
    const res = await h.click(leader, msg, buttonValue(cardOf(msg), '提交评鉴'), {
      work: score,
      conduct: score,
      bonuses: '',
      deductions: '',
      tier: discipline ? '较差' : 'auto',
      override_reason: discipline ? '6月违反工作纪律，受到通报' : '',
      comment: `${month} 表现`,
    });
    expect(res.toast?.type, `${u.name} ${month}: ${JSON.stringify(res.toast)}`).toBe('success');
  }
}

describe.each(dialectsUnderTest())('the demo organisation, graded through the cards (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('has 5 好 seats over the organ (one 正职, one 副职); a 较差 month caps the quarter; a June joiner is 不定等次; nobody confirms their own tier alone; an upheld objection swaps within the seats', async () => {
    h = await Harness.start({ dialect, org: demoLikeOrg(), now: '2026-03-31T10:00:00+08:00' });
    await h.db.updateTable('people').set({ joined_on: '2026-06-08' }).where('open_id', '=', h.person('小林').open_id).execute();
    const deps = h.app.deps;
    for (const month of MONTHS) {
      const at = monthlyReviewAt(month, deps.calendar, deps.rules).toISOString();
      expect(await h.runJob('monthly-review', at)).toMatchObject({ status: 'done', periodKey: month });
      // Nobody is asked about a month that ended before they joined.
      expect(cardsTitled(h, '周文涛', '月度考核评鉴 · 小林')).toHaveLength(month === '2026-06' ? 1 : 0);
      await gradeMonth(h, month);
    }

    expect(await h.runJob('quarter-close', CLOSE_AT)).toMatchObject({ status: 'done', periodKey: QUARTER });
    // The organ's 考核管理员 gets the organ's three pools; 刘洋 (city admin) only when asked to review.
    for (const pool of ['正职', '副职', '一般干部']) expect(cardsTitled(h, '陈思远', `季度审定 · 某市某局 · ${pool}`)).toHaveLength(1);
    expect(cardsTitled(h, '刘洋', '季度审定')).toHaveLength(0);

    const proposed = await tiersOf(h);
    expect(proposed['赵敏']).toMatchObject({ proposed: '一般', tier: '一般' });
    expect(proposed['小林']).toMatchObject({ proposed: '不定等次', tier: '不定等次' });
    const general = textOf(cardsTitled(h, '陈思远', '季度审定 · 某市某局 · 一般干部')[0]!);
    expect(general).toContain('全机关参评 13 人 × 40%，向下取整，共 5 人；按最大余数法分到各组，有参评人员的组至少 1 人：正职 1 人、副职 1 人、一般干部 3 人');
    expect(general).toContain('2026-06 月度“较差”，季度至多“一般”，建议“一般”');
    expect(general).toContain('2026-06-08 入职，本季度 2 个月不在考核期内');
    expect(general).toContain('月度等次封顶季度等次：有“较差”月份的，季度至多“一般”，有“一般”月份的，季度至多“较好”（依据：本系统默认）');
    expect(general).toContain('🔒 **回避**：本组含考核管理员 陈思远、刘洋 本人的等次');

    // 正职 and 副职 hold no admin: 陈思远's confirmation locks them.
    for (const pool of ['正职', '副职']) {
      const msg = cardsTitled(h, '陈思远', `季度审定 · 某市某局 · ${pool}`)[0]!;
      expectToast(await h.click('陈思远', msg, buttonValue(cardOf(msg), '确认审定'), formOf(cardOf(msg))), 'success', '已确认审定并锁定');
    }
    // 一般干部 holds his own result: alone, he cannot lock it.
    const mine = cardsTitled(h, '陈思远', '季度审定 · 某市某局 · 一般干部')[0]!;
    const first = await h.click('陈思远', mine, buttonValue(cardOf(mine), '确认审定'), formOf(cardOf(mine)));
    expectToast(first, 'success', '待另一位管理员复核后锁定');
    expect(textOf(first.card!.data)).toContain('已请 刘洋 复核确认');
    expect(await h.db.selectFrom('quarter_locks').selectAll().where('level', '=', '一般干部').execute()).toHaveLength(0);
    const again = await h.click('陈思远', mine, buttonValue(first.card!.data, '确认审定'), formOf(first.card!.data));
    expectToast(again, 'success', '待另一位管理员复核后锁定');
    expect(cardsTitled(h, '赵敏', '平时考核结果反馈')).toHaveLength(0);
    const ask = cardsTitled(h, '刘洋', '季度审定 · 某市某局 · 一般干部').at(-1)!;
    expect(textOf(ask)).toContain('陈思远 已确认本组结果。本组含 陈思远 本人的等次');
    expectToast(await h.click('刘洋', ask, buttonValue(cardOf(ask), '确认审定'), formOf(cardOf(ask))), 'success', '已确认审定并锁定');
    const lockAudit = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.lock').where('entity_id', '=', 'D100:2026-Q2:一般干部').executeTakeFirstOrThrow();
    expect(JSON.parse(lockAudit.after!)).toMatchObject({ countersignedBy: h.person('陈思远').open_id });
    expect(lockAudit.actor).toBe(h.person('刘洋').open_id);

    const tiers = await tiersOf(h);
    const good = Object.entries(tiers).filter(([, r]) => r.tier === '好').map(([n]) => n).sort();
    expect(good).toEqual(['王建国', '张丽', '孙浩', '郑凯', '王芳'].sort());
    expect(Object.values(tiers).every((r) => r.status === 'confirmed')).toBe(true);

    // ---- 冯磊 (moved to 较好 by the seats) objects; the pool is full, so upholding 好 swaps --------
    h.clock.set('2026-07-09T10:00:00+08:00');
    await h.say('冯磊', '/异议 本季度三个月均为好，请求复核');
    const review = cardsTitled(h, '陈思远', '异议处理').at(-1)!;
    const reviewText = JSON.stringify(cardOf(review));
    expect(reviewText).toContain('名额已满');
    // The candidates are the pool's 好, lowest score first.
    expect(reviewText.indexOf('王芳（95.5 分）')).toBeLessThan(reviewText.indexOf('郑凯（96.5 分）'));
    const uphold = buttonValue(cardOf(review), '更正等次');
    const before = await quarterState(h);
    expectToast(await h.click('陈思远', review, uphold, { answer: '异议成立', tier: '好', swap: [] }), 'error', '请在同一次更正中将本组其他“好”等次人员调整为较好');
    expectToast(await h.click('陈思远', review, uphold, { answer: '异议成立', tier: '好', swap: [h.person('王建国').open_id] }), 'error', '同时调整的人员须是本组其他人员');
    expectToast(await h.click('陈思远', review, uphold, { answer: '异议成立', tier: '好', swap: [h.person('赵敏').open_id] }), 'error', '赵敏 现为“一般”，不是“好”等次');
    expect(await quarterState(h)).toEqual(before);
    const done = await h.click('陈思远', review, uphold, { answer: '经复核，冯磊专项工作成效突出，与王芳调整。', tier: '好', swap: [h.person('王芳').open_id] });
    expectToast(done, 'success', '已更正等次');

    const corrected = await tiersOf(h);
    expect(corrected['冯磊']).toMatchObject({ tier: '好', status: 'corrected' });
    expect(corrected['王芳']).toMatchObject({ tier: '较好', status: 'corrected' });
    // The seats still hold: 3 好 among the 一般干部, 5 in the organ.
    expect(Object.values(corrected).filter((r) => r.tier === '好')).toHaveLength(5);
    const audits = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.correct').orderBy('id').execute();
    expect(audits.map((a) => [JSON.parse(a.before!).tier, JSON.parse(a.after!).tier])).toEqual(expect.arrayContaining([['较好', '好'], ['好', '较好']]));
    expect(audits.every((a) => a.reason === '经复核，冯磊专项工作成效突出，与王芳调整。' && a.actor === h.person('陈思远').open_id)).toBe(true);
    expect(textOf(cardsTitled(h, '王芳', '平时考核结果更正')[0]!)).toContain('由“好”更正为 **“较好”**');
    expect(textOf(cardsTitled(h, '冯磊', '异议处理结果')[0]!)).toContain('由“较好”更正为 **“好”**');
    // 王芳 may object to the correction in a window of her own.
    await h.say('王芳', '/异议 请求复核更正');
    expect(textOf(h.inbox('王芳').at(-1)!)).toContain('异议已提交');
  });
});
