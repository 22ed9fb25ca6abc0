import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import selfSummaryJob from '../../src/features/summary/self-summary.job';
import { summarySave, summarySubmit } from '../../src/features/summary/summary-actions';
import { buttonValue, cardOf, cardsTitled, expectToast, larkCard } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { newId } from '../../src/core/ids';
import { cli, tempDir } from '../hardening/cli';
import { dialectsUnderTest } from '../helpers/stores';
import { gradingCardFor } from '../monthly/helpers';
import { Q3, REMIND_AT, SEND_AT, SEPT_REVIEW_AT, latestCard, seedLog, summaryCards, summaryInput, summaryRow } from './helpers';

const EVERYONE = 13;

/** `pingshi export self-summaries --period KEY`, run as a user would, against the app's database. */
async function exportCsv(h: Harness, period: string): Promise<string> {
  const run = await cli(['export', 'self-summaries', '--period', period], { DATABASE_URL: h.store.url });
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return run.out;
}

describe.each(dialectsUnderTest())('个人小结 self-summary (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function start() {
    // A file, so the CLI (another connection) reads what the app wrote.
    h = await Harness.start({ dialect, now: '2026-09-30T09:00:00+08:00', sqliteFile: join(tempDir('summary'), 'app.db') });
    await h.db.updateTable('people').set({ joined_on: '2026-01-01' }).execute();
    return h;
  }

  it('goes out on the quarter’s last workday prefilled from the weekly records; a draft survives; a submission reaches the grading card and the ledger', async () => {
    await start();
    await seedLog(h, '赵敏', '2026-W37', '完成档案数字化第一批扫描', '牵头完成档案专项整理');
    await seedLog(h, '赵敏', '2026-W38', '起草季度工作总结');
    await seedLog(h, '张丽', '2026-W38', '组织安全生产大检查');

    // Due on Wednesday 30 September (the quarter's last workday) at 10:00, not before.
    expect(selfSummaryJob.periodAt(h.depsAt('2026-09-30T09:59:00+08:00'))).toBe('2026-Q2');
    expect(await h.runJob('self-summary', SEND_AT)).toMatchObject({ status: 'done', periodKey: Q3, message: expect.stringContaining(`已向 ${EVERYONE} 人发送个人小结卡片`) });
    const first = summaryCards(h, '赵敏');
    expect(first).toHaveLength(1);
    const card = larkCard(cardOf(first[0]!));
    const prefill = summaryInput(card)!;
    expect(prefill).toContain('完成档案数字化第一批扫描');
    expect(prefill).toContain('起草季度工作总结');
    expect(prefill).toContain('牵头完成档案专项整理');
    // Everyone's records are read together; each card holds its own person's only.
    expect(prefill).not.toContain('组织安全生产大检查');
    const zhang = summaryInput(larkCard(cardOf(summaryCards(h, '张丽')[0]!)))!;
    expect(zhang).toContain('组织安全生产大检查');
    expect(zhang).not.toContain('起草季度工作总结');
    expect(Harness.textOf(card)).toContain('2026年第三季度');
    expect(Harness.textOf(card)).toContain('10月13日（周二）18:00');

    // A re-run, even a forced one, sends nothing twice.
    expect(await h.runJob('self-summary', '2026-09-30T11:00:00+08:00')).toMatchObject({ status: 'already-done' });
    await selfSummaryJob.run(h.depsAt(SEND_AT), Q3);
    await h.settle();
    expect(summaryCards(h, '赵敏')).toHaveLength(1);

    // 保存草稿 keeps the draft; 小结 re-opens it.
    const saved = await h.click('赵敏', first[0]!, buttonValue(card, summarySave), { summary: '本季度完成档案数字化（草稿）' });
    expectToast(saved, 'success', '草稿已保存');
    expect(await summaryRow(h, '赵敏')).toMatchObject({ draft: '本季度完成档案数字化（草稿）', content: null, submitted_at: null });
    await h.say('赵敏', '小结');
    expect(summaryInput(latestCard(h, '赵敏'))).toBe('本季度完成档案数字化（草稿）');

    // Too long: refused with the count, and nothing is lost (the card and the draft keep it).
    const long = '档'.repeat(801);
    const refused = await h.click('赵敏', first[0]!, buttonValue(card, summarySubmit), { summary: long });
    expectToast(refused, 'error', '个人小结不超过 800 字，当前 801 字，请删减 1 字后再提交');
    expect(summaryInput(refused.card!.data)).toBe(long);
    expect(await summaryRow(h, '赵敏')).toMatchObject({ draft: long, content: null, submitted_at: null });

    const text = '本季度完成档案数字化第一批扫描，起草季度工作总结；不足是统筹不够，下季度加强计划性。';
    const submitted = await h.click('赵敏', first[0]!, buttonValue(card, summarySubmit), { summary: text });
    expectToast(submitted, 'success', '个人小结已提交');
    larkCard(submitted.card!.data);
    expect(await summaryRow(h, '赵敏')).toMatchObject({ draft: null, content: text, submitted_at: expect.any(String) });

    // The reminder (three workdays before the due day) goes to those who have not submitted, once.
    const remind = await h.runJob('self-summary-reminder', REMIND_AT);
    expect(remind).toMatchObject({ status: 'done', periodKey: Q3, message: expect.stringContaining(`已提醒 ${EVERYONE - 1} 人提交个人小结（已提交 1 人）`) });
    expect(cardsTitled(h, '赵敏', '个人小结提交提醒')).toHaveLength(0);
    expect(cardsTitled(h, '张丽', '个人小结提交提醒')).toHaveLength(1);
    expect(await h.runJob('self-summary-reminder', '2026-10-10T10:00:00+08:00')).toMatchObject({ status: 'already-done' });
    expect(cardsTitled(h, '张丽', '个人小结提交提醒')).toHaveLength(1);
    // Nothing was sent in a group chat, and nobody was @-mentioned.
    expect(h.sandbox.messages().every((m) => !m.receive_id?.startsWith('oc_') && !JSON.stringify(m.content).includes('<at'))).toBe(true);

    // September's grading card shows the quarter's summary; someone who wrote none shows as such.
    await h.runJob('monthly-review', SEPT_REVIEW_AT);
    const grading = Harness.textOf(larkCard(gradingCardFor(h, '李明华', '赵敏').card));
    expect(grading).toContain('个人小结');
    expect(grading).toContain('不足是统筹不够');
    expect(Harness.textOf(gradingCardFor(h, '李明华', '张丽').card)).toContain('**个人小结**（2026年第三季度）：尚未提交');

    // 张丽 submits after her supervisor's card went out: 评鉴 re-opens it with her summary.
    await h.say('张丽', '小结');
    const hers = summaryCards(h, '张丽').at(-1)!;
    expectToast(await h.click('张丽', hers, buttonValue(cardOf(hers), summarySubmit), { summary: '完成文稿起草与会务保障。' }), 'success', '个人小结已提交');
    await h.say('李明华', '评鉴');
    expect(Harness.textOf(gradingCardFor(h, '李明华', '张丽').card)).toContain('完成文稿起草与会务保障。');

    // The supervisor and a unit admin may read it in full; another staff member may not.
    await h.say('李明华', '小结 赵敏');
    expect(Harness.textOf(cardOf(cardsTitled(h, '李明华', '个人小结 · 赵敏').at(-1)!))).toContain(text);
    await h.say('陈思远', '小结 赵敏');
    expect(cardsTitled(h, '陈思远', '个人小结 · 赵敏')).toHaveLength(1);
    await h.say('张丽', '小结 赵敏');
    expect(cardsTitled(h, '张丽', '个人小结 · 赵敏')).toHaveLength(0);
    expect(Harness.textOf(h.inbox('张丽').at(-1)!)).toContain('个人小结仅本人、其主管领导（含上级领导）和本单位考核管理员可以查看');

    // The ledger holds what was submitted, drafts never.
    const csv = await exportCsv(h, Q3);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('period,unit,name,open_id,submitted_at,summary');
    expect(lines).toHaveLength(3);
    const zhao = lines.find((l) => l.includes(',赵敏,'))!;
    expect(zhao).toContain(`2026-Q3,办公室,赵敏,${h.person('赵敏').open_id},`);
    expect(zhao).toContain(text);

    // After the due day the quarter's summaries stay readable; her own is closed for changes.
    h.clock.set('2026-10-14T10:00:00+08:00');
    await h.say('李明华', '小结 赵敏');
    expect(Harness.textOf(cardOf(cardsTitled(h, '李明华', '个人小结 · 赵敏').at(-1)!))).toContain(text);
    await h.say('赵敏', '小结 2026-Q3');
    const closed = latestCard(h, '赵敏');
    expect(Harness.textOf(closed)).toContain('提交截止时间已过，不能再修改');
    expect(summaryInput(closed)).toBeUndefined();
    await h.say('赵敏', '小结 2026-09');
    expect(Harness.textOf(h.inbox('赵敏').at(-1)!)).toContain('个人小结按季度（如 2026-Q3）填写');

    // run-job knows the job (no longer “not built”), and the claim is shared: nothing is sent twice.
    const rerun = await cli(['run-job', 'self-summary', '--at', '2026-10-09T10:00:00+08:00'], { DATABASE_URL: h.store.url });
    expect([rerun.code, rerun.out]).toEqual([0, expect.stringContaining('self-summary 2026-Q3: 已执行过')]);
  });

  it('sends nothing for a quarter that ended before someone joined, and a late joiner is not reminded', async () => {
    await start();
    await h.db.updateTable('people').set({ joined_on: '2026-10-01' }).where('open_id', '=', h.person('张丽').open_id).execute();
    await h.runJob('self-summary', SEND_AT);
    expect(summaryCards(h, '张丽')).toHaveLength(0);
    expect(summaryCards(h, '赵敏')).toHaveLength(1);
    await h.runJob('self-summary-reminder', REMIND_AT);
    expect(cardsTitled(h, '张丽', '个人小结提交提醒')).toHaveLength(0);
    // 小结 opens the quarter in progress for her instead.
    await h.say('张丽', '小结');
    expect(Harness.textOf(latestCard(h, '张丽'))).toContain('2026年第四季度');
  });

  it('asks nobody on leave for the whole quarter, and reminds nobody on leave on the reminder day', async () => {
    await start();
    const leave = (name: string, start: string, end: string) =>
      h.db.insertInto('leave_periods').values({ id: newId('lv'), open_id: h.person(name).open_id, start_date: start, end_date: end, kind: '病假', note: null, created_by: 'test', created_at: new Date().toISOString() }).execute();
    await leave('孙浩', '2026-06-20', '2026-10-20');
    await leave('刘洋', '2026-10-09', '2026-10-10');
    expect((await h.runJob('self-summary', SEND_AT)).message).toContain(`已向 ${EVERYONE - 1} 人发送个人小结卡片（1 人全期请假）`);
    expect(summaryCards(h, '孙浩')).toHaveLength(0);
    expect(summaryCards(h, '刘洋')).toHaveLength(1);
    expect((await h.runJob('self-summary-reminder', REMIND_AT)).message).toContain(`已提醒 ${EVERYONE - 2} 人提交个人小结（已提交 0 人，请假 2 人）`);
    expect(cardsTitled(h, '刘洋', '个人小结提交提醒')).toHaveLength(0);
  });

  it('sends the fourth quarter’s cards on 31 December though next year’s holidays are not known yet', async () => {
    await start();
    expect(h.app.deps.calendar.hasDataForYear(2027)).toBe(false);
    expect(await h.runJob('self-summary', '2026-12-31T10:00:00+08:00')).toMatchObject({ status: 'done', periodKey: '2026-Q4' });
    const card = larkCard(latestCard(h, '赵敏'));
    expect(Harness.textOf(card)).toContain('2026年第四季度即将结束');
    expect(Harness.textOf(card)).toContain('请在下一考核期开始后的前几个工作日内提交');
  });
});
