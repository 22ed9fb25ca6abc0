import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../src/core/rules/rules';
import { proposeQuarter, type MonthResult } from '../../src/core/grading';

const rules = defaultRules();
const month = (m: string, tier: MonthResult['tier'], total: number | null, work = total, conduct = total): MonthResult => ({
  month: m,
  tier,
  total,
  work,
  conduct,
});

describe('proposeQuarter (mean_score_band)', () => {
  it('bands the mean of the three months', () => {
    const p = proposeQuarter(
      [month('2026-03', '好', 90.25), month('2026-01', '好', 92), month('2026-02', '较好', 88.5)],
      rules,
    );
    expect(p.score).toBe(90.25);
    expect(p.proposedTier).toBe('好');
    expect(p.goodMonths).toBe(2);
    expect(p.basis).toBe('2026-01 92 分、2026-02 88.5 分、2026-03 90.25 分；3 个月平均 90.25 分，按分数段建议“好”');
  });

  it('leaves undetermined months out of the mean', () => {
    const p = proposeQuarter(
      [month('2026-04', '不定等次', null), month('2026-05', '较好', 85, 80, 92.5), month('2026-06', '好', 91, 90, 92.5)],
      rules,
    );
    expect(p).toMatchObject({ score: 88, work: 85, conduct: 92.5, goodMonths: 1, proposedTier: '较好' });
    expect(p.basis).toContain('2026-04 不定等次（不计入）');
  });

  it('rounds the mean before banding so the card never shows 90 next to 较好', () => {
    const p = proposeQuarter([month('2026-01', '好', 90), month('2026-02', '好', 90), month('2026-03', '较好', 89.99)], rules);
    expect(p.score).toBe(90);
    expect(p.proposedTier).toBe('好');
  });

  it('is 不定等次 when no month counts', () => {
    const p = proposeQuarter([month('2026-07', '不定等次', null), month('2026-08', '不定等次', 80)], rules);
    expect(p).toMatchObject({ score: null, work: null, conduct: null, proposedTier: '不定等次', goodMonths: 0 });
    expect(proposeQuarter([], rules).proposedTier).toBe('不定等次');
  });

  it('refuses the same month twice', () => {
    expect(() => proposeQuarter([month('2026-01', '好', 90), month('2026-01', '好', 95)], rules)).toThrow(/重复/);
  });
});
