import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { parsePeriodKey } from '../calendar/periods';
import type { UnitTree } from './unit-tree';

/**
 * 通报表扬 (only with `privacy.praise_named`): for each ranked unit, the people rated 好 in the
 * period — the month's submitted monthly tier, or the quarter's confirmed tier. Names only, never
 * @-mentions; other tiers are never named. Half-years name nobody.
 */
export async function praisedPeople(deps: CoreDeps, db: Kysely<Database>, periodKey: string, tree: UnitTree): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!deps.rules.privacy.praise_named) return out;
  const kind = parsePeriodKey(periodKey).kind;
  let rows: Array<{ unit_id: string; name: string | null }> = [];
  if (kind === 'month') {
    rows = await db
      .selectFrom('monthly_reviews')
      .leftJoin('people', 'people.open_id', 'monthly_reviews.open_id')
      .select(['monthly_reviews.unit_id as unit_id', 'people.name as name'])
      .where('monthly_reviews.month_key', '=', periodKey)
      .where('monthly_reviews.status', '=', 'submitted')
      .where('monthly_reviews.tier', '=', '好')
      .orderBy('monthly_reviews.open_id')
      .execute();
  } else if (kind === 'quarter') {
    rows = await db
      .selectFrom('quarter_results')
      .leftJoin('people', 'people.open_id', 'quarter_results.open_id')
      .select(['quarter_results.unit_id as unit_id', 'people.name as name'])
      .where('quarter_results.quarter_key', '=', periodKey)
      .where('quarter_results.status', 'in', ['confirmed', 'corrected'])
      .where('quarter_results.tier', '=', '好')
      .orderBy('quarter_results.open_id')
      .execute();
  }
  for (const row of rows) {
    const unit = tree.rankedUnitOf(row.unit_id);
    if (!unit || !row.name) continue;
    out.set(unit, [...(out.get(unit) ?? []), row.name]);
  }
  return out;
}
