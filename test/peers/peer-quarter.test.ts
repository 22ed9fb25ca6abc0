import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { buttonValue, cardOf, cardsTitled, expectToast, larkCard } from '../helpers/cards';
import { CLOSE_AT, EVERYONE, QUARTER, confirmAllPools, determinationCard, quarterOrg, rawOf, seedQuarter, textOf, tiersOf } from '../quarterly/helpers';
import { findReviewFor } from '../../src/core/monthly/review.repository';
import { monthlyReviewRowToReview } from '../../src/core/monthly/review';
import { loadGradingSheet } from '../../src/core/monthly/grading-sheet';
import { monthlyResultCard } from '../../src/features/monthly/monthly-result.card';
import { summarySubmit } from '../../src/features/summary/summary-actions';
import { summaryCards } from '../summary/helpers';
import { PEER_RULES, REVIEW_AT, exportCsv, peerCard, ratingForm, runImport } from './helpers';

/**
 * Hand-computed (rules: 领导评鉴 70 %, 民主测评 30 %, at least 5 answers; 好 100, 较好 85, 一般 70,
 * 较差 50; 好评 +0.1, 差评 −1 within the caps 6 / 20):
 *
 * | person | months' mean | answers                      | 民主测评         | 好差评              | quarter score                     | tier |
 * |--------|--------------|------------------------------|------------------|---------------------|-----------------------------------|------|
 * | 江海燕 | 95           | 好×3, 较好×2, 一般 (6)       | 540 / 6 = 90     | —                   | 95×0.7 + 90×0.3 = 93.5            | 好   |
 * | 程立新 | 93           | 4 answers (< 5)              | none shown       | —                   | 93 (as before)                    | 好   |
 * | 庞晓东 | 75           | 一般×3, 较差×2 (5)           | 310 / 5 = 62     | 好 3, 差 2: −1.7    | 52.5 + 18.6 − 1.7 = 69.4          | 一般 |
 * | 林管理 | 88           | none                         | none shown       | window CK-01 好 10: +1 | 88 + 1 = 89                     | 较好 |
 * The 一般干部 pool has 3 好 seats: 江海燕, 程立新, 白雪梅 (92); 丁建国 (91) and 方文静 (90) move to 较好.
 */
const EXPECTED = {
  江海燕: { score: '93.5', tier: '好', leader_score: '95', peer_score: '90', peer_answers: '6', service_adjustment: '' },
  程立新: { score: '93', tier: '好', leader_score: '', peer_score: '', peer_answers: '', service_adjustment: '' },
  庞晓东: { score: '69.4', tier: '一般', leader_score: '75', peer_score: '62', peer_answers: '5', service_adjustment: '-1.7' },
  林管理: { score: '89', tier: '较好', leader_score: '88', peer_score: '', peer_answers: '', service_adjustment: '1' },
  白雪梅: { score: '92', tier: '好', leader_score: '', peer_score: '', peer_answers: '', service_adjustment: '' },
  丁建国: { score: '91', tier: '较好', leader_score: '', peer_score: '', peer_answers: '', service_adjustment: '' },
};

/** Who rates whom (each rater rates only some colleagues: 不了解的可不评). */
const BALLOTS: Record<string, Record<string, string>> = {
  程立新: { 江海燕: '好', 庞晓东: '一般' },
  白雪梅: { 江海燕: '好', 程立新: '好', 庞晓东: '一般' },
  丁建国: { 江海燕: '好', 程立新: '好', 庞晓东: '一般' },
  方文静: { 江海燕: '较好', 程立新: '较好', 庞晓东: '较差' },
  邓志强: { 江海燕: '较好', 程立新: '较好', 庞晓东: '较差' },
  庞晓东: { 江海燕: '一般' },
};

