import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { loadGradingSheet } from '../../src/core/monthly/grading-sheet';
import { monthlyReviewRowToReview } from '../../src/core/monthly/review';
import { insertPendingReviews } from '../../src/core/monthly/review.repository';
import { buildOrg } from '../../src/sandbox';
import { monthlyGradingCard } from '../../src/features/monthly/monthly-form.card';
import monthlyReviewJob from '../../src/features/monthly/monthly-review.job';
import { cardTitle, type Card } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { OCTOBER, REVIEW_AT, gradingCardFor, reviewOf, seedWeeklyLog } from './helpers';

/**
 * The monthly-review job reads a batch of people's weekly records, leave, 好差评 and 个人小结
 * together. Each card must still show its own person's, exactly as the card for that person alone.
 */
describe.each(dialectsUnderTest())('月度评鉴卡片 read in batches (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('gives each supervisor the same card per report as the report alone would get, with nobody else’s records in it', async () => {
    // Monthly 个人小结, so October's card shows the summary of October (in, or not yet).
    h = await Harness.start({ dialect, now: '2026-11-01T20:00:00+08:00', rules: { self_summary: { period: 'month' } } });
    await h.db.updateTable('people').set({ joined_on: '2026-01-01' }).execute();
    await seedWeeklyLog(h, '张丽', '2026-W41', { bonusClaim: '参与国庆假期防汛值班', submittedAt: '2026-10-10T16:00:00+08:00' });
    await seedWeeklyLog(h, '陈思远', '2026-W42', { late: true, bonusClaim: '牵头完成年度预算编制', submittedAt: '2026-10-19T09:00:00+08:00' });
    const at = new Date().toISOString();
    // 刘洋 on leave for all of W43.
    await h.db
      .insertInto('leave_periods')
      .values({ id: newId('lv'), open_id: h.person('刘洋').open_id, start_date: '2026-10-19', end_date: '2026-10-23', kind: '病假', note: null, created_by: 'test', created_at: at })
      .execute();
    // 赵敏's 好差评 for October and for the quarter.
    for (const [period, good, bad] of [[OCTOBER, 7, 1], ['2026-Q4', 9, 2]] as const) {
      await h.db.insertInto('service_ratings').values({ open_id: h.person('赵敏').open_id, period_key: period, good, bad, score: null, import_id: 'imp-test', created_at: at }).execute();
    }
    await h.db
      .insertInto('self_summaries')
      .values({ id: newId('ss'), open_id: h.person('孙浩').open_id, period_key: OCTOBER, unit_id: h.person('孙浩').department_ids[0]!, draft: null, draft_saved_at: null, content: '十月完成档案数字化整理。', submitted_at: at, revision: 1, created_at: at, updated_at: at })
      .execute();

    const outcome = await h.runJob('monthly-review', REVIEW_AT);
    expect(outcome.message).toContain('已向 3 位主管领导发送 12 份月度评鉴卡片');

    const text = (leader: string, person: string) => Harness.textOf(gradingCardFor(h, leader, person).card);
    expect(text('李明华', '张丽')).toContain('参与国庆假期防汛值班');
    expect(text('李明华', '陈思远')).toContain('牵头完成年度预算编制');
    expect(text('李明华', '陈思远')).not.toContain('参与国庆假期防汛值班');
    expect(text('李明华', '张丽')).not.toContain('牵头完成年度预算编制');
    expect(text('李明华', '赵敏')).toContain('好评 7 条，差评 1 条');
    expect(text('李明华', '张丽')).not.toContain('好评');
    expect(text('李明华', '孙浩')).toContain('十月完成档案数字化整理。');
    expect(text('李明华', '张丽')).not.toContain('十月完成档案数字化整理。');

    // Every card equals the one built for that review on its own (the /评鉴 path).
    h.clock.set(REVIEW_AT);
    const leaders = new Map<string, string>([['李明华', ''], ['周文涛', ''], ['王建国', '']]);
    let compared = 0;
    const sent: Array<{ name: string; card: Card }> = [];
    for (const leader of leaders.keys()) {
      for (const message of h.inbox(leader).filter((m) => m.msg_type === 'interactive')) {
        const name = cardTitle(message.content as Card).replace('月度考核评鉴 · ', '');
        const alone = monthlyGradingCard(await loadGradingSheet(h.app.deps, monthlyReviewRowToReview(await reviewOf(h, name))));
        expect(JSON.parse(JSON.stringify(alone)), `${leader} → ${name}`).toEqual(message.content);
        sent.push({ name, card: message.content as Card });
        compared++;
      }
    }
    expect(compared).toBe(12);
    // Loaded all at once (as concurrent clicks' result cards are, one read per month for all of
    // them), with a September review among them: each card is still its own.
    await insertPendingReviews(h.db, [{ openId: h.person('张丽').open_id, monthKey: '2026-09', unitId: h.person('张丽').department_ids[0]!, level: h.person('张丽').level }], new Date(REVIEW_AT));
    const september = monthlyReviewRowToReview(await reviewOf(h, '张丽', '2026-09'));
    const septemberAlone = monthlyGradingCard(await loadGradingSheet(h.app.deps, september));
    const reviews = [september, ...(await Promise.all(sent.map(({ name }) => reviewOf(h, name)))).map(monthlyReviewRowToReview)];
    const together = (await Promise.all(reviews.map((r) => loadGradingSheet(h.app.deps, r)))).map((sheet) => monthlyGradingCard(sheet));
    expect(together).toEqual([septemberAlone, ...sent.map(({ card }) => card)].map((c) => JSON.parse(JSON.stringify(c))));
    expect(Harness.textOf(septemberAlone)).toContain('2026年9月');
    // 刘洋's leave week reads as leave on her card only.
    expect(text('李明华', '刘洋')).toContain('请假');
    expect(text('李明华', '张丽')).not.toContain('请假');
  });

  it('sends every report exactly one card when the city is more than one batch', async () => {
    // 41 处室 of 5: 205 people to grade, more than one transaction's batch of 200.
    const org = buildOrg({
      joinedOn: '2026-01-01',
      units: Array.from({ length: 41 }, (_, u) => ({
        id: `D${u}`,
        name: `第${u + 1}处`,
        leader: { name: `处长${u}` },
        staff: Array.from({ length: 5 }, (_, s) => ({ name: `科员${u}-${s}` })),
      })),
    });
    h = await Harness.start({ dialect, org, now: '2026-11-01T20:00:00+08:00' });
    const outcome = await h.runJob('monthly-review', REVIEW_AT);
    expect(outcome.message).toBe('monthly-review 2026-10: 已向 41 位主管领导发送 205 份月度评鉴卡片');
    for (let u = 0; u < 41; u++) {
      const titles = h
        .inbox(`处长${u}`)
        .map((m) => cardTitle(m.content as Card))
        .sort();
      expect(titles).toEqual(Array.from({ length: 5 }, (_, s) => `月度考核评鉴 · 科员${u}-${s}`).sort());
    }
    const rows = await h.db.selectFrom('monthly_reviews').select(['open_id', 'status']).where('month_key', '=', OCTOBER).execute();
    expect(rows).toHaveLength(205);
    expect(new Set(rows.map((r) => r.open_id)).size).toBe(205);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);

    // A forced re-run (after a crash past the claim) sends nothing twice.
    const before = h.sandbox.messages().length;
    await monthlyReviewJob.run(h.depsAt(REVIEW_AT), OCTOBER);
    await h.settle();
    expect(h.sandbox.messages().length).toBe(before);
  });
});
