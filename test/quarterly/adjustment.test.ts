import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import type { TierOrUndetermined } from '../../src/core/rules/terms';
import { DomainError } from '../../src/core/errors';
import { applyAdjustment, correctLocked, type DeterminationState } from '../../src/core/quarterly/adjustment';

const rules = defaultRules();
const members = (pool: string, tiers: Record<string, TierOrUndetermined>) => Object.entries(tiers).map(([personId, tier]) => ({ personId, pool, tier }));
// 一般干部 a–e (5 rated) and 副职 x, y, z (3 rated): organ 8 × 40% = 3 seats → 一般干部 2, 副职 1.
const scope = [...members('一般干部', { a: '好', b: '好', c: '较好', d: '较好', e: '一般' }), ...members('副职', { x: '好', y: '较好', z: '较好' })];
const open: DeterminationState = { pool: '一般干部', locked: false, members: scope };
const lockedState: DeterminationState = { ...open, locked: true };
const tierOf = (s: DeterminationState, id: string) => s.members.find((m) => m.personId === id)!.tier;

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
    expect(tierOf(next, 'b')).toBe('较好');
    expect(tierOf(open, 'b')).toBe('好');
  });

  it('refuses a third 好 in a pool with 2 seats', () => {
    expect(() => applyAdjustment(open, { personId: 'c', tier: '好' }, rules)).toThrow('好等次已达上限（本池参评 5 人，上限 2 人，现选 3 人），请先将其他人调整为较好');
    expect(codeOf(() => applyAdjustment(open, { personId: 'c', tier: '好' }, rules))).toBe('QUOTA_EXCEEDED');
  });

  it('always allows lowering someone, even while the pool is over its seats', () => {
    const over: DeterminationState = { ...open, members: open.members.map((m) => (m.personId === 'c' ? { ...m, tier: '好' as const } : m)) };
    expect(tierOf(applyAdjustment(over, { personId: 'a', tier: '较好' }, rules), 'a')).toBe('较好');
  });

  it('refuses a 不定等次 that would take a seat from a locked pool', () => {
    // Without the one-seat floor: 一般干部 6 rated (2.4) and 副职 2 (0.8) share floor(3.2) = 3 seats as 2 + 1.
    // One 一般干部 fewer leaves floor(2.8) = 2 seats, 2.0 + 0.8 → 2 + 0: the locked 副职 would lose the seat it used.
    const plain = parseRules({ quarterly: { good_quota: { min_one_seat: false } } });
    const state: DeterminationState = {
      pool: '一般干部',
      locked: false,
      members: [...members('一般干部', { a: '好', b: '较好', c: '较好', d: '较好', e: '较好', f: '较好' }), ...members('副职', { x: '好', y: '较好' })],
      lockedPools: new Set(['副职']),
    };
    expect(() => applyAdjustment(state, { personId: 'f', tier: '不定等次' }, plain)).toThrow(/“副职”组已审定“好”等次 1 人，而按现在的参评人数其名额将由 1 人减为 0 人/);
    expect(tierOf(applyAdjustment(state, { personId: 'f', tier: '一般' }, plain), 'f')).toBe('一般');
  });

  it('refuses any change once locked', () => {
    expect(() => applyAdjustment(lockedState, { personId: 'a', tier: '较好' }, rules)).toThrow('本季度结果已审定锁定，如需更正请走异议或更正流程');
    expect(codeOf(() => applyAdjustment(lockedState, { personId: 'a', tier: '好' }, rules))).toBe('LOCKED');
  });

  it('refuses unknown people, people of another pool, and unknown tiers', () => {
    expect(codeOf(() => applyAdjustment(open, { personId: 'nobody', tier: '较好' }, rules))).toBe('NOT_FOUND');
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
    expect([tierOf(state, 'b'), tierOf(state, 'c')]).toEqual(['较好', '好']);
    expect(corrections).toEqual([
      { personId: 'c', from: '较好', to: '好', reason: '异议成立：3 月加分事项漏计' },
      { personId: 'b', from: '好', to: '较好', reason: '异议成立：3 月加分事项漏计' },
    ]);
    expect(tierOf(lockedState, 'c')).toBe('较好');
  });

  it('still enforces the seats, and says the swap goes in the same correction', () => {
    expect(() => correctLocked(lockedState, [{ personId: 'c', tier: '好' }], '异议成立', rules)).toThrow(
      /好等次已达上限（本池参评 5 人，上限 2 人，现选 3 人），请在同一次更正中将本组其他“好”等次人员调整为较好/,
    );
  });

  it('needs a reason, a real change and a locked pool', () => {
    expect(codeOf(() => correctLocked(lockedState, [{ personId: 'a', tier: '较好' }], ' ', rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => correctLocked(lockedState, [{ personId: 'a', tier: '好' }], '复核', rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => correctLocked(open, [{ personId: 'a', tier: '较好' }], '复核', rules))).toBe('NOT_APPLICABLE');
  });
});
