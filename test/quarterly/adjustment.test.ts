import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../src/core/rules/rules';
import { DomainError } from '../../src/core/errors';
import { applyAdjustment, correctLocked, type DeterminationState } from '../../src/core/grading';

const rules = defaultRules();
// 5 people → quota 2.
const open: DeterminationState = {
  locked: false,
  tiers: { a: '好', b: '好', c: '较好', d: '较好', e: '一般' },
};
const lockedState: DeterminationState = { ...open, locked: true };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('applyAdjustment', () => {
  it('returns a new state and leaves the old one untouched', () => {
    const next = applyAdjustment(open, { personId: 'b', tier: '较好' }, rules);
    expect(next.tiers.b).toBe('较好');
    expect(open.tiers.b).toBe('好');
  });

  it('refuses a third 好 in a pool of 5', () => {
    expect(() => applyAdjustment(open, { personId: 'c', tier: '好' }, rules)).toThrow(
      '好等次已达上限（本池 5 人，上限 2 人），请先将其他人调整为较好',
    );
    expect(codeOf(() => applyAdjustment(open, { personId: 'c', tier: '好' }, rules))).toBe('QUOTA_EXCEEDED');
  });

  it('always allows lowering someone, even while the pool is over the quota', () => {
    const over: DeterminationState = { locked: false, tiers: { ...open.tiers, c: '好' } };
    expect(applyAdjustment(over, { personId: 'a', tier: '较好' }, rules).tiers.a).toBe('较好');
  });

  it('refuses any change once locked', () => {
    expect(() => applyAdjustment(lockedState, { personId: 'a', tier: '较好' }, rules)).toThrow(
      '本季度结果已审定锁定，如需更正请走异议或更正流程',
    );
    expect(codeOf(() => applyAdjustment(lockedState, { personId: 'a', tier: '好' }, rules))).toBe('LOCKED');
  });

  it('refuses unknown people and tiers', () => {
    expect(codeOf(() => applyAdjustment(open, { personId: 'x', tier: '较好' }, rules))).toBe('NOT_FOUND');
    expect(codeOf(() => applyAdjustment(open, { personId: 'a', tier: '优秀' as never }, rules))).toBe('INVALID_INPUT');
  });
});

describe('correctLocked', () => {
  it('applies an upheld objection as an audited swap and stays locked', () => {
    const { state, corrections } = correctLocked(
      lockedState,
      [
        { personId: 'c', tier: '好' },
        { personId: 'b', tier: '较好' },
      ],
      '异议成立：3 月加分事项漏计',
      rules,
    );
    expect(state.locked).toBe(true);
    expect(state.tiers).toMatchObject({ b: '较好', c: '好' });
    expect(corrections).toEqual([
      { personId: 'c', from: '较好', to: '好', reason: '异议成立：3 月加分事项漏计' },
      { personId: 'b', from: '好', to: '较好', reason: '异议成立：3 月加分事项漏计' },
    ]);
    expect(lockedState.tiers.c).toBe('较好');
  });

  it('still enforces the quota', () => {
    expect(() => correctLocked(lockedState, [{ personId: 'c', tier: '好' }], '异议成立', rules)).toThrow(
      /好等次已达上限（本池 5 人，上限 2 人），请在同一次更正中将其他人调整为较好/,
    );
  });

  it('needs a reason, a real change and a locked quarter', () => {
    expect(codeOf(() => correctLocked(lockedState, [{ personId: 'a', tier: '较好' }], ' ', rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => correctLocked(lockedState, [{ personId: 'a', tier: '好' }], '复核', rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => correctLocked(open, [{ personId: 'a', tier: '较好' }], '复核', rules))).toBe('NOT_APPLICABLE');
  });
});
