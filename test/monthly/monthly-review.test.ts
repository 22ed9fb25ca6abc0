import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { monthlyResultsForQuarter } from '../../src/core/quarterly/month-results';
import monthlyReviewJob from '../../src/features/monthly/monthly-review.job';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import {
  OCTOBER,
  REVIEW_AT,
  form,
  gradingCardFor,
  gradingState,
  lockQuarter,
  monthlyAudits,
  reviewOf,
  seedWeeklyLog,
  submitGrade,
} from './helpers';
import { monthlyRegrade } from '../../src/features/monthly/monthly-actions';
import { buttonValue, cardTitle, expectToast, type Card } from '../helpers/cards';

const LOCKED = '本季度已审定锁定，月度评鉴不能再修改。如有异议请走异议程序。';

function gradingCardTitles(h: Harness, name: string): string[] {
  return h
    .inbox(name)
    .filter((m) => m.msg_type === 'interactive')
    .map((m) => cardTitle((m.card ?? m.content) as Card))
    .filter((t) => t.startsWith('月度考核评鉴'))
    .sort();
}

const textOfCard = (c: Card | undefined) => Harness.textOf(c ?? {});

describe.each(dialectsUnderTest())('月考核 monthly grading (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function start() {
    h = await Harness.start({ dialect, now: '2026-11-01T20:00:00+08:00' });
    // The organisation existed in October (the org file's joined_on): nobody is graded for a
    // month that ended before they joined, and the import day is the default.
    await h.db.updateTable('people').set({ joined_on: '2026-01-01' }).execute();
    return h;
  }

  it('sends each supervisor one card per direct report on the first workday, and a re-run sends nothing new', async () => {
    await start();
    await seedWeeklyLog(h, '张丽', '2026-W41', { bonusClaim: '参与国庆假期防汛值班', submittedAt: '2026-10-10T16:00:00+08:00' });
    await seedWeeklyLog(h, '张丽', '2026-W42', { late: true, submittedAt: '2026-10-19T09:00:00+08:00' });

    // Sunday 1 November is not a workday: October is due on Monday the 2nd at 09:00, not before.
    expect(monthlyReviewJob.periodAt(h.depsAt('2026-11-02T08:59:00+08:00'))).toBe('2026-09');
    expect(monthlyReviewJob.periodAt(h.depsAt(REVIEW_AT))).toBe(OCTOBER);

    const outcome = await h.runJob('monthly-review', REVIEW_AT);
    expect(outcome).toMatchObject({ status: 'done', periodKey: OCTOBER });
    expect(outcome.message).toContain('已向 3 位主管领导发送 12 份月度评鉴卡片');
    expect(gradingCardTitles(h, '李明华')).toEqual(['张丽', '陈思远', '刘洋', '赵敏', '孙浩'].map((n) => `月度考核评鉴 · ${n}`).sort());
    expect(gradingCardTitles(h, '周文涛')).toEqual(['吴婷', '郑凯', '王芳', '冯磊', '何静'].map((n) => `月度考核评鉴 · ${n}`).sort());
    // A supervisor is graded by their own leader in turn.
    expect(gradingCardTitles(h, '王建国')).toEqual(['月度考核评鉴 · 周文涛', '月度考核评鉴 · 李明华']);
    for (const staff of ['张丽', '赵敏', '郑凯', '陈思远']) expect(gradingCardTitles(h, staff)).toEqual([]);

    const rows = await h.db.selectFrom('monthly_reviews').selectAll().where('month_key', '=', OCTOBER).execute();
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === 'pending' && r.revision === 0)).toBe(true);
    expect(rows.find((r) => r.open_id === h.person('张丽').open_id)).toMatchObject({ unit_id: 'D110', level: '副职' });

    // The card shows the month's weekly records and what the person claimed.
    const text = textOfCard(gradingCardFor(h, '李明华', '张丽').card);
    expect(text).toContain('参与国庆假期防汛值班');
    expect(text).toContain('逾期补交');
    expect(text).toContain('未提交');
    expect(text).toContain('办公室 · 副职 · 2026年10月');

    const count = () => ['李明华', '周文涛', '王建国'].map((n) => h.inbox(n).length);
    const sent = count();
    expect(await h.runJob('monthly-review', '2026-11-02T10:00:00+08:00')).toMatchObject({ status: 'already-done' });
    // Even a forced re-run (a crash after the claim) sends nothing twice.
    await monthlyReviewJob.run(h.depsAt(REVIEW_AT), OCTOBER);
    await h.settle();
    expect(count()).toEqual(sent);
    expect(await h.db.selectFrom('monthly_reviews').select('id').where('month_key', '=', OCTOBER).execute()).toHaveLength(12);
  });

  it('stores exactly what the read-only card shows; a double click has one effect; a re-grade is audited', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const f = form({ work: '95', conduct: '90', bonuses: '2 获市级表彰\n1 承担专项任务', comment: '工作认真负责' });
    const first = await submitGrade(h, '李明华', '张丽', f);
    expectToast(first, 'success', '已提交评鉴：好');
    const shown = first.card!.data;
    expect(cardTitle(shown)).toBe('2026年10月月度考核结果 · 张丽');
    const text = textOfCard(shown);
    expect(text).toContain('**总分**：96 分（工作实绩 95，工作作风 90，加分 3，扣分 0）');
    expect(text).toContain('**建议等次**：好');
    expect(text).toContain('**评定等次**：好');
    expect(text).toContain('2 分 获市级表彰');
    expect(text).toContain('工作认真负责');

    const row = await reviewOf(h, '张丽');
    expect(row).toMatchObject({
      status: 'submitted',
      revision: 1,
      work_score: 95,
      conduct_score: 90,
      bonus: 3,
      deduction: 0,
      total: 96,
      suggested_tier: '好',
      tier: '好',
      override_reason: null,
      comment: '工作认真负责',
      reviewer_open_id: h.person('李明华').open_id,
      unit_id: 'D110',
      level: '副职',
    });
    expect(JSON.parse(row.bonuses)).toEqual([
      { points: 2, reason: '获市级表彰' },
      { points: 1, reason: '承担专项任务' },
    ]);
    expect((await monthlyAudits(h, row.id)).map((a) => a.action)).toEqual(['grading.monthly.submit']);

    // Double-clicked submit: the same card, the same values.
    const again = await submitGrade(h, '李明华', '张丽', f);
    expectToast(again, 'info', '无需重复提交');
    expect(textOfCard(again.card?.data)).toContain('96 分');
    expect((await reviewOf(h, '张丽')).revision).toBe(1);
    expect(await monthlyAudits(h, row.id)).toHaveLength(1);

    // 重新评定 from the result card reopens the form with what was stored.
    const { message } = gradingCardFor(h, '李明华', '张丽');
    const reopened = await h.click('李明华', message, buttonValue(shown, '重新评定'));
    const formCard = reopened.card!.data;
    expect(cardTitle(formCard)).toBe('重新评定 · 张丽');
    expect(JSON.stringify(formCard)).toContain('"default_value":"95"');
    const regraded = await h.click('李明华', message, buttonValue(formCard, '提交重新评定'), { ...f, deductions: '1 信息报送迟报一次', comment: '工作认真，注意时效' });
    expectToast(regraded, 'success', '已重新评定：好');
    expect(textOfCard(regraded.card?.data)).toContain('**总分**：95 分');
    const after = await reviewOf(h, '张丽');
    expect(after).toMatchObject({ revision: 2, total: 95, deduction: 1, comment: '工作认真，注意时效' });
    const audits = await monthlyAudits(h, row.id);
    expect(audits.map((a) => a.action)).toEqual(['grading.monthly.submit', 'grading.monthly.regrade']);
    expect(JSON.parse(audits[1]!.before!)).toMatchObject({ total: 96, comment: '工作认真负责', revision: 1 });
    expect(JSON.parse(audits[1]!.after!)).toMatchObject({ total: 95, comment: '工作认真，注意时效', revision: 2 });
    // The entry is written with the grade (built before it), and says exactly what was stored.
    const logged = Object.entries(JSON.parse(audits[1]!.after!) as Record<string, unknown>);
    const stored = after as unknown as Record<string, string | number | null>;
    expect(logged).toEqual(logged.map(([k]) => [k, k === 'bonuses' || k === 'deductions' ? JSON.parse(stored[k] as string) : stored[k]]));

    // The original card (revision 0) with different values is stale now.
    const stale = await submitGrade(h, '李明华', '张丽', form({ work: '70', conduct: '70' }));
    expectToast(stale, 'error', '卡片已失效，请重新打开（评鉴结果已被更新，请以最新卡片为准）');
    expect(stale.card).toBeUndefined();
    expect(await reviewOf(h, '张丽')).toEqual(after);
  });

  it('two submits racing on the same card still have one effect', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const f = form({ work: '88', conduct: '86' });
    const [a, b] = await Promise.all([submitGrade(h, '李明华', '赵敏', f), submitGrade(h, '李明华', '赵敏', f)]);
    expect([a.toast?.type, b.toast?.type].sort()).toEqual(['info', 'success']);
    const row = await reviewOf(h, '赵敏');
    expect(row).toMatchObject({ revision: 1, total: 87.2, tier: '较好' });
    expect(await monthlyAudits(h, row.id)).toHaveLength(1);
  });

  it('keeps each answer of clicks answered together, for a delivery of the same callback again', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const answers = await Promise.all([
      submitGrade(h, '李明华', '赵敏', form({ work: '88', conduct: '86' })),
      submitGrade(h, '李明华', '孙浩', form({ work: '95', conduct: '96' })),
    ]);
    const kept = await h.db.selectFrom('inbox').select(['status', 'response', 'attempts']).where('event_type', '=', 'card.action.trigger').execute();
    expect(kept.map((r) => ({ ...r, attempts: Number(r.attempts), response: JSON.parse(r.response!).toast.content })).sort((a, b) => a.response.localeCompare(b.response))).toEqual(
      answers.map((a) => ({ status: 'done', attempts: 1, response: a.toast!.content })).sort((a, b) => a.response.localeCompare(b.response)),
    );
    expect(answers.map((a) => a.toast!.content).sort()).toEqual(['已提交评鉴：好', '已提交评鉴：较好']);
    // Their result cards were read together (one read for both): each still shows its own person.
    const [zhao, sun] = answers.map((a) => textOfCard(a.card?.data));
    expect(zhao).toContain('赵敏');
    expect(zhao).not.toContain('孙浩');
    expect(sun).toContain('孙浩');
    expect(sun).not.toContain('赵敏');
  });

  it('refuses an override without a reason (nothing saved), accepts it with one, and 不定等次 needs a reason', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const before = await gradingState(h);
    const refused = await submitGrade(h, '李明华', '赵敏', form({ work: '85', conduct: '85', tier: '好' }));
    expectToast(refused, 'error', '所选等次“好”与按分数建议的“较好”不同，请填写调整理由');
    expect(refused.card).toBeUndefined(); // the form stays as typed
    expect(await gradingState(h)).toEqual(before);

    const ok = await submitGrade(h, '李明华', '赵敏', form({ work: '85', conduct: '85', tier: '好', override_reason: '牵头完成全市专项检查' }));
    expectToast(ok, 'success', '已提交评鉴：好');
    expect(textOfCard(ok.card?.data)).toContain('**改变建议等次的理由**：牵头完成全市专项检查');
    expect(await reviewOf(h, '赵敏')).toMatchObject({ tier: '好', suggested_tier: '较好', override_reason: '牵头完成全市专项检查', total: 85 });

    const noReason = await submitGrade(h, '李明华', '孙浩', form({ tier: '不定等次' }));
    expectToast(noReason, 'error', '评为不定等次须填写原因');
    const undetermined = await submitGrade(h, '李明华', '孙浩', form({ tier: '不定等次', override_reason: '试用期未满' }));
    expectToast(undetermined, 'success', '不定等次');
    expect(await reviewOf(h, '孙浩')).toMatchObject({ status: 'undetermined', tier: '不定等次', total: null, override_reason: '试用期未满' });

    const bad = await submitGrade(h, '李明华', '刘洋', form({ work: '九十', conduct: '101', bonuses: '获表彰' }));
    expectToast(bad, 'error', '工作实绩请填写 0–100 之间的数字');
    expect(bad.toast?.content).toContain('加分项第 1 行格式应为“分值 理由”');
    expect((await reviewOf(h, '刘洋')).status).toBe('pending');
  });

  it('refuses staff, a supervisor of another team and admins of another unit, with the database unchanged', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    // 郑凯 is in 政策法规处; his card went to 周文涛. A forwarded card must not let anyone else grade.
    const { message, card } = gradingCardFor(h, '周文涛', '郑凯');
    const value = buttonValue(card, '提交评鉴');
    const f = form({ work: '90', conduct: '90' });
    const before = await gradingState(h);
    for (const intruder of ['郑凯', '王芳', '吴婷', '李明华', '陈思远', '刘洋', '张丽']) {
      const res = await h.click(intruder, message, value, f);
      expectToast(res, 'error', '无权操作此卡片');
      expect(res.card).toBeUndefined();
      const regrade = await h.click(intruder, message, { a: monthlyRegrade.id, id: value.id, rev: 0 });
      expectToast(regrade, 'error', '无权操作此卡片');
    }
    // A forged id is not found, and does not reveal anything.
    expectToast(await h.click('周文涛', message, { ...value, id: 'mr_forged' }, f), 'error', '找不到这条月度评鉴记录');
    expect(await gradingState(h)).toEqual(before);

    // Above in the chain, and the unit admin of the person's own unit, may grade.
    expectToast(await h.click('王建国', message, value, f), 'success', '已提交评鉴');
    expect((await reviewOf(h, '郑凯')).reviewer_open_id).toBe(h.person('王建国').open_id);
    expectToast(await submitGrade(h, '李明华', '赵敏', f, '陈思远'), 'success', '已提交评鉴');
    expect((await reviewOf(h, '赵敏')).reviewer_open_id).toBe(h.person('陈思远').open_id);
    // …but never themselves.
    const self = await submitGrade(h, '李明华', '陈思远', f, '陈思远');
    expectToast(self, 'error', '无权操作此卡片');
    expect((await reviewOf(h, '陈思远')).status).toBe('pending');
  });

  it('refuses any grading click once the quarter is locked, per pool', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const graded = await submitGrade(h, '李明华', '张丽', form({ work: '90', conduct: '90' }));
    await lockQuarter(h, 'D110', '2026-Q4', '副职');
    const before = await gradingState(h);
    const { message } = gradingCardFor(h, '李明华', '张丽');
    expectToast(await h.click('李明华', message, buttonValue(graded.card!.data, '重新评定')), 'error', LOCKED);
    expectToast(await submitGrade(h, '李明华', '张丽', form({ work: '90', conduct: '90' })), 'error', LOCKED);
    expectToast(await submitGrade(h, '李明华', '张丽', form({ work: '60', conduct: '60' })), 'error', LOCKED);
    // An incomplete form is told the quarter is locked, not asked to be completed first.
    expectToast(await submitGrade(h, '李明华', '张丽', form({ conduct: '60' })), 'error', LOCKED);
    expect(await gradingState(h)).toEqual(before);
    // Another pool of the same unit is still open.
    expectToast(await submitGrade(h, '李明华', '赵敏', form({ work: '80', conduct: '80' })), 'success', '已提交评鉴');
  });

  it('/评鉴 re-sends the caller’s pending cards, and tells a unit admin who is still waiting', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    await submitGrade(h, '李明华', '张丽', form({ work: '90', conduct: '90' }));
    const seen = h.inbox('李明华').length;
    await h.say('李明华', '评鉴');
    const fresh = h.inbox('李明华').slice(seen);
    // The outbox sends in parallel, so the order of arrival is not asserted.
    expect(fresh.filter((m) => m.msg_type === 'text').map((m) => Harness.textOf(m))).toEqual([expect.stringContaining('您有 4 份月度评鉴待完成')]);
    expect(fresh.filter((m) => m.msg_type === 'interactive').map((m) => cardTitle((m.card ?? m.content) as Card)).sort()).toEqual(
      ['陈思远', '刘洋', '赵敏', '孙浩'].map((n) => `月度考核评鉴 · ${n}`).sort(),
    );
    // The re-sent card works like the first one.
    expectToast(await submitGrade(h, '李明华', '孙浩', form({ work: '75', conduct: '80' })), 'success', '已提交评鉴：一般');

    await h.say('赵敏', '/评鉴');
    expect(Harness.textOf(h.inbox('赵敏').at(-1)!)).toContain('仅限');

    await h.say('陈思远', 'review');
    const adminText = h.inbox('陈思远').map((m) => Harness.textOf(m)).join('\n');
    expect(adminText).toContain('您目前没有待完成的月度评鉴');
    expect(adminText).toContain('本单位尚有 4 人的月度评鉴未完成');
    expect(adminText).toMatch(/2026年10月 · 主管领导 李明华：(陈思远|刘洋|赵敏)、(陈思远|刘洋|赵敏)、(陈思远|刘洋|赵敏)\n/);
    expect(adminText).toContain('主管领导 王建国：李明华');
    expect(adminText).not.toContain('郑凯');
  });

  it('exports the monthly-reviews ledger as the cards showed it, and feeds the quarter', async () => {
    await start();
    await h.runJob('monthly-review', REVIEW_AT);
    const shown = new Map<string, string>();
    const grades: Array<[string, string, Record<string, string>]> = [
      ['李明华', '张丽', { work: '95', conduct: '90', bonuses: '2 获市级表彰' }],
      ['李明华', '赵敏', { work: '85', conduct: '85', tier: '好', override_reason: '牵头专项检查' }],
      ['李明华', '孙浩', { tier: '不定等次', override_reason: '试用期未满' }],
      ['周文涛', '郑凯', { work: '70', conduct: '75', deductions: '3 公文差错' }],
    ];
    for (const [leader, person, over] of grades) {
      const res = await submitGrade(h, leader, person, form(over));
      shown.set(person, textOfCard(res.card?.data));
    }

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    // Loaded late: src/cli/export pulls the feature registry in before the app when imported first.
    const { exportLedger } = await import('../../src/cli/export');
    await exportLedger(h.app, 'monthly-reviews', { period: OCTOBER }, { out, err: new PassThrough() });
    const lines = Buffer.concat(chunks).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('month,unit,name,open_id,level,work_score,conduct_score,bonus,deduction,total,suggested_tier,tier,reviewer_open_id,status');
    expect(lines).toHaveLength(13);
    const byName = new Map(lines.slice(1).map((l) => { const c = l.split(','); return [c[2]!, c]; }));
    const liMing = h.person('李明华').open_id;
    expect(byName.get('张丽')).toEqual(['2026-10', '办公室', '张丽', h.person('张丽').open_id, '副职', '95', '90', '2', '0', '95', '好', '好', liMing, 'submitted']);
    expect(byName.get('赵敏')).toEqual(['2026-10', '办公室', '赵敏', h.person('赵敏').open_id, '一般干部', '85', '85', '0', '0', '85', '较好', '好', liMing, 'submitted']);
    expect(byName.get('孙浩')).toEqual(['2026-10', '办公室', '孙浩', h.person('孙浩').open_id, '一般干部', '', '', '', '', '', '', '不定等次', liMing, 'undetermined']);
    expect(byName.get('郑凯')!.slice(5, 13)).toEqual(['70', '75', '0', '3', '69', '一般', '一般', h.person('周文涛').open_id]);
    expect(byName.get('王芳')!.slice(5)).toEqual(['', '', '', '', '', '', '', '', 'pending']);
    // What each card said is what the ledger says.
    for (const [person, text] of shown) {
      const row = byName.get(person)!;
      if (row[9]) expect(text).toContain(`**总分**：${row[9]} 分`);
      expect(text).toContain(`**评定等次**：${row[11]}`);
    }

    const quarter = await monthlyResultsForQuarter(h.db, '2026-Q4', { unitId: 'D110' });
    expect(quarter.find((p) => p.openId === h.person('张丽').open_id)).toEqual({
      openId: h.person('张丽').open_id,
      unitId: 'D110',
      level: '副职',
      months: [{ month: OCTOBER, tier: '好', total: 95, work: 95, conduct: 90 }],
      pendingMonths: [],
    });
    expect(quarter.find((p) => p.openId === h.person('孙浩').open_id)?.months).toEqual([{ month: OCTOBER, tier: '不定等次', total: null, work: null, conduct: null }]);
    expect(quarter.find((p) => p.openId === h.person('陈思远').open_id)).toMatchObject({ months: [], pendingMonths: [OCTOBER] });
    expect(quarter.every((p) => p.unitId === 'D110')).toBe(true);
    expect(await monthlyResultsForQuarter(h.db, '2026-Q4', { unitId: 'D110', level: '副职' })).toHaveLength(1);
  });
});
