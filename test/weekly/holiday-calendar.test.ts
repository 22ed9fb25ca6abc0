import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { weeklyLedgerRows } from '../../src/core/weekly/ledger-rows';
import { monthWeekRecordsRead, weeksOfMonth } from '../../src/core/weekly/weekly-month';
import { runRead } from '../../src/core/read-together';
import { logRow, sayAt, textsOf, weeklyOrg } from './helpers';
import { cardsOf } from '../helpers/cards';

/**
 * 2026 National Day: 10-01 … 10-07 off, Saturday 10-10 a make-up workday (and 9-25 中秋节 off).
 * W40 (9-28 … 10-04) has workdays Mon–Wed, so it is due Wednesday 9-30 18:00; W41 (10-05 … 10-11) has
 * 10-08, 10-09 and the make-up Saturday, so it is prompted and due on Saturday.
 */
describe.each(dialectsUnderTest())('weeks around National Day 2026 (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('prompts, dues and reminders follow the official calendar with the make-up Saturday', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg(), now: '2026-09-28T09:00:00+08:00' });

    // W40: nothing before Wednesday 15:00; the prompt on Wednesday names Wednesday 18:00.
    expect((await h.runJob('weekly-prompt', '2026-09-29T15:00:00+08:00')).status).toBe('not-due');
    await sayAt(h, '2026-09-30T14:00:00+08:00', '陈一', '周记 节前安全检查');
    const w40 = await h.runJob('weekly-prompt', '2026-09-30T15:00:00+08:00');
    expect(w40).toMatchObject({ status: 'done', periodKey: '2026-W40' });
    const prompt = Harness.textOf(cardsOf(h, '李二').at(-1)!);
    expect(prompt).toContain('9月30日（周三）18:00');
    expect(cardsOf(h, '陈一').filter((m) => Harness.textOf(m).includes('填写周记'))).toHaveLength(0);

    await sayAt(h, '2026-09-30T17:59:00+08:00', '李二', '周记 节前值班安排');
    await sayAt(h, '2026-09-30T18:01:00+08:00', '张三', '周记 整理节前材料');
    // On the holiday itself the week is still W40: written now it is late.
    await sayAt(h, '2026-10-02T10:00:00+08:00', '王四', '周记 假期补记');
    expect(textsOf(h, '王四').at(-1)).toContain('逾期补交');
    expect(await logRow(h, '李二', '2026-W40')).toMatchObject({ late: 0 });
    expect(await logRow(h, '张三', '2026-W40')).toMatchObject({ late: 1 });

    // No reminder during the holiday; it comes on the first workday after it, Thursday 10-08.
    // (At 10-05 the latest reminder due is still W39's, from Monday 9-28.)
    expect(await h.runJob('weekly-reminder', '2026-10-05T09:00:00+08:00')).toMatchObject({ periodKey: '2026-W39' });
    const reminder = await h.runJob('weekly-reminder', '2026-10-08T09:00:00+08:00');
    expect(reminder).toMatchObject({ status: 'done', periodKey: '2026-W40' });
    expect(Harness.textOf(cardsOf(h, '赵五').at(-1)!)).toContain('周记补交提醒');

    // W41: Friday 10-09 is not its last workday, so nothing is prompted then.
    expect((await h.runJob('weekly-prompt', '2026-10-09T15:00:00+08:00')).status).toBe('not-due');
    const w41 = await h.runJob('weekly-prompt', '2026-10-10T15:00:00+08:00');
    expect(w41).toMatchObject({ status: 'done', periodKey: '2026-W41' });
    expect(Harness.textOf(cardsOf(h, '陈一').at(-1)!)).toContain('10月10日（周六）18:00');
    await sayAt(h, '2026-10-10T17:30:00+08:00', '陈一', '周记 节后复工检查');
    expect(await logRow(h, '陈一', '2026-W41')).toMatchObject({ late: 0 });
    expect(await h.runJob('weekly-reminder', '2026-10-12T09:00:00+08:00')).toMatchObject({ periodKey: '2026-W41' });

    const rows = await weeklyLedgerRows(h.app.deps, '2026-W40');
    const status = Object.fromEntries(rows.map((r) => [r.name, r.status]));
    expect(status).toMatchObject({ 陈一: 'on_time', 李二: 'on_time', 张三: 'late', 王四: 'late', 赵五: 'missing' });

    // The monthly view: W40 ends (last workday 9-30) in September, W41 (10-10) in October.
    expect(weeksOfMonth(h.app.deps, '2026-09')).toEqual(['2026-W36', '2026-W37', '2026-W38', '2026-W39', '2026-W40']);
    expect(weeksOfMonth(h.app.deps, '2026-10')[0]).toBe('2026-W41');
    const zhang = h.person('张三').open_id;
    const sept = (await runRead(h.db, monthWeekRecordsRead(h.app.deps, [zhang], '2026-09'))).get(zhang)!;
    expect(sept.at(-1)).toMatchObject({ weekKey: '2026-W40', dueDate: '2026-09-30', status: 'late', done: '整理节前材料' });
    expect(sept[0]).toMatchObject({ weekKey: '2026-W36', status: 'missing', submittedAt: null });
    h.clock.set('2026-10-10T12:00:00+08:00');
    const oct = (await runRead(h.db, monthWeekRecordsRead(h.app.deps, [zhang], '2026-10'))).get(zhang)!;
    expect(oct.map((w) => w.status)).toEqual(['not_due', 'not_due', 'not_due', 'not_due']);
  });

  it('a week with no workday asks nothing', async () => {
    // A rules-file holiday week (as for an announcement the calendar package has not caught up with).
    h = await Harness.start({ dialect, org: weeklyOrg(), rules: { calendar: { extra_holidays: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'] } }, now: '2026-11-24T10:00:00+08:00' });
    await h.say('陈一', '周记 假期');
    expect(textsOf(h, '陈一').at(-1)).toContain('没有工作日，无需填写周记');
    const prompt = await h.runJob('weekly-prompt', '2026-11-27T15:00:00+08:00');
    expect(prompt).not.toMatchObject({ periodKey: '2026-W48' });
    expect((await weeklyLedgerRows(h.app.deps, '2026-W48'))).toEqual([]);
  });
});
