import { describe, expect, it } from 'vitest';
import type { TierOrUndetermined } from '../../src/core/rules/terms';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { annualEligibility, lossOfHonourEligibility } from '../../src/core/annual/eligibility';

const rules = defaultRules();
const year = (...tiers: (TierOrUndetermined | null)[]) => tiers.map((tier, i) => ({ quarter: `2026-Q${i + 1}`, tier }));

describe('annualEligibility (majority_good_no_low, the default)', () => {
  it('two 好 and no low quarter → eligible', () => {
    const r = annualEligibility({ quarters: year('好', '较好', '好', '较好'), creditsMet: true }, rules);
    expect(r).toEqual({ eligibleExcellent: true, goodQuarters: 2, lowQuarters: 0, annualTierDeferred: false, reasons: [] });
  });

  it('one 好 is not enough', () => {
    const r = annualEligibility({ quarters: year('好', '较好', '较好', '较好'), creditsMet: true }, rules);
    expect(r.eligibleExcellent).toBe(false);
    expect(r.reasons).toEqual(['平时考核“好”等次 1 次，少于评优要求的 2 次']);
  });

  it('a 一般 quarter forbids it even with three 好', () => {
    const r = annualEligibility({ quarters: year('好', '好', '一般', '好'), creditsMet: true }, rules);
    expect(r.lowQuarters).toBe(1);
    expect(r.reasons).toEqual(['平时考核有 2026-Q3“一般”等次，不能评为优秀']);
  });

  // Issue 10 item 7, seed 002: "年底不得评先评优，并缓定当年年度考核等次，等培训任务完成后再确定".
  it('training not met → not eligible and the annual tier is 缓定, with what is missing', () => {
    const r = annualEligibility({ quarters: year('好', '好', '好', '好'), creditsMet: false }, rules);
    expect(r.annualTierDeferred).toBe(true);
    expect(r.reasons).toEqual(['学时未达标，年度等次缓定，待培训任务完成后再确定，当年不得评先评优']);
    const named = annualEligibility({ quarters: year('好', '好', '好', '好'), creditsMet: false, trainingShortfall: ['集中培训差 90 学时'] }, rules);
    expect(named.reasons).toEqual(['学时未达标（集中培训差 90 学时），年度等次缓定，待培训任务完成后再确定，当年不得评先评优']);
  });

  it('补学 completed in the window clears the 缓定; 评优 stays lost unless the rules restore it', () => {
    const madeUp = { quarters: year('好', '好', '好', '好'), creditsMet: false, trainingMadeUp: true };
    const r = annualEligibility(madeUp, rules);
    expect(r.annualTierDeferred).toBe(false);
    expect(r.reasons).toEqual(['年度培训任务在次年补学完成，缓定已解除；按规定当年不得评先评优']);
    expect(annualEligibility(madeUp, parseRules({ annual: { makeup_restores_excellent: true } })).eligibleExcellent).toBe(true);
  });

  it('a sanction whose 影响期 overlaps the year bars 优秀; kinds come from the rules', () => {
    const sanctions = [{ kind: '诫勉', startDate: '2025-10-01', endDate: '2026-03-31' }];
    const r = annualEligibility({ quarters: year('好', '好', '好', '好'), creditsMet: true, sanctions }, rules);
    expect(r.reasons).toEqual(['受诫勉，影响期 2025-10-01 至 2026-03-31，影响期内不能评为优秀']);
    const lenient = parseRules({ annual: { disqualifiers: { sanction_kinds: ['记过', '记大过', '降级', '撤职'] } } });
    expect(annualEligibility({ quarters: year('好', '好', '好', '好'), creditsMet: true, sanctions }, lenient).eligibleExcellent).toBe(true);
  });

  it('leave over half the year’s workdays bars 优秀; exactly half does not', () => {
    const base = { quarters: year('好', '好', '好', '好'), creditsMet: true as const };
    expect(annualEligibility({ ...base, leave: { days: 125, workdays: 249 } }, rules).reasons).toEqual(['病事假累计 125 个工作日，超过全年 249 个工作日的一半，不参加评优']);
    expect(annualEligibility({ ...base, leave: { days: 124, workdays: 248 } }, rules).eligibleExcellent).toBe(true);
    expect(annualEligibility({ ...base, leave: { days: 200, workdays: 248 } }, parseRules({ annual: { disqualifiers: { leave_over_half_year: false } } })).eligibleExcellent).toBe(true);
  });

  it('ignores training when require_training is off', () => {
    const r = annualEligibility(
      { quarters: year('好', '好', '好', '好'), creditsMet: false },
      parseRules({ annual: { require_training: false } }),
    );
    expect(r.eligibleExcellent).toBe(true);
    expect(r.annualTierDeferred).toBe(false);
  });

  it('lists every reason in a stable order', () => {
    const r = annualEligibility(
      { quarters: [...year('较差', '较好', null)].reverse(), creditsMet: null, leaveDaysOverHalfYear: true },
      rules,
    );
    expect(r.reasons).toEqual([
      '2026-Q3 平时考核结果尚未审定',
      '平时考核“好”等次 0 次，少于评优要求的 2 次',
      '平时考核有 2026-Q1“较差”等次，不能评为优秀',
      '学时完成情况尚未确认，暂不能确定评优资格',
      '病事假累计超过半年，不参加评优',
    ]);
  });

  it('does not count 不定等次 as 好 or low', () => {
    const r = annualEligibility({ quarters: year('不定等次', '好', '好', '较好'), creditsMet: true }, rules);
    expect(r).toMatchObject({ eligibleExcellent: true, goodQuarters: 2, lowQuarters: 0 });
  });
});

describe('annualEligibility (at_least_one_good)', () => {
  const lenient = parseRules({ annual: { excellent_eligibility: { mode: 'at_least_one_good' } } });

  it('one 好 is enough', () => {
    expect(annualEligibility({ quarters: year('好', '较好', '较好', '较好'), creditsMet: true }, lenient).eligibleExcellent).toBe(
      true,
    );
  });

  it('no 好 is not', () => {
    const r = annualEligibility({ quarters: year('较好', '较好', '较好', '较好'), creditsMet: true }, lenient);
    expect(r.reasons).toEqual(['平时考核没有“好”等次，不具备评优资格']);
  });
});

describe('lossOfHonourEligibility', () => {
  it('is lost with any 一般 or 较差 quarter', () => {
    expect(lossOfHonourEligibility(year('好', '较差', '一般', '好'))).toEqual({
      lost: true,
      quarters: ['2026-Q2', '2026-Q3'],
      reason: '2026-Q2、2026-Q3 平时考核为一般或较差，失去本年度评优评先资格',
    });
  });

  it('is kept otherwise', () => {
    expect(lossOfHonourEligibility(year('好', '较好', '不定等次', null)).lost).toBe(false);
  });
});
