import type { Tier, TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { isLowTier } from '../tiers';

export interface QuarterTier {
  /** `2026-Q1` */
  quarter: string;
  /** null while the quarter is not yet determined. */
  tier: TierOrUndetermined | null;
}

export interface AnnualEligibilityInput {
  quarters: readonly QuarterTier[];
  /** The year's own records against the requirements; null while the year runs and they are not yet met. */
  creditsMet: boolean | null;
  /** What the year's records are short of, e.g. "集中培训差 30 学时". */
  trainingShortfall?: readonly string[];
  /** Unmet in the year but completed by 补学 records of the next year within the rules' window. */
  trainingMadeUp?: boolean;
  /** Leave (of the counted kinds) in the year's workdays, against the year's workdays. */
  leave?: { days: number; workdays: number };
  /** Kept for callers that only know the verdict. */
  leaveDaysOverHalfYear?: boolean;
  /** Sanctions (诫勉, 处分, 组织处理) whose 影响期 overlaps the year. */
  sanctions?: ReadonlyArray<{ kind: string; startDate: string; endDate: string }>;
}

export interface AnnualEligibility {
  eligibleExcellent: boolean;
  goodQuarters: number;
  /** Quarters rated 一般 or 较差. */
  lowQuarters: number;
  /** 缓定: the year's training is not completed, so the annual tier waits until it is. */
  annualTierDeferred: boolean;
  /** Why not eligible, in a fixed order; empty exactly when eligible. */
  reasons: string[];
}

/**
 * Whether the person may be proposed for annual 优秀, per `annual.excellent_eligibility`:
 * - majority_good_no_low: at least `min_good_quarters` quarters of 好 ("一半以上" includes half,
 *   so 2 of 4) and no quarter in `forbid_tiers`;
 * - at_least_one_good: at least one quarter of 好 (forbid_tiers belongs to the other mode);
 * plus the training gate (not met at year end: the annual tier is 缓定 until 补学 completes it, and
 * the year's 评先评优 is lost unless `makeup_restores_excellent`), leave over half the year's workdays
 * and a sanction whose 影响期 overlaps the year. A quarter not yet determined blocks eligibility:
 * it could still be 一般, so eligibility cannot be established before the year is complete.
 * 不定等次 counts as neither 好 nor low.
 */
export function annualEligibility(input: AnnualEligibilityInput, rules: Pick<Rules, 'annual'>): AnnualEligibility {
  const annual = rules.annual;
  const quarters = [...input.quarters].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  const goodQuarters = quarters.filter((q) => q.tier === '好').length;
  const lowQuarters = quarters.filter((q) => isLowTier(q.tier)).length;
  const reasons: string[] = [];

  const pending = quarters.filter((q) => q.tier === null);
  if (pending.length > 0) reasons.push(`${pending.map((q) => q.quarter).join('、')} 平时考核结果尚未审定`);

  const { mode, min_good_quarters, forbid_tiers } = annual.excellent_eligibility;
  if (mode === 'majority_good_no_low') {
    if (goodQuarters < min_good_quarters) {
      reasons.push(`平时考核“好”等次 ${goodQuarters} 次，少于评优要求的 ${min_good_quarters} 次`);
    }
    const forbidden = quarters.filter((q) => q.tier !== null && (forbid_tiers as readonly string[]).includes(q.tier));
    if (forbidden.length > 0) {
      reasons.push(`平时考核有 ${forbidden.map((q) => `${q.quarter}“${q.tier as Tier}”`).join('、')}等次，不能评为优秀`);
    }
  } else if (goodQuarters < 1) {
    reasons.push('平时考核没有“好”等次，不具备评优资格');
  }

  const madeUp = input.creditsMet === false && input.trainingMadeUp === true;
  const annualTierDeferred = annual.require_training && input.creditsMet === false && !madeUp;
  if (annual.require_training) {
    const short = input.trainingShortfall?.length ? `（${input.trainingShortfall.join('、')}）` : '';
    if (annualTierDeferred) reasons.push(`学时未达标${short}，年度等次缓定，待培训任务完成后再确定，当年不得评先评优`);
    if (madeUp && !annual.makeup_restores_excellent) reasons.push('年度培训任务在次年补学完成，缓定已解除；按规定当年不得评先评优');
    if (input.creditsMet === null) reasons.push('学时完成情况尚未确认，暂不能确定评优资格');
  }
  const { leave_over_half_year, sanction_kinds } = annual.disqualifiers;
  if (leave_over_half_year && input.leave && input.leave.days * 2 > input.leave.workdays) {
    reasons.push(`病事假累计 ${input.leave.days} 个工作日，超过全年 ${input.leave.workdays} 个工作日的一半，不参加评优`);
  } else if (leave_over_half_year && !input.leave && input.leaveDaysOverHalfYear === true) {
    reasons.push('病事假累计超过半年，不参加评优');
  }
  for (const s of input.sanctions ?? []) {
    if (!(sanction_kinds as readonly string[]).includes(s.kind)) continue;
    reasons.push(`受${s.kind}，影响期 ${s.startDate} 至 ${s.endDate}，影响期内不能评为优秀`);
  }

  return { eligibleExcellent: reasons.length === 0, goodQuarters, lowQuarters, annualTierDeferred, reasons };
}

export interface HonourLoss {
  lost: boolean;
  /** The quarters rated 一般 or 较差, in order. */
  quarters: string[];
  reason: string | null;
}

/** Any quarter rated 一般 or below costs the year's 评优评先 eligibility (awards, 先进个人). */
export function lossOfHonourEligibility(quarters: readonly QuarterTier[]): HonourLoss {
  const low = quarters
    .filter((q) => isLowTier(q.tier))
    .map((q) => q.quarter)
    .sort();
  if (low.length === 0) return { lost: false, quarters: [], reason: null };
  return { lost: true, quarters: low, reason: `${low.join('、')} 平时考核为一般或较差，失去本年度评优评先资格` };
}
