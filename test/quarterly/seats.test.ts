import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules, type RulesInput } from '../../src/core/rules/rules';
import { allocateSeats, goodQuota } from '../../src/core/quarterly/seats';

const rules = defaultRules();
const withQuota = (good_quota: NonNullable<NonNullable<RulesInput['quarterly']>['good_quota']>) => parseRules({ quarterly: { good_quota } });
const seats = (counts: Record<string, number>, r = rules) => allocateSeats(Object.entries(counts).map(([pool, rated]) => ({ pool, rated })), r);

describe('goodQuota (the organ total)', () => {
  it('is floor(40% × rated people) by default', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 10, 12, 13].map((n) => goodQuota(n, rules))).toEqual([0, 0, 0, 1, 1, 2, 3, 4, 4, 5]);
  });

  it('honours round and ceil, once for the whole organ', () => {
    expect([3, 4, 7].map((n) => goodQuota(n, withQuota({ rounding: 'round' })))).toEqual([1, 2, 3]);
    expect([1, 3, 5, 7, 13].map((n) => goodQuota(n, withQuota({ rounding: 'ceil' })))).toEqual([1, 2, 2, 3, 6]);
  });

  it('is not fooled by float error (0.4 × 5, 0.7 × 10, 0.1 × 3)', () => {
    expect(goodQuota(5, withQuota({ rounding: 'ceil' }))).toBe(2);
    expect(goodQuota(10, withQuota({ max_share: 0.7, rounding: 'ceil' }))).toBe(7);
    expect(goodQuota(3, withQuota({ max_share: 0.1, rounding: 'ceil' }))).toBe(1);
  });

  it('refuses a nonsense count', () => {
    expect(() => goodQuota(-1, rules)).toThrow(/非负整数/);
    expect(() => goodQuota(2.5, rules)).toThrow(/非负整数/);
  });
});

describe('allocateSeats: same-level pools across the organ, largest remainder', () => {
  it('the demo organ (13 people: 3 正职, 2 副职, 8 一般干部) has 5 seats: 1, 1, 3', () => {
    // Per 处室 × level the pools were 1,1,1,4,1,1,4 → quotas 0,0,0,1,0,0,1 = 2 seats.
    expect(seats({ 正职: 3, 副职: 2, 一般干部: 8 })).toEqual({
      rated: 13,
      total: 5,
      seats: { 正职: 1, 副职: 1, 一般干部: 3 },
      exact: { 正职: 1.2, 副职: 0.8, 一般干部: 3.2 },
    });
  });

  it('with rounding: ceil the organ gets ceil(5.2) = 6, not the 9 of 13 per-处室 ceilings gave', () => {
    expect(seats({ 正职: 3, 副职: 2, 一般干部: 8 }, withQuota({ rounding: 'ceil' }))).toMatchObject({ total: 6, seats: { 正职: 1, 副职: 1, 一般干部: 4 } });
  });

  it('gives the seats left to the largest remainders; equal remainders to the larger pool, then the rules’ order', () => {
    // 正职 2 → 0.8, 副职 7 → 2.8, 一般干部 6 → 2.4: total floor(6) = 6; floors 0 + 2 + 2 = 4; .8/.8 tie: 副职 is larger.
    expect(seats({ 正职: 2, 副职: 7, 一般干部: 6 }, withQuota({ min_one_seat: false })).seats).toEqual({ 正职: 1, 副职: 3, 一般干部: 2 });
    // All equal: the rules' order decides (正职 first).
    expect(seats({ 正职: 1, 副职: 1, 一般干部: 1 }, withQuota({ min_one_seat: false, max_share: 0.5 })).seats).toEqual({ 正职: 1, 副职: 0, 一般干部: 0 });
  });

  it('leaves no pool with rated people at 0 by rounding alone while the organ has enough seats', () => {
    // 1 正职 and 10 一般干部: floor(4.4) = 4 seats; plain Hamilton gives 0 + 4.
    expect(seats({ 正职: 1, 一般干部: 10 }, withQuota({ min_one_seat: false })).seats).toEqual({ 正职: 0, 一般干部: 4 });
    expect(seats({ 正职: 1, 一般干部: 10 }).seats).toEqual({ 正职: 1, 一般干部: 3 });
    // Fewer seats than pools: the largest exact shares keep theirs.
    expect(seats({ 正职: 1, 副职: 1, 一般干部: 2 }).seats).toEqual({ 正职: 0, 副职: 0, 一般干部: 1 });
  });

  it('merged pools and a per-处室 scope come from the rules', () => {
    const merged = parseRules({ quarterly: { pools: [{ name: '处级领导', levels: ['正职', '副职'] }, '一般干部'] } });
    expect(merged.quarterly.pools).toEqual([
      { name: '处级领导', levels: ['正职', '副职'] },
      { name: '一般干部', levels: ['一般干部'] },
    ]);
    expect(seats({ 处级领导: 5, 一般干部: 8 }, merged).seats).toEqual({ 处级领导: 2, 一般干部: 3 });
    expect(() => parseRules({ quarterly: { pools: ['正职', { name: 'x', levels: ['正职'] }] } })).toThrow(/同一职级只能属于一个分组/);
    expect(parseRules({ quarterly: { quota_scope: 'division' } }).quarterly.quota_scope).toBe('division');
  });
});
