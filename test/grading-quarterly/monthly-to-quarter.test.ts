import { afterEach, describe, expect, it } from 'vitest';
import { monthlyReviewAt } from '../../src/core/calendar/schedule';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import {
  CLOSE_AT,
  EVERYONE,
  MEANS,
  MONTHS,
  buttonValue,
  cardOf,
  cardTitle,
  cardsTitled,
  determinationCard,
  expectToast,
  formOf,
  quarterOrg,
  textOf,
  tiersOf,
} from './helpers';

/** The grading card `leader` got for `person` most recently (one per month). */
function gradingCard(h: Harness, leader: string, person: string) {
  const hit = h
    .inbox(leader)
    .filter((m) => m.msg_type === 'interactive' && cardTitle(cardOf(m)) === `月度考核评鉴 · ${person}`)
    .at(-1);
  if (!hit) throw new Error(`${leader} has no grading card for ${person}`);
  return hit;
}

async function grade(h: Harness, person: string, score: number, month: string) {
  const leader = h.org.users.find((u) => u.open_id === h.person(person).leader_user_id)!.name;
  const msg = gradingCard(h, leader, person);
  const res = await h.click(leader, msg, buttonValue(cardOf(msg), '提交评鉴'), {
    work: String(score),
    conduct: String(score),
    bonuses: '',
    deductions: '',
    tier: 'auto',
    override_reason: '',
    comment: `${month} 工作扎实`,
  });
  expect(res.toast?.type, `${person} ${month}: ${JSON.stringify(res.toast)}`).toBe('success');
}

describe.each(dialectsUnderTest())('three monthly rounds through the grading cards into 季审定 (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('grades April–June on the supervisors’ cards, refuses a card made before June was graded, and confirms the refreshed one', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-04-30T10:00:00+08:00' });
    const deps = h.app.deps;
    for (const month of MONTHS.slice(0, 2)) {
      const at = monthlyReviewAt(month, deps.calendar, deps.rules).toISOString();
      expect(await h.runJob('monthly-review', at)).toMatchObject({ status: 'done', periodKey: month });
      for (const name of EVERYONE) await grade(h, name, MEANS[name]!, month);
    }

    // June's cards and the quarter close go out the same morning (1 July, 09:00).
    const juneAt = monthlyReviewAt('2026-06', deps.calendar, deps.rules).toISOString();
    expect(new Date(juneAt).toISOString()).toBe(new Date(CLOSE_AT).toISOString());
    await h.runJob('monthly-review', juneAt);
    await h.runJob('quarter-close', CLOSE_AT);
    const early = determinationCard(h, '林管理', '一般干部');
    expect(textOf(early)).toContain('尚有月度评鉴未完成');
    expect(textOf(early)).toContain('江海燕（2026年6月）');

    // The supervisors grade June; a 好 in June for 庞晓东 (75 → 95 in the month) changes his quarter.
    for (const name of EVERYONE) await grade(h, name, name === '庞晓东' ? 96 : MEANS[name]!, '2026-06');
    h.clock.set('2026-07-01T15:00:00+08:00');
    const stale = await h.click('林管理', early, buttonValue(cardOf(early), '确认审定'), formOf(cardOf(early)));
    expectToast(stale, 'error', '请发送“/审定”获取最新的审定卡片');
    expect(await h.db.selectFrom('quarter_locks').selectAll().execute()).toHaveLength(0);

    await h.say('林管理', '/审定');
    const fresh = determinationCard(h, '林管理', '一般干部');
    expect(textOf(fresh)).not.toContain('尚有月度评鉴未完成');
    expect(textOf(fresh)).toContain('**庞晓东**　82 分　建议：较好');
    for (const level of ['副职', '一般干部']) {
      const msg = determinationCard(h, '林管理', level);
      expectToast(await h.click('林管理', msg, buttonValue(cardOf(msg), '确认审定'), formOf(cardOf(msg))), 'success', '已确认审定');
    }

    const tiers = await tiersOf(h);
    expect(Object.entries(tiers).filter(([, r]) => r.tier === '好').map(([n]) => n).sort()).toEqual(['江海燕', '程立新', '白雪梅', '钱处长'].sort());
    expect(tiers['庞晓东']).toMatchObject({ tier: '较好', status: 'confirmed' });
    const feedback = textOf(cardsTitled(h, '庞晓东', '平时考核结果反馈')[0]!);
    expect(feedback).toContain('**等次：较好**　季度得分：82 分');
    expect(feedback).toContain('2026年6月：好，96 分');
    expect(feedback).toContain('主管领导评语：2026-06 工作扎实');
  });
});
