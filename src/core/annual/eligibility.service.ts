import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { shanghaiDate } from '../calendar/periods';
import { trainingMetByPerson } from '../credits/credits-status';
import { annualEligibility, lossOfHonourEligibility, type AnnualEligibility, type HonourLoss, type QuarterTier } from './eligibility';
import { determinedResultsOf, type QuarterResult } from '../quarterly/results.repository';

type Db = Kysely<Database>;

export const quartersOfYear = (year: string): string[] => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

export interface AnnualStatus {
  quarters: QuarterTier[];
  results: QuarterResult[];
  /** null while the year is still running and the hours are not yet met. */
  creditsMet: boolean | null;
  eligibility: AnnualEligibility;
  honour: HonourLoss;
}

/**
 * The annual link for each person: the year's determined quarters (proposals count as not yet
 * determined), the training gate, and what follows for annual 优秀 and 评优评先. Until the year
 * is over, hours not yet met are "unknown" rather than "failed": there is still time to finish.
 */
export async function annualStatusOf(db: Db, rules: Rules, year: string, openIds: readonly string[], now: Date): Promise<Map<string, AnnualStatus>> {
  const quarterKeys = quartersOfYear(year);
  const results = await determinedResultsOf(db, openIds, quarterKeys);
  const training = await trainingMetByPerson(db, rules, Number(year), [...openIds]);
  const yearOver = shanghaiDate(now) > `${year}-12-31`;
  const out = new Map<string, AnnualStatus>();
  for (const openId of openIds) {
    const own = results.filter((r) => r.openId === openId);
    const quarters = quarterKeys.map((q) => ({ quarter: q, tier: own.find((r) => r.quarterKey === q)?.tier ?? null }));
    const met = training.get(openId);
    const creditsMet = met === true ? true : met === false && yearOver ? false : null;
    out.set(openId, {
      quarters,
      results: own,
      creditsMet,
      eligibility: annualEligibility({ quarters, creditsMet }, rules),
      honour: lossOfHonourEligibility(quarters),
    });
  }
  return out;
}
