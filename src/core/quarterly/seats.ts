import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { denoise } from '../numbers';

type SeatRules = Pick<Rules, 'quarterly'>;

/** One pool's rated people (不定等次 are not rated and not in the base). */
export interface PoolHeadcount {
  pool: string;
  rated: number;
}

export interface SeatAllocation {
  /** Rated people over the whole scope. */
  rated: number;
  /** max_share × rated, rounded once per the rules: the most 好 the scope may have. */
  total: number;
  /** Seats per pool; they add up to `total`. */
  seats: Record<string, number>;
  /** Each pool's exact share (max_share × its rated people), for the card. */
  exact: Record<string, number>;
}

/**
 * The 好 seats of a scope (the organ, by default): `total` = max_share × rated people, rounded per
 * `good_quota.rounding`; pools share it by largest remainder (Hamilton):
 * 1. each pool gets the whole part of its exact share;
 * 2. the seats left go one each to the largest remainders — equal remainders to the pool with more
 *    rated people, then to the pool listed first in `quarterly.pools`;
 * 3. with `min_one_seat`, a pool with rated people but no seat takes one from the pool holding the
 *    most above its exact share (a pool is never taken below one seat), largest exact share first.
 * Only the counts matter: how people are spread over 处室 or listed changes nothing.
 */
export function allocateSeats(pools: readonly PoolHeadcount[], rules: SeatRules): SeatAllocation {
  const order = rules.quarterly.pools.map((p) => p.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const sorted = [...pools].sort((a, b) => rank(a.pool) - rank(b.pool) || (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
  if (new Set(sorted.map((p) => p.pool)).size !== sorted.length) throw invalidInput('同一分组出现了两次，请核对');
  for (const p of sorted) {
    if (!Number.isInteger(p.rated) || p.rated < 0) throw invalidInput(`人数须为非负整数（当前为 ${String(p.rated)}）`);
  }
  const share = rules.quarterly.good_quota.max_share;
  const rated = sorted.reduce((n, p) => n + p.rated, 0);
  const total = goodQuota(rated, rules);
  const exact = Object.fromEntries(sorted.map((p) => [p.pool, denoise(share * p.rated)]));
  const seats = Object.fromEntries(sorted.map((p) => [p.pool, Math.floor(exact[p.pool]!)]));
  const headcount = new Map(sorted.map((p) => [p.pool, p.rated]));

  const byRemainder = sorted
    .map((p) => ({ pool: p.pool, remainder: denoise(exact[p.pool]! - seats[p.pool]!) }))
    .sort((a, b) => b.remainder - a.remainder || headcount.get(b.pool)! - headcount.get(a.pool)! || rank(a.pool) - rank(b.pool));
  let left = total - Object.values(seats).reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0 && i < byRemainder.length * 2; i++) {
    const { pool } = byRemainder[i % byRemainder.length]!;
    if (seats[pool]! < headcount.get(pool)!) {
      seats[pool]!++;
      left--;
    }
  }

  if (rules.quarterly.good_quota.min_one_seat) {
    for (;;) {
      const empty = sorted
        .filter((p) => p.rated > 0 && seats[p.pool] === 0)
        .sort((a, b) => exact[b.pool]! - exact[a.pool]! || b.rated - a.rated || rank(a.pool) - rank(b.pool))[0];
      const donor = sorted
        .filter((p) => seats[p.pool]! >= 2)
        .sort((a, b) => denoise(seats[b.pool]! - exact[b.pool]!) - denoise(seats[a.pool]! - exact[a.pool]!) || a.rated - b.rated || rank(b.pool) - rank(a.pool))[0];
      if (!empty || !donor) break;
      seats[donor.pool]!--;
      seats[empty.pool]!++;
    }
  }
  return { rated, total, seats, exact };
}

/**
 * The most 好 a scope may have: max_share × its rated people, rounded per the rules (floor by
 * default, as the reference system computes (int)(n × 0.4)).
 */
export function goodQuota(rated: number, rules: SeatRules): number {
  if (!Number.isInteger(rated) || rated < 0) throw invalidInput(`人数须为非负整数（当前为 ${String(rated)}）`);
  const { max_share, rounding } = rules.quarterly.good_quota;
  // 0.7 × 10 is 7.000000000000001 in floating point; ceil must still give 7.
  const exact = denoise(max_share * rated);
  switch (rounding) {
    case 'floor':
      return Math.floor(exact);
    case 'ceil':
      return Math.ceil(exact);
    case 'round':
      return Math.round(exact);
  }
}
