import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { fitPoolToQuota, quotaMessage, type QuotaCandidate, type QuotaFit } from './quota';
import { allocateSeats, type SeatAllocation } from './seats';
import { poolNames as rulePools } from './pools';

type QuotaRules = Pick<Rules, 'quarterly'>;

/** One person of a scope (organ or 处室) as the quota sees them. */
export interface ScopeMember {
  personId: string;
  pool: string;
  tier: TierOrUndetermined;
}

export interface PoolStanding {
  pool: string;
  /** People not 不定等次: the pool's part of the quota base. */
  rated: number;
  seats: number;
  good: number;
}

/** The scope's seats from its members' current tiers: 不定等次 people are not in the base. */
export function seatsOfScope(members: readonly ScopeMember[], rules: QuotaRules): SeatAllocation {
  const names = [...new Set([...rulePools(rules), ...members.map((m) => m.pool)])];
  return allocateSeats(
    names.map((pool) => ({ pool, rated: members.filter((m) => m.pool === pool && m.tier !== UNDETERMINED).length })),
    rules,
  );
}

export function standingsOf(members: readonly ScopeMember[], rules: QuotaRules): Map<string, PoolStanding> {
  const alloc = seatsOfScope(members, rules);
  return new Map(
    Object.keys(alloc.seats).map((pool) => {
      const own = members.filter((m) => m.pool === pool);
      return [pool, { pool, rated: own.filter((m) => m.tier !== UNDETERMINED).length, seats: alloc.seats[pool]!, good: own.filter((m) => m.tier === '好').length }];
    }),
  );
}

const over = (s: PoolStanding | undefined): number => (s ? Math.max(0, s.good - s.seats) : 0);

export interface QuotaCheck {
  /** Block the change (with hard_block). */
  errors: string[];
  /** Shown, not blocking (the quota, when hard_block is off). */
  warnings: string[];
}

/**
 * What the quota says about moving the scope from `before` to `after` in `pool`:
 * - adjusting or correcting: refused only when the pool ends further over its seats than it was
 *   (lowering someone is always possible, even while a tie is open); `confirm`: the pool must be
 *   within its seats;
 * - either way, a pool already locked must not end further over its seats than before: seats
 *   follow the rated headcount, so turning someone into 不定等次 (or back) elsewhere moves them.
 */
export function checkScopeQuota(
  before: readonly ScopeMember[],
  after: readonly ScopeMember[],
  opts: { pool: string; locked: ReadonlySet<string>; confirm?: boolean; hint?: string },
  rules: QuotaRules,
): QuotaCheck {
  const was = standingsOf(before, rules);
  const now = standingsOf(after, rules);
  const problems: string[] = [];
  const target = now.get(opts.pool);
  if (target && over(target) > (opts.confirm ? 0 : over(was.get(opts.pool)))) {
    problems.push(quotaMessage(target.rated, target.seats, { goodCount: target.good, hint: opts.hint }));
  }
  for (const pool of opts.locked) {
    if (pool === opts.pool) continue;
    const lockedNow = now.get(pool);
    if (!lockedNow || over(lockedNow) <= (opts.confirm ? 0 : over(was.get(pool)))) continue;
    const seatsBefore = was.get(pool)?.seats ?? lockedNow.seats;
    problems.push(
      `“${pool}”组已审定“好”等次 ${lockedNow.good} 人，而按现在的参评人数其名额${seatsBefore === lockedNow.seats ? '为' : `将由 ${seatsBefore} 人减为`} ${lockedNow.seats} 人（名额按全部参评人数在各组间分配，不定等次的人不计入）。请保持参评人员不变，或先通过更正流程调整该组结果`,
    );
  }
  return rules.quarterly.good_quota.hard_block ? { errors: problems, warnings: [] } : { errors: [], warnings: problems };
}

export interface ScopeFit {
  seats: SeatAllocation;
  /** Each open pool's fitting (see fitPoolToQuota). */
  pools: Map<string, QuotaFit>;
  /** Every candidate's tier after the automatic fitting. */
  result: Record<string, TierOrUndetermined>;
}

/**
 * Fits a scope's proposals to its seats: the seats are shared over the pools by their rated
 * headcount (proposals not 不定等次, and the results of pools already locked), then each open pool
 * is fitted to its share. Only the pools and the counts matter — not which 处室 people sit in, nor
 * the order they are given in.
 */
export function fitScopeToQuota(
  candidates: ReadonlyArray<QuotaCandidate & { pool: string }>,
  rules: QuotaRules,
  locked: readonly ScopeMember[] = [],
): ScopeFit {
  const seats = seatsOfScope([...locked, ...candidates.map((c) => ({ personId: c.personId, pool: c.pool, tier: c.proposedTier }))], rules);
  const pools = new Map<string, QuotaFit>();
  const result: Record<string, TierOrUndetermined> = {};
  for (const pool of [...new Set([...rulePools(rules), ...candidates.map((c) => c.pool)])]) {
    const own = candidates.filter((c) => c.pool === pool);
    if (own.length === 0) continue;
    const fit = fitPoolToQuota(own, seats.seats[pool] ?? 0, rules);
    pools.set(pool, fit);
    Object.assign(result, fit.result);
  }
  return { seats, pools, result };
}
