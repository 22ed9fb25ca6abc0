import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { monthsOfQuarter } from '../calendar/periods';
import { monthResultRowToReview } from '../monthly/review';
import { reviewsOfMonths, reviewsOfPeopleInMonths } from '../monthly/review.repository';
import type { MonthResult } from './proposal';
import { compareText } from '../text-order';

/** One person's monthly results within a quarter, ready for proposeQuarter. */
export interface PersonMonths {
  openId: string;
  /**
   * The pool the person counts in for the quarter: the unit and level of their latest review in it
   * (a person promoted in the third month is ranked with their new level).
   */
  unitId: string;
  level: string;
  /** Graded months only (submitted or 不定等次), in month order. */
  months: MonthResult[];
  /** Months whose card went out but nobody graded. */
  pendingMonths: string[];
}

/**
 * Everyone with a monthly review in the quarter, with the graded months' {month, tier, total,
 * work, conduct}; the filter applies to each person's quarter pool (see PersonMonths.unitId).
 * Ordered by unit, level, open_id.
 */
export async function monthlyResultsForQuarter(
  db: Kysely<Database>,
  quarterKey: string,
  filter: { unitId?: string; level?: string; openIds?: readonly string[] } = {},
): Promise<PersonMonths[]> {
  const months = monthsOfQuarter(quarterKey);
  // Only these people's rows are read when they are named (a card page), not the whole city's.
  const pages = filter.openIds ? [await reviewsOfPeopleInMonths(db, [...new Set(filter.openIds)].sort(), months)] : reviewsOfMonths(db, months);
  const byPerson = new Map<string, PersonMonths>();
  for await (const page of pages) for (const row of page) {
    const r = monthResultRowToReview(row);
    // Rows arrive in month order per person, so the last one seen sets the pool.
    const entry = byPerson.get(r.openId) ?? { openId: r.openId, unitId: r.unitId, level: r.level, months: [], pendingMonths: [] };
    entry.unitId = r.unitId;
    entry.level = r.level;
    if (r.status === 'pending' || r.tier === null) entry.pendingMonths.push(r.monthKey);
    else entry.months.push({ month: r.monthKey, tier: r.tier, total: r.total, work: r.work, conduct: r.conduct });
    byPerson.set(r.openId, entry);
  }
  return [...byPerson.values()]
    .filter((p) => (filter.unitId === undefined || p.unitId === filter.unitId) && (filter.level === undefined || p.level === filter.level))
    .sort((a, b) => compareText(a.unitId, b.unitId) || compareText(a.level, b.level) || compareText(a.openId, b.openId));
}
