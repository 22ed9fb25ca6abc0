import type { CoreDeps } from '../deps';
import { annualStatusOf, peopleOfYear } from './eligibility.service';
import { unitNames } from '../quarterly/people.repository';
import { compareText } from '../text-order';

export const ANNUAL_ELIGIBILITY_COLUMNS = [
  'year',
  'unit',
  'name',
  'open_id',
  'good_quarters',
  'low_quarters',
  'credits_met',
  'eligible_excellent',
  'reason',
  'deferred',
] as const;

const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/**
 * `export annual-eligibility`: everyone active plus anyone with a result that year (who may have
 * left since). credits_met is empty while the year runs and the hours are not yet met; deferred is
 * 1 while the annual tier is 缓定.
 */
export async function* annualEligibilityRecords(deps: CoreDeps, year: string) {
  const { people } = await peopleOfYear(deps.db, year);
  const units = await unitNames(deps.db);
  const ordered = [...people.values()].sort((a, b) => compareText(a.unitId, b.unitId) || compareText(a.openId, b.openId));
  const status = await annualStatusOf(deps.db, deps.rules, deps.calendar, year, ordered.map((p) => p.openId), deps.clock.now());
  for (const p of ordered) {
    const s = status.get(p.openId)!;
    yield {
      year,
      unit: units.get(p.unitId) ?? p.unitId,
      name: p.name,
      open_id: p.openId,
      good_quarters: s.eligibility.goodQuarters,
      low_quarters: s.eligibility.lowQuarters,
      credits_met: flag(s.creditsMet),
      eligible_excellent: flag(s.eligibility.eligibleExcellent),
      reason: s.eligibility.reasons.join('；'),
      // 1 while the annual tier is 缓定 (the year's training not completed, 补学 not yet done).
      deferred: s.eligibility.annualTierDeferred ? 1 : 0,
    };
  }
}
