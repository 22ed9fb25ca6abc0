import { larkCard } from '../helpers/cards';
import { exportCsv } from '../helpers/ledgers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/table-file';
import { rankingAdjust, rankingPublish, rankingRecompute } from '../../src/features/ranking/ranking-actions';
import unitRanking from '../../src/features/ranking/unit-ranking.job';
import { Harness } from '../helpers/harness';
import { buttonValue, cardOf, cardTitle, expectToast } from '../helpers/cards';
import { dialectsUnderTest } from '../helpers/stores';
import { CITY_CHAT, DRAFT_AT, ORGANS, RANKING_RULES, chartBars, chatOf, rankingOrg, seedNovember, tableRows, titled } from './helpers';

const TITLE = '2026年11月 单位评优评差（月度评价）';

describe.each(dialectsUnderTest())('评优评差 draft → review → publish over HTTP (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('drafts, lets the city admin adjust with a reason, publishes one card per unit chat with table and chart, and never twice', async () => {
    h = await Harness.start({ dialect, org: rankingOrg(), rules: RANKING_RULES, now: '2026-12-01T10:00:00+08:00' });
    await seedNovember(h);

    // ---- the job: not before its time, then once ------------------------------------------
    expect(unitRanking.periodAt(h.depsAt('2026-12-10T09:59:00+08:00'))).toBe('2026-10');
    expect(unitRanking.periodAt(h.depsAt(DRAFT_AT))).toBe('2026-11');
    expect((await h.runJob('unit-ranking', DRAFT_AT)).status).toBe('done');
    expect((await h.runJob('unit-ranking', DRAFT_AT)).status).toBe('already-done');

    // Nothing reaches a unit before publishing; the admin has the table page and the review card.
    for (const o of ORGANS) expect(h.inbox(chatOf(o.id))).toEqual([]);
    expect(h.inbox(CITY_CHAT)).toEqual([]);
    const review = titled(h, '马管理', `审核 · ${TITLE}`);
    expect(review).toHaveLength(1);
    const page = titled(h, '马管理', `排名明细 · ${TITLE}`);
    expect(page).toHaveLength(1);
    // 0.5 × monthly + 0.5 × 量化考评: 92.5, 84, 75, 55; mean 76.63; one 先进 seat (floor 0.3 × 4).
    expect(tableRows(cardOf(page[0]!)).map((r) => [r.rank, r.unit, r.score, r.class])).toEqual([
      ['1', '市财政局', '92.5', '先进单位'],
      ['2', '市教育局', '84', '一般'],
      ['3', '市民政局', '75', '一般'],
      ['4', '市司法局', '55', '工作提示单位'],
    ]);
    expect(Harness.textOf(cardOf(review[0]!))).toContain('**市司法局**：工作提示单位。综合得分 55 分，低于 60 分');

    await expect(exportCsv(h, 'unit-ranking', '2026-11')).rejects.toThrow('2026年11月的单位排名尚未发布（草稿待审核），发布后再导出。');

    // ---- adjusting needs a reason, and is audited ------------------------------------------
    const adjust = buttonValue(cardOf(review[0]!), rankingAdjust);
    const stalePublish = buttonValue(cardOf(review[0]!), rankingPublish);
    expectToast(await h.click('马管理', review[0]!, adjust, { unit: '市民政局', class: '工作提示单位', reason: ' ' }), 'error', '须写明理由');
    expectToast(await h.click('钱科员一', review[0]!, adjust, { unit: '市民政局', class: '工作提示单位', reason: '核查' }), 'error', '仅公务员局管理员');
    const adjusted = await h.click('马管理', review[0]!, adjust, { unit: '市民政局', class: '工作提示单位', reason: '专项检查发现台账不全' });
    expectToast(adjusted, 'success', '已调整');
    const trail = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'ranking.adjust').execute();
    expect(trail.map((a) => [a.actor, JSON.parse(a.before!), JSON.parse(a.after!), a.reason])).toEqual([
      [h.person('马管理').open_id, { unit: 'A3', class: '一般' }, { unit: 'A3', class: '工作提示单位' }, '专项检查发现台账不全'],
    ]);
    // A button of the card as it was before the adjustment is refused; the answer card carries the new revision.
    expectToast(await h.click('马管理', review[0]!, stalePublish), 'error', '卡片已失效');
    // 重新计算 keeps the adjustment on its unit.
    const recomputed = await h.click('马管理', review[0]!, buttonValue(adjusted.card!.data, rankingRecompute));
    expectToast(recomputed, 'success', '已按最新数据重新计算');
    expect(Harness.textOf(recomputed.card!.data)).toContain('**市民政局**：工作提示单位。经审核调整为工作提示单位：专项检查发现台账不全（按规则为一般：');
    const current = recomputed.card!.data;

    // ---- publish: one announcement per unit chat, the table in the city chat ---------------
    const published = await h.click('马管理', review[0]!, buttonValue(current, rankingPublish));
    expectToast(published, 'success', '通报已发往 4 个单位群');
    for (const o of ORGANS) {
      const cards = h.inbox(chatOf(o.id));
      expect(cards).toHaveLength(1);
      const card = cardOf(cards[0]!);
      expect(cardTitle(card)).toBe(TITLE);
      larkCard(card);
      expect(tableRows(card).map((r) => r.unit)).toEqual(ORGANS.map((x) => (x.id === o.id ? `▶ ${x.name}（本单位）` : x.name)));
      expect(chartBars(card)).toEqual([
        ['1. 市财政局', 92.5],
        ['2. 市教育局', 84],
        ['3. 市民政局', 75],
        ['4. 市司法局', 55],
      ]);
    }
    const own = Harness.textOf(cardOf(h.inbox(chatOf('A3'))[0]!));
    expect(own).toContain('**市民政局**：第 **3** 名（共 4 个单位参加排名），综合得分 **75**，类别：**工作提示单位**');
    expect(own).toContain('经审核调整为工作提示单位：专项检查发现台账不全');
    // Monthly mean 83.25, 量化考评 mean 70: only the monthly score is below the mean; 0.5 × 3.25 = 1.63.
    expect(own).toContain('**拉低得分的指标**\n- 月度考核平均分 80（各单位平均 83.25），约拉低综合得分 1.63 分');
    // Unit-level only: nobody is named in a unit's announcement.
    for (const name of ORGANS.flatMap((o) => o.people)) expect(JSON.stringify(cardOf(h.inbox(chatOf('A4'))[0]!))).not.toContain(name);
    const city = h.inbox(CITY_CHAT);
    expect(city).toHaveLength(1);
    expect(tableRows(cardOf(city[0]!)).map((r) => [r.rank, r.unit, r.score, r.class])).toEqual([
      ['1', '市财政局', '92.5', '先进单位'],
      ['2', '市教育局', '84', '一般'],
      ['3', '市民政局', '75', '工作提示单位（调整）'],
      ['4', '市司法局', '55', '工作提示单位'],
    ]);

    // ---- a second publish sends nothing new ----------------------------------------------
    const sentBefore = await h.db.selectFrom('outbox').select('idem_key').where('receive_id_type', '=', 'chat_id').execute();
    const again = await h.click('马管理', review[0]!, buttonValue(published.card!.data, rankingPublish));
    expectToast(again, 'info', '不重复发送');
    expect(await h.db.selectFrom('outbox').select('idem_key').where('receive_id_type', '=', 'chat_id').execute()).toEqual(sentBefore);
    for (const o of ORGANS) expect(h.inbox(chatOf(o.id))).toHaveLength(1);

    // ---- /排名 and the export say what the card said -----------------------------------------
    await h.say('孙科员一', '排名');
    const mine = cardOf(h.inbox('孙科员一').at(-1)!);
    expect(cardTitle(mine)).toBe(TITLE);
    expect(tableRows(mine)).toEqual(tableRows(cardOf(h.inbox(chatOf('A3'))[0]!)));
    const { rows: ledger } = await exportCsv(h, 'unit-ranking', '2026-11');
    expect(ledger).toEqual([
      { period: '2026-11', rank: '1', unit_id: 'A1', unit: '市财政局', score: '92.5', class: '先进单位' },
      { period: '2026-11', rank: '2', unit_id: 'A2', unit: '市教育局', score: '84', class: '一般' },
      { period: '2026-11', rank: '3', unit_id: 'A3', unit: '市民政局', score: '75', class: '工作提示单位' },
      { period: '2026-11', rank: '4', unit_id: 'A4', unit: '市司法局', score: '55', class: '工作提示单位' },
    ]);
    const cityRows = tableRows(cardOf(city[0]!));
    expect(ledger.map((r) => [r.rank, r.unit, r.score])).toEqual(cityRows.map((r) => [r.rank, r.unit, r.score]));
    const xlsx = join(mkdtempSync(join(tmpdir(), 'pingshi-rank-')), 'ranking.xlsx');
    const { exportLedger } = await import('../../src/cli/export');
    await exportLedger(h.app, 'unit-ranking', { period: '2026-11', out: xlsx }, { out: new PassThrough(), err: new PassThrough() });
    const sheet = await readTable(xlsx, { columns: ['period', 'rank', 'unit_id', 'unit', 'score', 'class'] });
    expect(sheet.rows.map((r) => r.values)).toEqual(ledger);

    // ---- a correction after publishing is a new, marked announcement ------------------------
    const corrected = await h.click('马管理', review[0]!, buttonValue(again.card!.data, rankingAdjust), { unit: '市民政局', class: '一般', reason: '台账已补齐，撤销调整' });
    expectToast(corrected, 'success', '已调整');
    const correction = await h.click('马管理', review[0]!, buttonValue(corrected.card!.data, rankingPublish));
    expectToast(correction, 'success', '已发布更正（第 2 版），通报已发往 1 个单位群');
    const fix = h.inbox(chatOf('A3'));
    expect(fix).toHaveLength(2);
    expect(cardTitle(cardOf(fix[1]!))).toBe(`【更正】${TITLE}`);
    expect(Harness.textOf(cardOf(fix[1]!))).toContain('类别 工作提示单位 → 一般');
    for (const o of ['A1', 'A2', 'A4']) expect(h.inbox(chatOf(o))).toHaveLength(1);
    expect(h.inbox(CITY_CHAT).map((m) => cardTitle(cardOf(m)))).toEqual([TITLE, `【更正】${TITLE}`]);
    expect((await exportCsv(h, 'unit-ranking', '2026-11')).rows.find((r) => r.unit_id === 'A3')!.class).toBe('一般');
  });
});
