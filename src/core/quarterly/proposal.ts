import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { formatScore, round2 } from '../numbers';
import { tierForScore } from '../monthly/score';

export interface MonthResult {
  /** `2026-01` */
  month: string;
  tier: TierOrUndetermined;
  total: number | null;
  work: number | null;
  conduct: number | null;
}

export interface QuarterProposal {
  /** Mean of the counted months' totals, two decimals; null when no month counts. */
  score: number | null;
  work: number | null;
  conduct: number | null;
  /** Months whose confirmed monthly tier is 好 (a tie-break key at the quota line). */
  goodMonths: number;
  proposedTier: TierOrUndetermined;
  /** How the proposal was reached, in words for the determination card. */
  basis: string;
}

type ProposalRules = Pick<Rules, 'scoring' | 'quarterly'>;

/** Proposes a person's quarterly tier from their monthly results, per `quarterly.proposal`. */
export function proposeQuarter(months: readonly MonthResult[], rules: ProposalRules): QuarterProposal {
  const ordered = inMonthOrder(months);
  const method = rules.quarterly.proposal;
  switch (method) {
    case 'mean_score_band':
      return meanScoreBand(ordered, rules);
    default: {
      const unknown: never = method;
      throw invalidInput(`未知的季度等次生成方式：${String(unknown)}`);
    }
  }
}

/**
 * mean_score_band — the rule:
 * - A month counts when its tier is determined (not 不定等次) and it has a total score.
 * - The quarter's score is the mean of the counted months' totals, rounded to two decimals, and
 *   the proposed tier is that mean's score band (the same bands as the monthly suggestion). The
 *   mean is rounded before banding so the score on the card and the tier always agree.
 * - A supervisor's monthly override does not change the quarterly score; it shows in goodMonths,
 *   which the quota line uses as a tie-break, and the unit admin may adjust the proposal.
 * - If no month counts (all 不定等次, or nothing graded), the quarter is 不定等次.
 * - work / conduct are the means of the counted months' part scores, for tie-breaks.
 */
function meanScoreBand(months: readonly MonthResult[], rules: ProposalRules): QuarterProposal {
  const counted = months.filter(isCounted);
  const goodMonths = months.filter((m) => m.tier === '好').length;
  const parts = months.map((m) =>
    isCounted(m)
      ? `${m.month} ${formatScore(m.total)} 分`
      : `${m.month} ${m.tier === UNDETERMINED ? '不定等次' : '无评分'}（不计入）`,
  );
  const listed = parts.length > 0 ? `${parts.join('、')}；` : '';
  if (counted.length === 0) {
    return {
      score: null,
      work: null,
      conduct: null,
      goodMonths,
      proposedTier: UNDETERMINED,
      basis: `${listed}本季度没有可计入的月度评分，建议季度不定等次`,
    };
  }
  const score = round2(mean(counted.map((m) => m.total)));
  const proposedTier = tierForScore(score, rules.scoring.bands);
  return {
    score,
    work: meanOrNull(counted.map((m) => m.work)),
    conduct: meanOrNull(counted.map((m) => m.conduct)),
    goodMonths,
    proposedTier,
    basis: `${listed}${counted.length} 个月平均 ${formatScore(score)} 分，按分数段建议“${proposedTier}”`,
  };
}

function isCounted(m: MonthResult): m is MonthResult & { total: number } {
  return m.tier !== UNDETERMINED && m.total !== null;
}

function inMonthOrder(months: readonly MonthResult[]): MonthResult[] {
  const seen = new Set<string>();
  for (const m of months) {
    if (seen.has(m.month)) throw invalidInput(`月份 ${m.month} 的考核结果重复，请核对后再生成季度等次`);
    seen.add(m.month);
  }
  return [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function meanOrNull(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : round2(mean(present));
}
