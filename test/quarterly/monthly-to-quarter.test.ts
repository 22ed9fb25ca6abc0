import { afterEach, describe, expect, it } from 'vitest';
import { monthlyReviewAt, quarterCloseAt } from '../../src/core/calendar/schedule';
import quarterClose from '../../src/features/quarterly/quarter-close.job';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { CLOSE_AT, EVERYONE, MEANS, MONTHS, QUARTER, confirmAllPools, determinationCard, formOf, quarterOrg, textOf, tiersOf } from './helpers';
import { buttonValue, cardOf, cardTitle, cardsTitled, expectToast } from '../helpers/cards';

/** The grading card `leader` got for `person` most recently (one per month). */
function gradingCard(h: Harness, leader: string, person: string) {
  const hit = h
    .inbox(leader)
    .filter((m) => m.msg_type === 'interactive' && cardTitle(cardOf(m)) === `月度考核评鉴 · ${person}`)
    .at(-1);
  if (!hit) throw new Error(`${leader} has no grading card for ${person}`);
  return hit;
}

async function grade(h: Harness, person: string, score: number | null, month: string) {
  const leader = h.org.users.find((u) => u.open_id === h.person(person).leader_user_id)!.name;
  const msg = gradingCard(h, leader, person);
  const res = await h.click(leader, msg, buttonValue(cardOf(msg), '提交评鉴'), {
    work: score === null ? '' : String(score),
    conduct: score === null ? '' : String(score),
    bonuses: '',
    deductions: '',
    tier: score === null ? '不定等次' : 'auto',
    override_reason: score === null ? '借调在外' : '',
    comment: `${month} 工作扎实`,
  });
  expect(res.toast?.type, `${person} ${month}: ${JSON.stringify(res.toast)}`).toBe('success');
}

/** The organ's people outside 综合处 get grading cards too; here they were seconded elsewhere (不定等次). */
const SECONDED = ['马管理', '严处长', '韩管理', '魏科员'];

describe.each(dialectsUnderTest())('three monthly rounds through the grading cards into 季审定 (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('grades April–June on the supervisors’ cards, closes the quarter once June is graded, refuses a card made before a re-grade, and confirms the refreshed one', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-04-30T10:00:00+08:00' });
    const deps = h.app.deps;
    for (const month of MONTHS.slice(0, 2)) {
      const at = monthlyReviewAt(month, deps.calendar, deps.rules).toISOString();
      expect(await h.runJob('monthly-review', at)).toMatchObject({ status: 'done', periodKey: month });
      for (const name of EVERYONE) await grade(h, name, MEANS[name]!, month);
      for (const name of SECONDED) await grade(h, name, null, month);
    }

    // June's cards go out on 1 July, 09:00; the quarter closes 5 workdays later (8 July, 09:00).
    const juneAt = monthlyReviewAt('2026-06', deps.calendar, deps.rules);
    expect(juneAt).toEqual(new Date('2026-07-01T09:00:00+08:00'));
    expect(quarterCloseAt(QUARTER, deps.calendar, deps.rules)).toEqual(new Date(CLOSE_AT));
    expect(await h.runJob('monthly-review', juneAt.toISOString())).toMatchObject({ status: 'done', periodKey: '2026-06' });
    expect(quarterClose.periodAt(h.depsAt(juneAt))).toBe('2026-Q1');

    // The supervisors grade June over the following days.
    h.clock.set('2026-07-02T10:00:00+08:00');
    for (const name of EVERYONE.slice(0, 6)) await grade(h, name, MEANS[name]!, '2026-06');
    h.clock.set('2026-07-06T16:00:00+08:00');
    for (const name of EVERYONE.slice(6)) await grade(h, name, MEANS[name]!, '2026-06');
    for (const name of SECONDED) await grade(h, name, null, '2026-06');
    expect(quarterClose.periodAt(h.depsAt('2026-07-07T18:00:00+08:00'))).toBe('2026-Q1');

    // Then the quarter closes: the cards have every month, nothing pending.
    expect(await h.runJob('quarter-close', CLOSE_AT)).toMatchObject({ status: 'done', periodKey: QUARTER });
    const closed = determinationCard(h, '林管理', '一般干部');
    expect(textOf(closed)).not.toContain('尚有月度评鉴未完成');
    expect(textOf(closed)).toContain('**庞晓东** · 综合处　75 分　建议：一般');
    expect(textOf(closed)).toContain('**韩管理** · 法规处　暂无得分　建议：不定等次');
    expect(textOf(determinationCard(h, '林管理', '副职'))).not.toContain('尚有月度评鉴未完成');

    // 钱处长 re-grades 庞晓东's June (75 → 96, a 好 in the month), which changes his quarter; the
    // card made before that is refused.
    h.clock.set('2026-07-08T11:00:00+08:00');
    const result = cardsTitled(h, '钱处长', '2026年6月月度考核结果 · 庞晓东').at(-1)!;
    expect(textOf(result)).toContain('**总分**：75 分');
    const reopened = await h.click('钱处长', result, buttonValue(cardOf(result), '重新评定'));
    const regraded = await h.click('钱处长', result, buttonValue(reopened.card!.data, '提交重新评定'), {
      work: '96',
      conduct: '96',
      bonuses: '',
      deductions: '',
      tier: 'auto',
      override_reason: '',
      comment: '2026-06 工作扎实',
    });
    expectToast(regraded, 'success', '已重新评定：好');
    h.clock.set('2026-07-08T15:00:00+08:00');
    const stale = await h.click('林管理', closed, buttonValue(cardOf(closed), '确认审定'), formOf(cardOf(closed)));
    expectToast(stale, 'error', '请发送“/审定”获取最新的审定卡片');
    expect(await h.db.selectFrom('quarter_locks').selectAll().execute()).toHaveLength(0);

    await h.say('林管理', '/审定');
    const fresh = determinationCard(h, '林管理', '一般干部');
    expect(textOf(fresh)).not.toContain('尚有月度评鉴未完成');
    expect(textOf(fresh)).toContain('**庞晓东** · 综合处　82 分　建议：较好');
    await confirmAllPools(h);

    const tiers = await tiersOf(h);
    expect(Object.entries(tiers).filter(([, r]) => r.tier === '好').map(([n]) => n).sort()).toEqual(['江海燕', '程立新', '白雪梅', '钱处长'].sort());
    expect(tiers['庞晓东']).toMatchObject({ tier: '较好', status: 'confirmed' });
    const feedback = textOf(cardsTitled(h, '庞晓东', '平时考核结果反馈')[0]!);
    expect(feedback).toContain('**等次：较好**　季度得分：82 分');
    expect(feedback).toContain('2026年6月：好，96 分');
    expect(feedback).toContain('主管领导评语：2026-06 工作扎实');
  });
});
