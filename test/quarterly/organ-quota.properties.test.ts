import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVEL_POOLS, UNDETERMINED, type TierOrUndetermined } from '../../src/core/rules/terms';
import { parseRules, type Rules } from '../../src/core/rules/rules';
import { type QuotaCandidate } from '../../src/core/quarterly/quota';
import { fitScopeToQuota } from '../../src/core/quarterly/scope-quota';
import { goodQuota } from '../../src/core/quarterly/seats';
import { computeScopeProposals } from '../../src/core/quarterly/proposal.service';
import { tierForScore } from '../../src/core/monthly/score';
import { createTestStore } from '../helpers/stores';

/**
 * Issue 10: the 好 quota over the organ. The organ total never exceeds floor(max_share × rated
 * people), reaches it when enough proposals are 好, and depends neither on input order nor on how
 * people are spread over the 处室.
 */

type Person = QuotaCandidate & { pool: string; unit: string };

const rulesArb: fc.Arbitrary<Rules> = fc
  .record({ max_share: fc.constantFrom(0.2, 0.3, 0.4, 0.5), min_one_seat: fc.boolean(), tie_break: fc.subarray(['work_score', 'good_months'] as const) })
  .map((good_quota) => parseRules({ quarterly: { good_quota } }));

const personArb = (personId: string): fc.Arbitrary<Person> =>
  fc.record({
    personId: fc.constant(personId),
    pool: fc.constantFrom(...LEVEL_POOLS),
    unit: fc.constantFrom('A', 'B', 'C'),
    proposedTier: fc.constantFrom<TierOrUndetermined>('好', '好', '好', '较好', '一般', UNDETERMINED),
    score: fc.integer({ min: 9000, max: 9900 }).map((x) => x / 100),
    work: fc.constantFrom(88, 92),
    conduct: fc.constantFrom(88, 92),
    goodMonths: fc.integer({ min: 0, max: 3 }),
  });

const organArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 60 }).chain((ids) => fc.tuple(...ids.map(personArb)));

const rated = (people: readonly Person[]) => people.filter((p) => p.proposedTier !== UNDETERMINED).length;

/** 好 after the fitting, with each tie at a line settled by the human (only `tieSeats` of it keep 好). */
function settledGood(people: readonly Person[], rules: Rules): number {
  const fit = fitScopeToQuota(people, rules);
  let good = Object.values(fit.result).filter((t) => t === '好').length;
  for (const f of fit.pools.values()) good -= f.undecidedTie.length - f.tieSeats;
  return good;
}

