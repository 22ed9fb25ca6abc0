import { afterEach, describe, expect, it } from 'vitest';
import { monthlyReviewAt, quarterCloseAt } from '../../src/core/calendar/schedule';
import quarterClose from '../../src/features/quarterly/quarter-close.job';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import {
  CLOSE_AT,
  DEPUTIES,
  confirmAllPools,
  EVERYONE,
  GENERAL,
  MEANS,
  QUARTER,
  determinationCard,
  formOf,
  quarterOrg,
  quarterState,
  rawOf,
  seedQuarter,
  textOf,
  tierField,
  tiersOf,
} from './helpers';
import { buttonValue, cardOf, cardsTitled, expectToast } from '../helpers/cards';
import { exportCsv } from '../helpers/ledgers';

/** The tier written in bold on a feedback or outcome card: “等次：好” / “更正为 “较好””. */
function feedbackTier(h: Harness, name: string): string {
  const card = cardsTitled(h, name, '平时考核结果反馈').at(-1);
  const tier = /\*\*等次：(\S+?)\*\*/.exec(textOf(card!))?.[1];
  const outcome = cardsTitled(h, name, '异议处理结果').at(-1);
  const corrected = outcome ? /更正为 \*\*“(\S+?)”\*\*/.exec(textOf(outcome))?.[1] : undefined;
  return corrected ?? tier!;
}

