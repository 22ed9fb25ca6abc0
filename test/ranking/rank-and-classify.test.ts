import { describe, expect, it } from 'vitest';
import { parseRules, RulesError } from '../../src/core/rules/rules';
import { classOf, reasonOf } from '../../src/core/ranking/ranking-doc';
import { rankTable, ratingRules, summary, unitOf } from './pure-helpers';

/**
 * Hand-computed tables. Weights: 周记完成率 0.5, 月度考核平均分 0.3, 学时达标率 0.2; composite =
 * Σ w·score / Σ w over the indicators with data. 先进单位 seats = floor(30 % × ranked units).
 */
describe('composite, missing data', () => {
  const rating = ratingRules();
  const doc = rankTable(rating, [
    unitOf(rating, 'U1', { weekly_completion: 0.9, avg_monthly_score: 80, training: null }), // (45 + 24) / 0.8 = 86.25
    unitOf(rating, 'U2', { weekly_completion: 0.8, avg_monthly_score: 90, training: 1 }), // 40 + 27 + 20 = 87
    unitOf(rating, 'U3', {}), // nothing: not ranked
    unitOf(rating, 'U4', { weekly_completion: 0.6, avg_monthly_score: 70, training: 0.5 }), // 30 + 21 + 10 = 61
  ]);

  it('re-weights the indicators with data instead of counting the missing one as zero', () => {
    // Counted as zero, U1 would have 69 and fall behind nobody but U4; re-weighted it keeps 86.25.
    expect(summary(doc)).toEqual({
      U2: [1, 87, '一般'],
      U1: [2, 86.25, '一般'],
      U4: [3, 61, '工作提示单位'],
      U3: [null, null, '一般'],
    });
    expect(doc.rows.map((r) => r.unitId)).toEqual(['U2', 'U1', 'U4', 'U3']);
  });

  it('keeps a missing indicator missing and says why a unit without data is not ranked', () => {
    const u1 = doc.rows.find((r) => r.unitId === 'U1')!;
    expect(u1.indicators.training).toEqual({ value: null, score: null });
    expect(reasonOf(doc.rows.find((r) => r.unitId === 'U3')!)).toBe('各项指标均无数据，本期未参加排名');
  });

  it('means over ranked units only: (87 + 86.25 + 61) / 3 = 78.08, and U4 is 17.08 below it and last', () => {
    expect(doc.mean).toBe(78.08);
    expect(doc.seats).toBe(0); // floor(0.3 × 3)
    expect(reasonOf(doc.rows.find((r) => r.unitId === 'U4')!)).toBe('低于各单位平均分（78.08 分）17.08 分，排名末位（第 3 名，共 3 个单位）');
  });
});

describe('ties', () => {
  // A 45+27+18 = 90; B 45+24+20 = 89 (monthly 80); C 50+21+18 = 89 (monthly 70); D as B; E 40+24+16 = 80.
  const units = (rating: ReturnType<typeof ratingRules>) => [
    unitOf(rating, 'E', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.8 }),
    unitOf(rating, 'D', { weekly_completion: 0.9, avg_monthly_score: 80, training: 1 }),
    unitOf(rating, 'C', { weekly_completion: 1, avg_monthly_score: 70, training: 0.9 }),
    unitOf(rating, 'B', { weekly_completion: 0.9, avg_monthly_score: 80, training: 1 }),
    unitOf(rating, 'A', { weekly_completion: 0.9, avg_monthly_score: 90, training: 0.9 }),
  ];

  it('breaks an equal composite by the tie-break indicator, and units equal on everything share the rank', () => {
    const rating = ratingRules();
    const doc = rankTable(rating, units(rating));
    expect(summary(doc)).toEqual({ A: [1, 90, '先进单位'], B: [2, 89, '一般'], D: [2, 89, '一般'], C: [4, 89, '一般'], E: [5, 80, '一般'] });
    expect(doc.rows.map((r) => [r.unitId, r.tied])).toEqual([['A', false], ['B', true], ['D', true], ['C', false], ['E', false]]);
    // E is last but only 7.4 below the mean of 87.4: no negative class from rank alone.
    expect(doc.mean).toBe(87.4);
  });

  it('gives 先进单位 to every unit tied at the seat line', () => {
    const rating = ratingRules({ advanced: { top_share: 0.4 } }); // floor(0.4 × 5) = 2 seats; B and D share rank 2
    const doc = rankTable(rating, units(rating));
    expect(doc.seats).toBe(2);
    expect(doc.rows.filter((r) => r.autoClass === '先进单位').map((r) => r.unitId)).toEqual(['A', 'B', 'D']);
    expect(reasonOf(doc.rows[1]!)).toBe('综合得分 89 分，第 2 名（并列），共 5 个单位，在先进名额 2 个之内');
  });

  it('does not depend on the order units are given in', () => {
    const rating = ratingRules();
    const forward = rankTable(rating, units(rating));
    const backward = rankTable(rating, units(rating).reverse());
    expect(summary(backward)).toEqual(summary(forward));
    expect(backward.rows.map((r) => r.unitId)).toEqual(forward.rows.map((r) => r.unitId));
  });
});

