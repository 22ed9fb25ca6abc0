import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { weeklyLedgerRows } from '../../src/core/weekly/ledger-rows';
import { logRow, sayAt, submitForm, textsOf, weeklyOrg } from './helpers';
import { buttonValue, cardOf, cardsOf } from '../helpers/cards';
import { weeklyRemind, weeklySubmit } from '../../src/features/weekly/weekly-actions';

const W47 = '2026-W47'; // 11-16 … 11-22; last workday Friday 11-20

describe.each(dialectsUnderTest())('a week of weekly records (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('3 on time, 1 late, 1 on leave: prompt, reminder, digest and export agree', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg(), now: '2026-11-16T09:00:00+08:00' });
    // 赵五 is on leave the whole week, registered by the unit admin in chat.
    await h.say('林主任', '/请假 赵五 2026-11-16 2026-11-20 年休假');
    expect(textsOf(h, '林主任').at(-1)).toContain('已登记：赵五 2026-11-16 至 2026-11-20');

    await sayAt(h, '2026-11-19T16:00:00+08:00', '陈一', '/周记 完成年度总结初稿\n  1. 起草\n  2. 校对\n下周计划：报送总结');
    await sayAt(h, '2026-11-20T09:30:00+08:00', '李二', '周记 参加业务培训');
    await sayAt(h, '2026-11-20T11:00:00+08:00', '张三', 'log 整理档案\n计划：继续整理');

    // Friday 15:00: only 王四 still owes the record; 赵五 is on leave; the others have written.
    const prompt = await h.runJob('weekly-prompt', '2026-11-20T15:00:00+08:00');
    expect(prompt).toMatchObject({ status: 'done', periodKey: W47 });
    expect(cardsOf(h, '王四')).toHaveLength(1);
    for (const name of ['陈一', '李二', '张三']) expect(textsOf(h, name).join()).not.toContain('填写周记');
    expect(h.inbox('赵五')).toHaveLength(0);
    expect(h.inbox('林主任').filter((m) => Harness.textOf(m).includes('周记待确认'))).toHaveLength(3);

    // 王四 answers the prompt card on Saturday: accepted, marked late.
    h.clock.set('2026-11-21T10:00:00+08:00');
    const answer = await submitForm(h, '王四', cardsOf(h, '王四')[0]!, { done: '补写：起草通知', plan: '下周跟进' });
    expect(answer.toast).toMatchObject({ type: 'success', content: '已提交（逾期补交）' });
    expect(Harness.textOf(answer.card!.data)).toContain('逾期补交');
    expect(await logRow(h, '王四', W47)).toMatchObject({ late: 1, status: 'submitted', revision: 1 });

    // Monday: nobody in 综合处 is missing, so no reminder goes to them; each supervisor gets a digest
    // (钱六 of 法规处 never wrote: the one reminder).
    const reminder = await h.runJob('weekly-reminder', '2026-11-23T09:00:00+08:00');
    expect(reminder).toMatchObject({ status: 'done', periodKey: W47, message: expect.stringContaining('补交提醒 1 人，主管汇总 2 份') });
    expect(Harness.textOf(cardsOf(h, '钱六').at(-1)!)).toContain('周记补交提醒');
    for (const name of ['陈一', '李二', '张三', '赵五']) expect(textsOf(h, name).join()).not.toContain('补交提醒');
    expect(cardsOf(h, '王四')).toHaveLength(1);
    const digest = Harness.textOf(cardsOf(h, '林主任').at(-1)!).replaceAll('**', '');
    expect(digest).toContain('按时提交（3）：陈一、李二、张三');
    expect(digest).toContain('逾期补交（1）：王四');
    expect(digest).toContain('未提交（0）：无');
    expect(digest).toContain('请假（1）：赵五');

    const rows = await weeklyLedgerRows(h.app.deps, W47);
    const unit = rows.filter((r) => r.unit === '综合处');
    expect(unit.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'on_time'],
      ['李二', 'on_time'],
      ['王四', 'late'],
      ['赵五', 'on_leave'],
      ['陈一', 'on_time'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh')));
    const chen = unit.find((r) => r.name === '陈一')!;
    expect(chen.content).toBe('完成年度总结初稿\n  1. 起草\n  2. 校对\n下周计划：报送总结');
    expect(chen.submitted_at).toBe('2026-11-19T16:00:00+08:00');
    // The other unit's person never wrote: missing, in the same export.
    expect(rows.find((r) => r.name === '钱六')).toMatchObject({ status: 'missing', unit: '法规处', content: '' });
  });

  it('the Monday reminder reaches the missing (even with the prompt turned off) and the late form is accepted', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg(), now: '2026-11-18T09:00:00+08:00' });
    await h.say('王四', '周记 不再提醒');
    expect(textsOf(h, '王四').at(-1)).toContain('已关闭每周五的周记填写提醒');
    expect((await h.db.selectFrom('people').select('prompt_opt_out').where('open_id', '=', h.person('王四').open_id).executeTakeFirstOrThrow()).prompt_opt_out).toBe(1);
    await sayAt(h, '2026-11-20T10:00:00+08:00', '陈一', '周记 写材料');

    await h.runJob('weekly-prompt', '2026-11-20T15:00:00+08:00');
    expect(h.inbox('王四')).toHaveLength(1); // only the opt-out receipt
    expect(cardsOf(h, '李二')).toHaveLength(1);

    const reminder = await h.runJob('weekly-reminder', '2026-11-23T09:00:00+08:00');
    expect(reminder.message).toContain('补交提醒 5 人'); // 4 in 综合处 and 钱六
    const card = cardsOf(h, '王四').at(-1)!;
    expect(Harness.textOf(card)).toContain('周记补交提醒');
    expect(buttonValue(cardOf(card), weeklySubmit)).toMatchObject({ week: W47 });
    const digest = Harness.textOf(cardsOf(h, '林主任').at(-1)!).replaceAll('**', '');
    expect(digest).toContain('未提交（4）：李二、王四、张三、赵五');

    // Monday 10:00: the reminder's form still writes last week's record, marked late.
    h.clock.set('2026-11-23T10:00:00+08:00');
    await submitForm(h, '王四', card, { done: '补交：上周材料' });
    expect(await logRow(h, '王四', W47)).toMatchObject({ late: 1, week_key: W47 });

    // The supervisor's 提醒未交 sends one private nudge per missing person, once per week.
    const digestCard = cardsOf(h, '林主任').find((m) => Harness.textOf(m).includes('上周周记汇总'))!;
    const remind = await h.click('林主任', digestCard, buttonValue(cardOf(digestCard), weeklyRemind));
    expect(remind.toast?.content).toContain('李二、张三、赵五');
    expect(remind.toast?.content).not.toContain('王四');
    const before = h.inbox('李二').length;
    await h.click('林主任', digestCard, { a: weeklyRemind.id, week: W47 });
    expect(h.inbox('李二')).toHaveLength(before);
    expect(Harness.textOf(h.inbox('李二').at(-1)!)).toContain('主管领导提醒您');

    // Two weeks on, W47 is outside the late window (weekly.late_weeks = 1): refused, nothing written.
    h.clock.set('2026-12-01T10:00:00+08:00');
    const tooLate = await submitForm(h, '李二', cardsOf(h, '李二').at(-1)!, { done: '很晚的补交' });
    expect(tooLate.toast).toMatchObject({ type: 'error', content: expect.stringContaining('已超过补交期限') });
    expect(tooLate.card).toBeUndefined();
    expect(await logRow(h, '李二', W47)).toBeUndefined();
  });

  it('running weekly-prompt twice for the same week sends nothing the second time', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg() });
    const first = await h.runJob('weekly-prompt', '2026-11-20T15:00:00+08:00');
    expect(first.status).toBe('done');
    const count = () => h.sandbox.messagesFor(h.person('陈一').open_id).length + h.sandbox.messagesFor(h.person('钱六').open_id).length;
    expect(count()).toBe(2);
    const outbox = await h.db.selectFrom('outbox').select('id').execute();

    const second = await h.runJob('weekly-prompt', '2026-11-20T15:15:00+08:00');
    expect(second).toMatchObject({ status: 'already-done', periodKey: W47 });
    // Even with the run record gone (a crash before it was written), the message keys hold.
    await h.db.deleteFrom('job_runs').execute();
    const third = await h.runJob('weekly-prompt', '2026-11-20T15:30:00+08:00');
    expect(third.status).toBe('done');
    expect(count()).toBe(2);
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(outbox.length);
  });
});