describe('the 好 quota over the organ (fast-check)', () => {
  it('seats add up to floor(max_share × rated people); the settled 好 never exceed it', () => {
    fc.assert(
      fc.property(organArb, rulesArb, (people, rules) => {
        const fit = fitScopeToQuota(people, rules);
        const ceiling = Math.floor(Number((rules.quarterly.good_quota.max_share * rated(people)).toPrecision(12)));
        expect(fit.seats.total).toBe(ceiling);
        expect(Object.values(fit.seats.seats).reduce((a, b) => a + b, 0)).toBe(ceiling);
        expect(settledGood(people, rules)).toBeLessThanOrEqual(ceiling);
        // 不定等次 take no seat and stay 不定等次.
        for (const p of people.filter((x) => x.proposedTier === UNDETERMINED)) expect(fit.result[p.personId]).toBe(UNDETERMINED);
      }),
    );
  });

  it('reaches the ceiling when enough proposals are 好: every rated proposal 好, or each pool at least its seats', () => {
    fc.assert(
      fc.property(organArb, rulesArb, (people, rules) => {
        const allGood = people.map((p) => (p.proposedTier === UNDETERMINED ? p : { ...p, proposedTier: '好' as const }));
        expect(settledGood(allGood, rules)).toBe(goodQuota(rated(allGood), rules));
        const fit = fitScopeToQuota(people, rules);
        const enough = [...fit.pools.keys()].every((pool) => people.filter((p) => p.pool === pool && p.proposedTier === '好').length >= (fit.seats.seats[pool] ?? 0));
        if (enough) expect(settledGood(people, rules)).toBe(fit.seats.total);
      }),
    );
  });

  it('does not depend on the order people are listed in', () => {
    const shuffled = organArb.chain((people) => fc.tuple(fc.constant(people), fc.shuffledSubarray(people, { minLength: people.length, maxLength: people.length })));
    fc.assert(
      fc.property(shuffled, rulesArb, ([people, reordered], rules) => {
        const a = fitScopeToQuota(people, rules);
        const b = fitScopeToQuota(reordered, rules);
        expect(b.seats).toEqual(a.seats);
        expect(b.result).toEqual(a.result);
      }),
    );
  });

  it('through the database: the proposals of an organ do not depend on how its people are spread over 处室', async () => {
    const rules = parseRules({});
    await fc.assert(
      fc.asyncProperty(
        organArb.filter((p) => p.some((x) => x.proposedTier !== UNDETERMINED)),
        fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 60, maxLength: 60 }),
        async (people, otherUnits) => {
          const first = await proposalsOf(people, rules);
          const moved = await proposalsOf(people.map((p, i) => ({ ...p, unit: otherUnits[i]! })).reverse(), rules);
          expect(moved).toEqual(first);
          // The stored path agrees with the pure fitting of the same proposals.
          const same = people.map((p) => {
            const score = p.proposedTier === '好' ? p.score! : p.proposedTier === '较好' ? 85 : p.proposedTier === '一般' ? 70 : null;
            return { ...p, score, goodMonths: p.proposedTier === '好' ? 3 : 0, ...(score === null ? { work: null, conduct: null } : {}) };
          });
          expect(first).toEqual(Object.fromEntries(Object.entries(fitScopeToQuota(same, rules).result).sort(([a], [b]) => (a < b ? -1 : 1))));
        },
      ),
      { numRuns: 15 },
    );
  });
});

/** Stores an organ O with 处室 A, B, C and three graded months per rated person; returns the stored proposals' tiers. */
async function proposalsOf(people: readonly Person[], rules: Rules): Promise<Record<string, string>> {
  const store = await createTestStore('sqlite');
  const db = store.db;
  try {
    const at = '2026-03-01T00:00:00.000Z';
    await db.insertInto('units').values([{ id: 'O', name: '机关', parent_id: null, chat_id: null, source: 'import', active: 1, updated_at: at }, ...['A', 'B', 'C'].map((id) => ({ id, name: `处室${id}`, parent_id: 'O', chat_id: null, source: 'import', active: 1, updated_at: at }))]).execute();
    for (const p of people) {
      await db
        .insertInto('people')
        .values({ open_id: p.personId, user_id: null, name: p.personId, unit_id: p.unit, leader_open_id: null, level: p.pool, roles: 'staff', active: 1, prompt_opt_out: 0, source: 'import', created_at: at, updated_at: at, joined_on: '2026-01-01', probation_until: null })
        .execute();
      if (p.proposedTier === UNDETERMINED) continue;
      for (const month of ['2026-04', '2026-05', '2026-06']) {
        const score = p.proposedTier === '好' ? p.score! : p.proposedTier === '较好' ? 85 : 70;
        await db
          .insertInto('monthly_reviews')
          .values({ id: `${p.personId}-${month}`, open_id: p.personId, month_key: month, unit_id: p.unit, level: p.pool, reviewer_open_id: null, work_score: p.work, conduct_score: p.conduct, bonuses: '[]', deductions: '[]', bonus: 0, deduction: 0, total: score, suggested_tier: tierForScore(score, rules.scoring.bands), tier: tierForScore(score, rules.scoring.bands), override_reason: null, comment: null, status: 'submitted', revision: 1, created_at: at, updated_at: at })
          .execute();
      }
    }
    const scope = await computeScopeProposals(db, rules, 'O', '2026-Q2');
    return Object.fromEntries(scope.pools.flatMap((pool) => pool.proposals.map((c) => [c.openId, c.tier] as const)).sort(([a], [b]) => (a < b ? -1 : 1)));
  } finally {
    await store.close();
  }
}
