import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules, type RulesInput } from '../../src/core/rules/rules';
import { poolOf } from '../../src/core/quarterly/pools';
import { checkDetermination, fitPoolToQuota, type QuotaCandidate } from '../../src/core/quarterly/quota';

const rules = defaultRules();
const withQuota = (good_quota: NonNullable<NonNullable<RulesInput['quarterly']>['good_quota']>) =>
  parseRules({ quarterly: { good_quota } });

const person = (personId: string, score: number, extra: Partial<QuotaCandidate> = {}): QuotaCandidate => ({
  personId,
  proposedTier: score >= 90 ? '好' : score >= 80 ? '较好' : '一般',
  score,
  work: score,
  conduct: score,
  goodMonths: 1,
  ...extra,
});

describe('fitPoolToQuota', () => {
  const pool12 = [
    person('a', 98),
    person('b', 96),
    person('c', 95),
    person('d', 93),
    person('e', 92),
    person('f', 91),
    person('g', 90),
    person('h', 88),
    person('i', 85),
    person('j', 82),
    person('k', 75),
    person('l', 0, { proposedTier: '不定等次', score: null, work: null, conduct: null, goodMonths: 0 }),
  ];

  it('12 people, 7 proposed 好, quota 4: the 3 lowest drop to 较好, lowest first', () => {
    const fit = fitPoolToQuota(pool12, 4, rules);
    expect(fit.quota).toBe(4);
    expect(fit.proposedGood).toBe(7);
    expect(fit.mustMove).toEqual(['g', 'f', 'e']);
    expect(fit.undecidedTie).toEqual([]);
    expect(Object.entries(fit.result).filter(([, t]) => t === '好').map(([id]) => id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(fit.result.e).toBe('较好');
    expect(fit.result.h).toBe('较好');
    expect(fit.result.l).toBe('不定等次');
  });

  it('moves nobody when the quota does not bind', () => {
    const fit = fitPoolToQuota(pool12.slice(0, 10).map((c, i) => (i < 4 ? c : { ...c, proposedTier: '较好' as const })), 4, rules);
    expect(fit.mustMove).toEqual([]);
    expect(fit.proposedGood).toBe(4);
  });

  it('breaks a tie at the line by work_score', () => {
    // 2 seats; b and c tie on score 92, c has the higher work score.
    const pool = [
      person('a', 95),
      person('b', 92, { work: 90 }),
      person('c', 92, { work: 94 }),
      person('d', 80),
      person('e', 80),
    ];
    const fit = fitPoolToQuota(pool, 2, rules);
    expect(fit.quota).toBe(2);
    expect(fit.mustMove).toEqual(['b']);
    expect(fit.undecidedTie).toEqual([]);
    expect(fit.result.c).toBe('好');
  });

  it('falls through to good_months when work_score also ties', () => {
    const pool = [
      person('a', 95),
      person('b', 92, { work: 90, goodMonths: 3 }),
      person('c', 92, { work: 90, goodMonths: 2 }),
      person('d', 80),
      person('e', 80),
    ];
    expect(fitPoolToQuota(pool, 2, rules).mustMove).toEqual(['c']);
  });

  it('leaves a tie that survives every key to a human and moves none of the tied', () => {
    const pool = [
      person('a', 95),
      person('b', 92, { work: 90, goodMonths: 2 }),
      person('c', 92, { work: 90, goodMonths: 2 }),
      person('z', 92, { work: 90, goodMonths: 2 }),
      person('d', 91),
      person('e', 80),
      person('f', 80),
    ];
    const fit = fitPoolToQuota(pool, 2, rules);
    expect(fit.quota).toBe(2);
    expect(fit.undecidedTie).toEqual(['b', 'c', 'z']);
    expect(fit.tieSeats).toBe(1);
    expect(fit.mustMove).toEqual(['d']);
    expect(['b', 'c', 'z'].map((id) => fit.result[id])).toEqual(['好', '好', '好']);
  });

  it('uses conduct_score when the rules list it', () => {
    const r = withQuota({ tie_break: ['conduct_score'] });
    const pool = [person('x', 95), person('a', 92, { conduct: 85 }), person('b', 92, { conduct: 88 }), person('c', 70), person('d', 70)];
    expect(fitPoolToQuota(pool, 2, r).mustMove).toEqual(['a']);
  });

  it('moves everyone when the pool has no seat', () => {
    const fit = fitPoolToQuota([person('a', 95), person('b', 91)], 0, rules);
    expect(fit.quota).toBe(0);
    expect(fit.mustMove).toEqual(['b', 'a']);
    expect(fit.undecidedTie).toEqual([]);
  });

  it('refuses the same person twice', () => {
    expect(() => fitPoolToQuota([person('a', 95), person('a', 91)], 1, rules)).toThrow(/两次/);
    expect(() => fitPoolToQuota([person('a', 95)], -1, rules)).toThrow(/名额须为非负整数/);
  });
});

describe('checkDetermination', () => {
  const pool = Array.from({ length: 12 }, (_, i) => ({ personId: `p${i}`, name: `干部${i}` }));
  const tiers = (good: number) =>
    Object.fromEntries(pool.map((p, i) => [p.personId, i < good ? ('好' as const) : ('较好' as const)]));

  it('passes at the quota', () => {
    expect(checkDetermination(pool, tiers(4), 4, rules)).toEqual({ quota: 4, goodCount: 4, errors: [], warnings: [] });
  });

  it('blocks above the quota with hard_block', () => {
    const check = checkDetermination(pool, tiers(5), 4, rules);
    expect(check.errors).toEqual(['好等次已达上限（本池参评 12 人，上限 4 人，现选 5 人），请先将其他人调整为较好']);
  });

  it('only warns when hard_block is off', () => {
    const check = checkDetermination(pool, tiers(5), 4, withQuota({ hard_block: false }));
    expect(check.errors).toEqual([]);
    expect(check.warnings).toHaveLength(1);
  });

  it('names people without a tier and people outside the pool', () => {
    const chosen: Record<string, '好' | '较好'> = { ...tiers(2), outsider: '较好' };
    delete chosen.p11;
    const check = checkDetermination(pool, chosen, 4, rules);
    expect(check.errors).toEqual(['尚有 1 人未确定等次：干部11', '有 1 人不属于本池，不能在此确定等次：outsider']);
  });
});

describe('poolOf', () => {
  it('maps a level to its pool in the rules; merged pools and unknown levels', () => {
    expect(poolOf('副职', rules)).toBe('副职');
    const merged = parseRules({ quarterly: { pools: [{ name: '处级领导', levels: ['正职', '副职'] }, '一般干部'] } });
    expect(poolOf('正职', merged)).toBe('处级领导');
    expect(poolOf('副职', merged)).toBe('处级领导');
    expect(poolOf('科级', merged)).toBeNull();
  });
});