describe.each(dialectsUnderTest())('民主测评 and 好差评 in a quarter (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('peers rate anonymously, 好差评 is imported, and the score, feedback card and export agree with the hand table', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00', rules: PEER_RULES });
    await seedQuarter(h);

    // ---- 个人小结 (issue 15's first voice): the quarter's last workday, 10:00; 江海燕 writes hers ----
    expect(await h.runJob('self-summary', '2026-06-30T10:00:00+08:00')).toMatchObject({ status: 'done', periodKey: QUARTER });
    const summaryMsg = summaryCards(h, '江海燕').at(-1)!;
    const summaryText = '本季度牵头完成综合材料起草，参与专项督查；不足是统筹不够。';
    expectToast(await h.click('江海燕', summaryMsg, buttonValue(cardOf(summaryMsg), summarySubmit), { summary: summaryText }), 'success', '个人小结已提交');

    // ---- the job: first workday after the quarter, 10:00; one card per person, colleagues of the 处室 ----
    expect(await h.runJob('peer-review', '2026-07-01T09:59:00+08:00')).toMatchObject({ status: 'not-due' });
    const run = await h.runJob('peer-review', REVIEW_AT);
    expect(run).toMatchObject({ status: 'done', periodKey: QUARTER });
    expect(await h.runJob('peer-review', '2026-07-02T10:00:00+08:00')).toMatchObject({ status: 'already-done' });
    const jiangCard = cardOf(peerCard(h, '江海燕'));
    larkCard(jiangCard);
    const listed = textOf(jiangCard);
    for (const other of EVERYONE.filter((n) => n !== '江海燕')) expect(listed).toContain(`**${other}** · 综合处`);
    expect(listed).not.toContain('**江海燕** · ');
    expect(listed).not.toContain('魏科员'); // another 处室
    // The card carries no one's id: only the quarter, the page and a fingerprint of its list.
    expect(Object.keys(buttonValue(jiangCard, '提交测评')).sort()).toEqual(['a', 'p', 'q', 'r']);
    expect(rawOf(peerCard(h, '江海燕'))).not.toContain(h.person('程立新').open_id);

    // ---- ballots ------------------------------------------------------------------------
    const originals = new Map<string, ReturnType<typeof cardOf>>();
    for (const [rater, ballot] of Object.entries(BALLOTS)) {
      const msg = peerCard(h, rater);
      originals.set(rater, structuredClone(cardOf(msg)));
      const res = await h.click(rater, msg, buttonValue(cardOf(msg), '提交测评'), ratingForm(cardOf(msg), ballot));
      expectToast(res, 'success', `已提交 ${Object.keys(ballot).length} 位同事的测评`);
      // The thank-you card says how many, never what was given.
      expect(JSON.stringify(res.card)).not.toMatch(/较好|一般|较差/);
    }

    // A second vote for the same colleague counts nothing; an empty form is refused.
    const tallies = async () => h.db.selectFrom('peer_tallies').selectAll().orderBy('ratee_open_id').execute();
    const before = await tallies();
    const again = peerCard(h, '白雪梅');
    const bai = originals.get('白雪梅')!;
    expectToast(await h.click('白雪梅', again, buttonValue(bai, '提交测评'), ratingForm(bai, { 江海燕: '较差' })), 'info', '无需重复提交');
    const jiangMsg = peerCard(h, '江海燕');
    expectToast(await h.click('江海燕', jiangMsg, buttonValue(jiangCard, '提交测评'), {}), 'error', '请至少评价一位同事');
    // Someone else's card (or a forged value) is refused: the list is recomputed for the clicker.
    expectToast(await h.click('江海燕', again, buttonValue(bai, '提交测评'), ratingForm(bai, { 庞晓东: '较差' })), 'error', '卡片已失效');
    expectToast(await h.click('江海燕', peerCard(h, '江海燕'), { ...buttonValue(jiangCard, '提交测评'), p: 2 }, { r0_0: '好' }), 'error', '卡片已失效');
    expect(await tallies()).toEqual(before);

    // ---- the database holds no rater identity next to a score ------------------------------
    const tallyRow = before[0]!;
    expect(Object.keys(tallyRow).sort()).toEqual(['answers', 'item', 'period_key', 'points', 'ratee_open_id']);
    const answered = await h.db.selectFrom('peer_answered').selectAll().execute();
    // Only "cast page 1": not whom the rater rated, so a tally with few answers points at no one.
    expect(Object.keys(answered[0]!).sort()).toEqual(['page', 'period_key', 'rater_open_id']);
    expect(answered.map((a) => Number(a.page))).toEqual(Object.keys(BALLOTS).map(() => 1));
    const jiang = h.person('江海燕').open_id;
    expect(before.find((t) => t.ratee_open_id === jiang)).toMatchObject({ answers: 6, item: '综合评价' });
    expect(Number(before.find((t) => t.ratee_open_id === jiang)!.points)).toBe(540);
    // Nor does the inbox: a card action is kept by its header only (no operator, no form values).
    const cardEvents = await h.db.selectFrom('inbox').select(['payload']).where('event_type', '=', 'card.action.trigger').execute();
    expect(cardEvents.length).toBeGreaterThanOrEqual(Object.keys(BALLOTS).length);
    for (const e of cardEvents) {
      expect(e.payload).not.toContain('form_value');
      expect(e.payload).not.toContain(h.person('程立新').open_id);
    }
    const audits = JSON.stringify(await h.db.selectFrom('audit_log').selectAll().execute());
    expect(audits).not.toContain('peer');
    expect(audits).not.toContain('综合评价');

    // ---- 好差评: a bad file is refused line by line, then imported, re-import replaces -------
    const header = 'open_id,period,good,bad,score';
    const g = h.person('庞晓东').open_id;
    const bad = await runImport(h, 'service-ratings', header, [`${g},2026-05,3,1,`, 'CK-99,2026-05,1,0,', `${g},2026-W20,1,0,`, `${g},2026-06,两,1,`, `${g},2026-05,1,1,`, `${g},2026-06,0,1,120`]);
    expect(bad.error).toContain('有 5 行错误，未写入任何数据');
    expect(bad.err.trim().split('\n')).toEqual([
      '第 3 行：CK-99 既不是组织名单中的人员，也不是规则 service_rating.windows 中登记的窗口编号',
      '第 4 行：期间应为月或季度，例如 2026-05 或 2026-Q2（实为“2026-W20”）',
      '第 5 行：好评数 good 应为不小于 0 的整数（实为“两”）',
      '第 6 行：与第 2 行重复（同一人员同一期间只能有一行）',
      '第 7 行：评价得分 score 应为 0–100 的数，或留空（实为“120”）',
    ]);
    expect(await h.db.selectFrom('service_ratings').selectAll().execute()).toEqual([]);
    expect((await runImport(h, 'service-ratings', header, [`${g},2026-05,9,9,`, 'CK-01,2026-Q2,10,0,98'])).error).toBeNull();
    const ok = await runImport(h, 'service-ratings', header, [`${g},2026-05,3,1,`, `${g},2026-06,0,1,80`]);
    expect(ok.out).toContain('2026年5月 1 人（替换原有 1 人）');
    const stored = await h.db.selectFrom('service_ratings').select(['open_id', 'period_key', 'good', 'bad']).orderBy('period_key').execute();
    expect(stored.map((r) => [r.period_key, Number(r.good), Number(r.bad)])).toEqual([
      ['2026-05', 3, 1],
      ['2026-06', 0, 1],
      ['2026-Q2', 10, 0],
    ]);
    // The supervisor's grading card shows it as evidence; the month's own score is untouched.
    const may = monthlyReviewRowToReview((await findReviewFor(h.db, g, '2026-05'))!);
    const evidence = textOf(larkCard(monthlyResultCard(await loadGradingSheet(h.app.deps, may))));
    expect(evidence).toContain('2026年5月：好评 3 条，差评 1 条');
    expect(evidence).toContain('每条差评扣 1 分（不超过 20 分），在季度得分构成中列明');
    expect(may.total).toBe(75);
    const importAudits = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'service_ratings.import').orderBy('at').execute();
    expect(importAudits.map((a) => a.entity_id)).toEqual(['2026-05', '2026-Q2', '2026-05', '2026-06']);

    // /民主测评 re-opens the pages not cast yet: 江海燕 has not voted.
    await h.say('江海燕', '民主测评');
    expect(cardsTitled(h, '江海燕', '民主测评')).toHaveLength(2);
    await h.say('白雪梅', '民主测评');
    expect(h.inbox('白雪梅').at(-1)!.content).toMatchObject({ text: '您已完成本轮民主测评，或所在单位未开展民主测评。' });

    // ---- quarter-close: the determination card shows how each score was composed ----------
    await h.runJob('quarter-close', CLOSE_AT);
    const general = textOf(determinationCard(h, '林管理', '一般干部'));
    expect(general).toContain('3 个月平均 95 分；领导评鉴 95 × 70% + 民主测评 90 × 30%（6 份） = 93.5 分');
    expect(general).toContain('3 个月平均 75 分；领导评鉴 75 × 70% + 民主测评 62 × 30%（5 份） −1.7（服务对象评价） = 69.4 分');
    expect(general).toContain('3 个月平均 88 分；领导评鉴 88 +1（服务对象评价） = 89 分');
    expect(general).toContain('3 个月平均 93 分（民主测评有效答卷不足 5 份，不计入）');
    expect(general).not.toMatch(/民主测评 \d+(\.\d+)? × 30%（4 份）/);
    // The determiner reads the person's own words beside the composed score.
    expect(general).toContain(`个人小结：${summaryText}`);
    // After the close no more answers are taken.
    const late = peerCard(h, '江海燕');
    expectToast(await h.click('江海燕', late, buttonValue(cardOf(late), '提交测评'), ratingForm(cardOf(late), { 程立新: '好' })), 'error', '民主测评已结束');

    await h.say('江海燕', '民主测评');
    expect(h.inbox('江海燕').at(-1)!.content).toMatchObject({ text: '当前没有进行中的民主测评。' });

    await confirmAllPools(h);
    const tiers = await tiersOf(h);
    for (const [name, e] of Object.entries(EXPECTED)) expect(tiers[name]?.tier, name).toBe(e.tier);

    // ---- feedback: the person's own card shows the parts; nobody else's inbox shows them ----
    const feedback = (name: string) => textOf(larkCard(cardOf(cardsTitled(h, name, '平时考核结果反馈')[0]!)));
    expect(feedback('江海燕')).toContain('季度得分：93.5 分');
    expect(feedback('江海燕')).toContain('**得分构成**：领导评鉴 95 分 × 70% + 民主测评 90 分 × 30%（6 份答卷） = 93.5 分');
    expect(feedback('庞晓东')).toContain('**得分构成**：领导评鉴 75 分 × 70% + 民主测评 62 分 × 30%（5 份答卷） −1.7 分（服务对象评价） = 69.4 分');
    expect(feedback('林管理')).toContain('**得分构成**：领导评鉴 88 分 +1 分（服务对象评价） = 89 分');
    expect(feedback('程立新')).toContain('季度得分：93 分');
    expect(feedback('程立新')).not.toContain('民主测评');
    // (林管理, a 考核管理员, sees the aggregates on the determination cards; nobody else does.)
    for (const name of EVERYONE.filter((n) => n !== '江海燕' && n !== '林管理')) expect(h.inbox(name).map(rawOf).join('\n'), name).not.toContain('民主测评 90');

    // ---- the export agrees: the contract's columns first, the parts after ------------------
    const ledger = await exportCsv(h, 'quarter-tiers', QUARTER);
    expect(ledger.header).toBe('quarter,unit,name,open_id,level,score,tier,status,leader_score,peer_score,peer_answers,service_adjustment');
    for (const [name, e] of Object.entries(EXPECTED)) expect(ledger.rows.find((r) => r.name === name), name).toMatchObject(e);
    const summaries = await exportCsv(h, 'self-summaries', QUARTER);
    expect(summaries.header).toBe('period,unit,name,open_id,submitted_at,summary');
    expect(summaries.rows.map((r) => [r.name, r.summary])).toEqual([['江海燕', summaryText]]);
  });

  it('a page cast before a late job ran is not sent again; every other rater still gets theirs', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00', rules: PEER_RULES });
    await seedQuarter(h);
    // The job is due at 10:00 but has not run yet (the bot was down); 江海燕 asks for her card herself.
    h.clock.set('2026-07-01T10:05:00+08:00');
    await h.say('江海燕', '民主测评');
    const own = peerCard(h, '江海燕');
    expectToast(await h.click('江海燕', own, buttonValue(cardOf(own), '提交测评'), ratingForm(cardOf(own), { 程立新: '好' })), 'success', '已提交 1 位同事的测评');

    const run = await h.runJob('peer-review', '2026-07-01T10:15:00+08:00');
    expect(cardsTitled(h, '江海燕', '民主测评')).toHaveLength(1);
    const others = h.org.users.filter((u) => u.name !== '江海燕' && cardsTitled(h, u.name, '民主测评').length > 0);
    for (const name of EVERYONE.filter((n) => n !== '江海燕')) expect(cardsTitled(h, name, '民主测评')).toHaveLength(1);
    expect(run.message).toContain(`已向 ${others.length} 人发送 ${others.length} 张民主测评卡片`);
  });
});

describe('民主测评 off (the default)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('sends nothing and leaves the quarter as before', async () => {
    h = await Harness.start({ org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    expect(await h.runJob('peer-review', REVIEW_AT)).toMatchObject({ status: 'not-due' });
    expect(cardsTitled(h, '江海燕', '民主测评')).toHaveLength(0);
  });
});
