import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { DomainError } from '../../src/core/errors';
import { checkTierChoice, monthlyScore, tierForScore, validateGradeInput } from '../../src/core/monthly/score';

const rules = defaultRules();
const scoring = rules.scoring;
const item = (points: number, reason = '承担专项任务') => ({ points, reason });

describe('monthlyScore', () => {
  it('weights work and conduct and adds the bonus: 95/90 + 5 → 98, 好', () => {
    const s = monthlyScore({ work: 95, conduct: 90, bonuses: [item(5)], deductions: [] }, scoring);
    expect(s).toEqual({ base: 93, bonus: 5, deduction: 0, total: 98, suggestedTier: '好' });
  });

  it('caps bonuses at bonus_cap (6) however many items there are', () => {
    const s = monthlyScore({ work: 80, conduct: 80, bonuses: [item(4), item(4), item(3)], deductions: [] }, scoring);
    expect(s.bonus).toBe(6);
    expect(s.total).toBe(86);
  });

  it('caps deductions at deduction_cap', () => {
    const s = monthlyScore({ work: 80, conduct: 80, bonuses: [], deductions: [item(15), item(15)] }, scoring);
    expect(s.deduction).toBe(20);
    expect(s.total).toBe(60);
    expect(s.suggestedTier).toBe('一般');
  });

  it('clamps the total to 0–100', () => {
    expect(monthlyScore({ work: 100, conduct: 100, bonuses: [item(6)], deductions: [] }, scoring).total).toBe(100);
    expect(monthlyScore({ work: 5, conduct: 0, bonuses: [], deductions: [item(10)] }, scoring).total).toBe(0);
  });

  it('rounds to two decimals without float noise', () => {
    const s = monthlyScore({ work: 88.33, conduct: 91.17, bonuses: [item(0.1), item(0.2)], deductions: [] }, scoring);
    // 88.33 × 0.6 + 91.17 × 0.4 = 52.998 + 36.468 = 89.466 → 89.47
    expect(s.base).toBe(89.47);
    expect(s.bonus).toBe(0.3);
    expect(s.total).toBe(89.77);
    expect(s.suggestedTier).toBe('较好');
  });

  it('takes weights and caps from the rules, not from code', () => {
    const custom = parseRules({ scoring: { weights: { work: 0.5, conduct: 0.5 }, bonus_cap: 2 } }).scoring;
    const s = monthlyScore({ work: 90, conduct: 80, bonuses: [item(5)], deductions: [] }, custom);
    expect(s).toMatchObject({ base: 85, bonus: 2, total: 87 });
  });

  it('refuses invalid input with a DomainError listing every problem', () => {
    const bad = { work: 101, conduct: -1, bonuses: [item(0, ' ')], deductions: [] };
    expect(() => monthlyScore(bad, scoring)).toThrow(DomainError);
    expect(validateGradeInput(bad, scoring)).toEqual([
      '工作实绩须为 0 到 100 之间的分数（当前为 101）',
      '工作作风须为 0 到 100 之间的分数（当前为 -1）',
      '加分事项第 1 条的分值须大于 0',
      '加分事项第 1 条请填写理由',
    ]);
  });

  it('rejects NaN and negative deductions', () => {
    const problems = validateGradeInput({ work: Number.NaN, conduct: 80, bonuses: [], deductions: [item(-2)] }, scoring);
    expect(problems).toHaveLength(2);
    expect(problems[1]).toBe('扣分事项第 1 条的分值须大于 0');
  });
});

describe('tierForScore', () => {
  it.each([
    [100, '好'],
    [90, '好'],
    [89.99, '较好'],
    [80, '较好'],
    [79.99, '一般'],
    [60, '一般'],
    [59.99, '较差'],
    [0, '较差'],
  ] as const)('%s → %s', (total, tier) => {
    expect(tierForScore(total, scoring.bands)).toBe(tier);
  });
});

describe('checkTierChoice', () => {
  it('accepts the suggested tier without a reason', () => {
    expect(checkTierChoice({ suggested: '好', chosen: '好' }, rules)).toEqual([]);
  });

  it('asks for a reason when overriding the suggestion', () => {
    expect(checkTierChoice({ suggested: '好', chosen: '较好' }, rules)).toEqual([
      '所选等次“较好”与按分数建议的“好”不同，请填写调整理由',
    ]);
    expect(checkTierChoice({ suggested: '好', chosen: '较好', overrideReason: '本月有一次迟报' }, rules)).toEqual([]);
  });

  it('lets the override go without a reason when the rules say so', () => {
    const lax = parseRules({ monthly: { override_needs_reason: false } });
    expect(checkTierChoice({ suggested: '好', chosen: '一般' }, lax)).toEqual([]);
  });

  it('needs a reason for 不定等次 and refuses it when not allowed', () => {
    expect(checkTierChoice({ suggested: '较好', chosen: '不定等次', overrideReason: '  ' }, rules)[0]).toMatch(/须填写原因/);
    expect(checkTierChoice({ suggested: '较好', chosen: '不定等次', overrideReason: '试用期' }, rules)).toEqual([]);
    const strict = parseRules({ monthly: { allow_undetermined: false } });
    expect(checkTierChoice({ suggested: '较好', chosen: '不定等次', overrideReason: '试用期' }, strict)[0]).toMatch(
      /不允许评为不定等次/,
    );
  });

  it('refuses an unknown tier coming from a card', () => {
    expect(checkTierChoice({ suggested: '好', chosen: '优秀' as never }, rules)[0]).toMatch(/无效/);
  });
});
