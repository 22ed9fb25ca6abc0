import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { proposeQuarter, type MonthResult } from '../../src/core/quarterly/proposal';

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
    expect(p.basis).toBe('2026-01 92 分、2026-02 88.5 分、2026-03 90.25 分；3 个月平均 90.25 分，分数段为“好”，建议“好”');
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

// Issue 10 item 2: a month of 一般/较差 caps the quarter (quarterly.month_caps, basis design).
describe('a month of 一般 or 较差 caps the quarter', () => {
  it('April 好 96, May 好 96, June 较差 (a discipline problem) averages 93.33 but is proposed at most 一般', () => {
    const p = proposeQuarter([month('2026-04', '好', 96), month('2026-05', '好', 96), month('2026-06', '较差', 88)], rules);
    expect(p.score).toBe(93.33);
    expect(p.proposedTier).toBe('一般');
    expect(p.basis).toBe('2026-04 96 分、2026-05 96 分、2026-06 较差 88 分；3 个月平均 93.33 分，分数段为“好”；2026-06 月度“较差”，季度至多“一般”，建议“一般”');
  });

  it('a 一般 month allows at most 较好; a lower band is not raised by the cap', () => {
    expect(proposeQuarter([month('2026-04', '好', 95), month('2026-05', '一般', 92), month('2026-06', '好', 95)], rules).proposedTier).toBe('较好');
    expect(proposeQuarter([month('2026-04', '一般', 70), month('2026-05', '一般', 70), month('2026-06', '较好', 80)], rules).proposedTier).toBe('一般');
  });

  it('the caps come from the rules; none when they are emptied', () => {
    const strict = parseRules({ quarterly: { month_caps: { 一般: '一般', 较差: '较差' } } });
    expect(proposeQuarter([month('2026-04', '好', 96), month('2026-05', '好', 96), month('2026-06', '较差', 88)], strict).proposedTier).toBe('较差');
    const none = parseRules({ quarterly: { month_caps: {} } });
    expect(proposeQuarter([month('2026-04', '好', 96), month('2026-05', '好', 96), month('2026-06', '较差', 88)], none).proposedTier).toBe('好');
  });
});

// Issue 10 item 3: minimum months, joining date and probation.
describe('too few months, joining and probation', () => {
  const quarter = { quarterKey: '2026-Q2' };

  it('two 不定等次 months and one graded month is 不定等次, with the reason', () => {
    const p = proposeQuarter([month('2026-04', '不定等次', null), month('2026-05', '不定等次', null), month('2026-06', '好', 95)], rules, quarter);
    expect(p.proposedTier).toBe('不定等次');
    expect(p.score).toBeNull();
    expect(p.basis).toContain('本季度计入考核的月份 1 个，少于 2 个');
    expect(p.basis).toContain('不占“好”等次名额，不计入名额基数');
  });

  it('someone who joined in the quarter’s third month is 不定等次', () => {
    const p = proposeQuarter([month('2026-06', '好', 97)], rules, { ...quarter, joinedOn: '2026-06-08' });
    expect(p.proposedTier).toBe('不定等次');
    expect(p.basis).toContain('2026-06-08 入职，本季度 2 个月不在考核期内');
  });

  it('a month still being graded is named', () => {
    const p = proposeQuarter([month('2026-04', '好', 95)], rules, { ...quarter, pendingMonths: ['2026-05', '2026-06'] });
    expect(p.proposedTier).toBe('不定等次');
    expect(p.basis).toContain('2026-05、2026-06 尚未评鉴');
  });

  it('months within probation do not count: a probationer is 不定等次 and never eligible through it', () => {
    const months = [month('2026-04', '好', 97), month('2026-05', '好', 97), month('2026-06', '好', 97)];
    const p = proposeQuarter(months, rules, { ...quarter, probationUntil: '2026-08-31' });
    expect(p.proposedTier).toBe('不定等次');
    expect(p.basis).toContain('2026-04 试用期内（不计入）');
    expect(p.basis).toContain('试用期至 2026-08-31');
    // Probation ending in April leaves May and June: rated.
    expect(proposeQuarter(months, rules, { ...quarter, probationUntil: '2026-04-30' }).proposedTier).toBe('好');
    // A unit whose rules rate probationers.
    expect(proposeQuarter(months, parseRules({ quarterly: { probation: 'rate' } }), { ...quarter, probationUntil: '2026-08-31' }).proposedTier).toBe('好');
  });

  it('min_months comes from the rules', () => {
    const one = parseRules({ quarterly: { min_months: 1 } });
    expect(proposeQuarter([month('2026-06', '好', 97)], one, quarter).proposedTier).toBe('好');
  });
});