describe('veto (一票否决)', () => {
  const rating = ratingRules({ imported: [{ name: '安全生产事故', veto: true }] });
  const doc = rankTable(rating, [
    unitOf(rating, 'A', { weekly_completion: 0.9, avg_monthly_score: 90, training: 0.9, 安全生产事故: 1 }), // 90, vetoed
    unitOf(rating, 'B', { weekly_completion: 0.9, avg_monthly_score: 80, training: 1, 安全生产事故: 0 }), // 89
    unitOf(rating, 'C', { weekly_completion: 1, avg_monthly_score: 70, training: 0.9 }), // 89, loses the tie-break
    unitOf(rating, 'E', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.8 }), // 80
  ]);

  it('puts the vetoed unit last and in the lowest class whatever its score; the veto carries no weight', () => {
    expect(summary(doc)).toEqual({ B: [1, 89, '先进单位'], C: [2, 89, '一般'], E: [3, 80, '一般'], A: [4, 90, '警示单位'] });
    expect(reasonOf(doc.rows.at(-1)!)).toBe('一票否决：安全生产事故，直接列为末位');
  });

  it('leaves the unit just above the vetoed one out of the bottom-rank rule', () => {
    // mean (90 + 89 + 89 + 80) / 4 = 87; E is 7 below it and one unit is behind it.
    expect(doc.mean).toBe(87);
    expect(doc.rows.find((r) => r.unitId === 'E')!.autoClass).toBe('一般');
  });
});

describe('floor, gap below the mean and consecutive periods', () => {
  const rating = ratingRules();
  const top = [
    unitOf(rating, 'P', { weekly_completion: 1, avg_monthly_score: 100, training: 1 }), // 100
    unitOf(rating, 'Q', { weekly_completion: 0.9, avg_monthly_score: 90, training: 0.9 }), // 90
    unitOf(rating, 'S', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.8 }), // 80
  ];
  const last = (values: Record<string, number>, streak: number) => rankTable(rating, [...top, unitOf(rating, 'R', values, streak)]).rows.at(-1)!;

  it('below the floor of 60: 工作提示单位, and 通报批评单位 when the previous period was already negative', () => {
    const below = { weekly_completion: 0.6, avg_monthly_score: 50, training: 0.5 }; // 30 + 15 + 10 = 55
    expect([last(below, 0).score, classOf(last(below, 0))]).toEqual([55, '工作提示单位']);
    expect(classOf(last(below, 1))).toBe('通报批评单位');
    expect(reasonOf(last(below, 1))).toBe('综合得分 55 分，低于 60 分，连续 2 期列入工作提示及以下类别');
  });

  it('last and at least 10 below the mean: 工作提示单位, escalated by a consecutive period', () => {
    const gap = { weekly_completion: 0.7, avg_monthly_score: 70, training: 0.6 }; // 35 + 21 + 12 = 68; mean 84.5
    expect(reasonOf(last(gap, 0))).toBe('低于各单位平均分（84.5 分）16.5 分，排名末位（第 4 名，共 4 个单位）');
    expect(classOf(last(gap, 0))).toBe('工作提示单位');
    expect(classOf(last(gap, 1))).toBe('通报批评单位');
  });

  it('last but less than 10 below the mean stays 一般: no negative class from rank alone', () => {
    const close = { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.7 }; // 40 + 24 + 14 = 78; mean 87
    expect([last(close, 0).score, classOf(last(close, 0)), classOf(last(close, 3))]).toEqual([78, '一般', '一般']);
  });

  it('refuses a rank-only rule unless the rules file says rank_alone, and then applies it', () => {
    expect(() => parseRules({ unit_rating: { negative: [{ class: '工作提示单位', bottom_ranks: 1 }] } })).toThrowError(RulesError);
    expect(() => parseRules({ unit_rating: { negative: [{ class: '工作提示单位', bottom_ranks: 1 }] } })).toThrowError(/rank_alone: true/);
    const strict = ratingRules({ negative: [{ class: '工作提示单位', bottom_ranks: 1, rank_alone: true }] });
    const doc = rankTable(strict, [...top.map((u) => ({ ...u })), unitOf(strict, 'R', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.7 })]);
    expect(classOf(doc.rows.at(-1)!)).toBe('工作提示单位');
  });

  it('keeps 先进单位 from a first place below the minimum score', () => {
    const low = ratingRules({ advanced: { top_share: 0.4 } });
    const doc = rankTable(low, [
      unitOf(low, 'X', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.7 }), // 78
      unitOf(low, 'Y', { weekly_completion: 0.7, avg_monthly_score: 70, training: 0.7 }), // 35 + 21 + 14 = 70
      unitOf(low, 'Z', { weekly_completion: 0.7, avg_monthly_score: 70, training: 0.5 }), // 35 + 21 + 10 = 66
    ]);
    expect(summary(doc).X).toEqual([1, 78, '一般']);
    expect(reasonOf(doc.rows[0]!)).toContain('得分低于先进单位最低分 80 分');
  });
});