describe.each(dialectsUnderTest())('季审定 a full quarter (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('proposes, binds the quota, confirms, feeds back privately, handles two objections, and exports what the cards said', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);

    // ---- the job: due 5 workdays after the first workday after the quarter, once -------------
    // Not while June is being graded (its cards go out on 1 July), only from 8 July 09:00.
    const deps = h.app.deps;
    expect(quarterCloseAt(QUARTER, deps.calendar, deps.rules)).toEqual(new Date(CLOSE_AT));
    expect(quarterClose.periodAt(h.depsAt(monthlyReviewAt('2026-06', deps.calendar, deps.rules)))).toBe('2026-Q1');
    expect(quarterClose.periodAt(h.depsAt('2026-07-08T08:59:00+08:00'))).toBe('2026-Q1');
    expect(quarterClose.periodAt(h.depsAt(CLOSE_AT))).toBe(QUARTER);
    const outcome = await h.runJob('quarter-close', CLOSE_AT);
    expect(outcome).toMatchObject({ status: 'done', periodKey: QUARTER });
    // Issue 10: the quota is counted over the organ (某市某局), so its three pools go to both of its
    // 考核管理员 (林管理 in 综合处, 韩管理 in 法规处).
    expect(outcome.message).toContain('1 个机关已生成建议等次，发出审定卡片 6 张');
    expect(await h.runJob('quarter-close', '2026-07-08T09:30:00+08:00')).toMatchObject({ status: 'already-done' });

    expect(cardsTitled(h, '林管理', '季度审定')).toHaveLength(3);
    expect(cardsTitled(h, '韩管理', '季度审定')).toHaveLength(3);
    for (const other of ['马管理', '钱处长', '江海燕']) expect(cardsTitled(h, other, '季度审定')).toHaveLength(0);

    const proposed = await tiersOf(h);
    // The people nobody graded this quarter are 不定等次 and outside the quota base.
    const ungraded = ['高局长', '马管理', '严处长', '韩管理', '魏科员'];
    expect(Object.keys(proposed).sort()).toEqual([...EVERYONE, ...ungraded].sort());
    for (const name of ungraded) expect(proposed[name]).toMatchObject({ proposed: '不定等次', tier: '不定等次' });
    expect(Object.values(proposed).every((r) => r.status === 'proposed')).toBe(true);
    // The quota binds in both pools: the lowest-scoring 好 proposals are moved to 较好.
    expect(proposed['丁建国']).toMatchObject({ proposed: '好', tier: '较好' });
    expect(proposed['方文静']).toMatchObject({ proposed: '好', tier: '较好' });
    expect(proposed['孙副一']).toMatchObject({ proposed: '好', tier: '较好' });
    expect(proposed['白雪梅']).toMatchObject({ proposed: '好', tier: '好' });

    const general = determinationCard(h, '林管理', '一般干部');
    const generalText = textOf(general);
    expect(generalText).toContain('**本组人数**：11 人（参评 8 人，不定等次不计入）　**“好”等次名额**：3 人');
    expect(generalText).toContain('全机关参评 12 人 × 40%，向下取整，共 4 人；按最大余数法分到各组，有参评人员的组至少 1 人：正职 0 人、副职 1 人、一般干部 3 人');
    expect(generalText).toContain('依据：地方通行做法；按本机关参评人数计算：国家规定');
    expect(generalText).toContain('本组 2 人的“好”等次建议须调整为“较好”（按得分由低到高，已预先调整）**，本页：方文静（90 分）、丁建国（91 分）');
    expect(textOf(determinationCard(h, '林管理', '副职'))).toContain('**“好”等次名额**：1 人');

    // ---- 好 over the quota is refused on the card, nothing saved -------------------------------
    const overQuota = { ...formOf(cardOf(general)), [tierField(h, '丁建国')]: '好' };
    const before = await quarterState(h);
    expectToast(await h.click('林管理', general, buttonValue(cardOf(general), '确认审定'), overQuota), 'error', '上限 3 人，现选 4 人');
    expectToast(await h.click('林管理', general, buttonValue(cardOf(general), '保存调整'), overQuota), 'error', '上限 3 人');
    expect(await quarterState(h)).toEqual(before);

    // ---- confirm every pool: 一般干部 holds both admins' own results, so it takes both -----------
    await confirmAllPools(h);
    expect(textOf(determinationCard(h, '林管理', '副职'))).toContain('由 **林管理** 审定并锁定');
    const confirmed = await tiersOf(h);
    expect(Object.values(confirmed).every((r) => r.status === 'confirmed')).toBe(true);
    expect(Object.values(confirmed).filter((r) => r.tier === '好').map((r) => r)).toHaveLength(4);
    const locks = await h.db.selectFrom('quarter_locks').selectAll().where('unit_id', '=', 'R0').execute();
    expect(locks.map((l) => l.level).sort()).toEqual(['一般干部', '副职', '正职']);
    expect(locks.find((l) => l.level === '一般干部')!.locked_by).toBe(h.person('韩管理').open_id);
    const confirmAudits = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.confirm').execute();
    expect(confirmAudits).toHaveLength(17);

    // ---- feedback: one private card each, with own tier, score, comments and the deadline -----
    for (const name of EVERYONE) {
      const cards = cardsTitled(h, name, '平时考核结果反馈');
      expect(cards, name).toHaveLength(1);
      const text = textOf(cards[0]!);
      expect(text).toContain(`**等次：${confirmed[name]!.tier}**`);
      expect(text).toContain(`季度得分：${MEANS[name]} 分`);
      expect(text).toContain(`${name}2026-06表现评语`);
      // Confirmed on 7月8日 (the close day) + 5 workdays = 7月15日.
      expect(text).toContain('请于 **7月15日（含）** 前');
      expect(cards[0]!.receive_id).toBe(h.person(name).open_id);
    }
    // Nobody's inbox names another person's result, except a supervisor's summary of own reports.
    for (const name of EVERYONE.filter((n) => n !== '钱处长' && n !== '林管理' && n !== '韩管理')) {
      const all = h.inbox(name).map(rawOf).join('\n');
      for (const other of EVERYONE.filter((n) => n !== name)) expect(all, `${name} sees ${other}`).not.toContain(other);
    }
    // The supervisors: 钱处长 gets his direct reports per pool, 高局长 only 钱处长.
    const qianSummaries = cardsTitled(h, '钱处长', '季度审定结果').map(rawOf).join('\n');
    for (const n of [...DEPUTIES.slice(1), ...GENERAL]) expect(qianSummaries).toContain(n);
    // 高局长 leads 钱处长 (副职) and 严处长 and 马管理 (不定等次): one summary per pool, none naming others' reports.
    const gaoSummaries = cardsTitled(h, '高局长', '季度审定结果').map(rawOf).join('\n');
    expect(gaoSummaries).toContain('钱处长');
    for (const n of [...GENERAL, ...DEPUTIES.slice(1)]) expect(gaoSummaries).not.toContain(n);
    expect(rawOf(cardsTitled(h, '严处长', '季度审定结果')[0]!)).toContain('韩管理');

    // ---- objections: 方文静 (moved down by the quota) and 庞晓东 (一般) -------------------------
    h.clock.set('2026-07-10T10:00:00+08:00');
    await h.say('方文静', '/异议 本季度三个月均为好，平均90分，请求复核');
    expect(textOf(h.inbox('方文静').at(-1)!)).toContain('异议已提交');
    await h.say('庞晓东', '/异议 六月份承担了专项整治任务，评语未体现');
    const reviewFang = cardsTitled(h, '林管理', '异议处理').find((m) => textOf(m).includes('方文静'))!;
    const reviewPang = cardsTitled(h, '林管理', '异议处理').find((m) => textOf(m).includes('庞晓东'))!;
    expect(textOf(reviewFang)).toContain('本季度三个月均为好');

    // Upholding 方文静 to 好 would exceed the quota: refused, nothing changes.
    const beforeUphold = await quarterState(h);
    expectToast(
      await h.click('林管理', reviewFang, buttonValue(cardOf(reviewFang), '更正等次'), { tier: '好', answer: '异议成立' }),
      'error',
      '上限 3 人',
    );
    expect(await quarterState(h)).toEqual(beforeUphold);

    const pangReject = buttonValue(cardOf(reviewPang), '维持原结果');
    const rejected = await h.click('林管理', reviewFang, buttonValue(cardOf(reviewFang), '维持原结果'), { tier: '较好', answer: '本池“好”等次名额为 3 人，按得分排序，维持较好。' });
    expectToast(rejected, 'success', '已维持原结果');
    expect(textOf(rejected.card!.data)).toContain('维持原结果');
    const upheld = await h.click('林管理', reviewPang, buttonValue(cardOf(reviewPang), '更正等次'), { tier: '较好', answer: '经核实，专项整治成效明显，更正为较好。' });
    expectToast(upheld, 'success', '已更正等次');

    expect(textOf(cardsTitled(h, '方文静', '异议处理结果')[0]!)).toContain('维持您2026年第二季度平时考核等次 **“较好”**');
    expect(textOf(cardsTitled(h, '庞晓东', '异议处理结果')[0]!)).toContain('由“一般”更正为 **“较好”**');
    const after = await tiersOf(h);
    expect(after['庞晓东']).toMatchObject({ tier: '较好', status: 'corrected' });
    expect(after['方文静']).toMatchObject({ tier: '较好', status: 'confirmed' });
    const objections = await h.db.selectFrom('objections').selectAll().orderBy('created_at').execute();
    expect(objections.map((o) => [o.status, o.old_tier, o.new_tier])).toEqual([
      ['rejected', '较好', null],
      ['upheld', '一般', '较好'],
    ]);
    const correction = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'grading.quarter.correct').execute();
    expect(correction).toHaveLength(1);
    expect(JSON.parse(correction[0]!.before!)).toMatchObject({ tier: '一般' });
    expect(correction[0]!.reason).toContain('专项整治');
    // A second click on a decided objection changes nothing.
    const beforeAgain = await quarterState(h);
    expectToast(await h.click('林管理', reviewPang, pangReject, { answer: '再次' }), 'error', '已由林管理');
    // The decided card in the chat has no buttons any more.
    expect(textOf(reviewPang)).toContain('由 林管理 于');
    expect(await quarterState(h)).toEqual(beforeAgain);

    // ---- exports agree with the cards ------------------------------------------------------
    const { header, rows: ledger } = await exportCsv(h, 'quarter-tiers', QUARTER);
    // No voice composes the score under the default rules: exactly the contract's columns.
    expect(header).toBe('quarter,unit,name,open_id,level,score,tier,status');
    expect(ledger).toHaveLength(17);
    for (const row of ledger) {
      expect(row.quarter).toBe(QUARTER);
      expect(row.tier, row.name).toBe(feedbackTier(h, row.name!));
      expect(row.status).toBe(row.name === '庞晓东' ? 'corrected' : 'confirmed');
    }
    // Each row names the person's own 处室, though the quota was counted over the organ.
    expect(ledger.filter((r) => r.unit === '综合处').map((r) => r.name).sort()).toEqual([...EVERYONE].sort());
    expect(ledger.find((r) => r.name === '韩管理')).toMatchObject({ unit: '法规处', tier: '不定等次' });
    expect(ledger.find((r) => r.name === '江海燕')).toMatchObject({ level: '一般干部', score: '95', tier: '好' });

    const { rows: annual } = await exportCsv(h, 'annual-eligibility', '2026');
    const jiang = annual.find((r) => r.name === '江海燕')!;
    expect(jiang).toMatchObject({ year: '2026', unit: '综合处', good_quarters: '1', low_quarters: '0', eligible_excellent: '0', credits_met: '', deferred: '0' });
    expect(jiang.reason).toContain('2026-Q1、2026-Q3、2026-Q4 平时考核结果尚未审定');
    // 庞晓东's 一般 was corrected: the annual link sees the corrected tier.
    expect(annual.find((r) => r.name === '庞晓东')).toMatchObject({ low_quarters: '0' });
  });
});
