import type { Kysely } from 'kysely';
import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Database } from '../../db/schema';
import { monthlyReviewRowToReview } from '../monthly/review';

type Db = Kysely<Database>;

/** A graded month as the person and the determiner see it, with the supervisor's comment. */
export interface GradedMonth {
  openId: string;
  monthKey: string;
  tier: TierOrUndetermined;
  total: number | null;
  comment: string | null;
}

/** Graded months only (submitted or 不定等次): a pending card is not a result. */
export async function gradedMonthsOf(db: Db, openIds: readonly string[], monthKeys: readonly string[]): Promise<Map<string, GradedMonth[]>> {
  const out = new Map<string, GradedMonth[]>();
  if (openIds.length === 0 || monthKeys.length === 0) return out;
  const rows = await db
    .selectFrom('monthly_reviews')
    .selectAll()
    .where('open_id', 'in', [...new Set(openIds)])
    .where('month_key', 'in', [...monthKeys])
    .where('status', 'in', ['submitted', 'undetermined'])
    .orderBy('open_id')
    .orderBy('month_key')
    .execute();
  for (const review of rows.map(monthlyReviewRowToReview)) {
    const tier = review.status === 'undetermined' ? UNDETERMINED : review.tier;
    if (tier === null) continue;
    const list = out.get(review.openId) ?? [];
    list.push({ openId: review.openId, monthKey: review.monthKey, tier, total: review.total, comment: review.comment });
    out.set(review.openId, list);
  }
  return out;
}
