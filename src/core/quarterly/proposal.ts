import { TIERS, UNDETERMINED, type Tier, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { monthsOfQuarter, parsePeriodKey } from '../calendar/periods';
import { invalidInput } from '../errors';
import { formatScore, round2 } from '../numbers';
import { tierForScore } from '../monthly/score';
import { composeQuarterScore, type ScoreParts, type Voices } from '../peers/compose';

export interface MonthResult {
  /** `2026-01` */
  month: string;
  tier: TierOrUndetermined;
  total: number | null;
  work: number | null;
  conduct: number | null;
}

/** What the quarter needs to know about the person besides their months. */
export interface QuarterContext {
  quarterKey: string;
  /** YYYY-MM-DD: months that ended before it were not owed. */
  joinedOn?: string | null;
  /** YYYY-MM-DD, the last day of 试用期. */
  probationUntil?: string | null;
  /** Months whose grading card went out but nobody graded yet. */
  pendingMonths?: readonly string[];
  /** 民主测评 and 服务对象评价 for the quarter (issue 15); absent: the score is the months' mean. */
  voices?: Voices;
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
  /** The parts of a composed score; null when the score is the months' mean alone. */
  parts: ScoreParts | null;
}

type ProposalRules = Pick<Rules, 'scoring' | 'quarterly'> & Partial<Pick<Rules, 'peers' | 'service_rating'>>;

/** Words the basis carries when a rule decided the proposal, so the card can cite that rule's basis. */
const MARKERS = { month_caps: '季度至多', min_months: '少于', probation: '试用期' } as const;
export type BindingRule = keyof typeof MARKERS;

/** The rules that decided a proposal, read back from its stored basis. */
export function bindingRules(basis: string | null): BindingRule[] {
  if (!basis) return [];
  return (Object.keys(MARKERS) as BindingRule[]).filter((k) => basis.includes(MARKERS[k]));
}

/** Proposes a person's quarterly tier from their monthly results, per `quarterly.proposal`. */
export function proposeQuarter(months: readonly MonthResult[], rules: ProposalRules, context?: QuarterContext): QuarterProposal {
  const ordered = inMonthOrder(months);
  const method = rules.quarterly.proposal;
  switch (method) {
    case 'mean_score_band':
      return meanScoreBand(ordered, rules, context);
    default: {
      const unknown: never = method;
      throw invalidInput(`未知的季度等次生成方式：${String(unknown)}`);
    }
  }
}

/**
 * mean_score_band — the rule:
 * - A month counts when its tier is determined (not 不定等次), it has a total score, and (with
 *   `probation: undetermined`) it did not end within the person's 试用期.
 * - Fewer than `min_months` counted months → 不定等次, saying why (joined late, probation, months
 *   not graded or 不定等次). Nobody so rated takes a seat or counts in the quota base.
 * - Otherwise the quarter's score is the mean of the counted months' totals, rounded to two
 *   decimals, banded with the monthly score bands (rounded first, so score and tier agree).
 * - A counted month graded at a tier listed in `month_caps` caps the quarter: with the defaults a
 *   较差 month allows at most 一般 and a 一般 month at most 较好, so a month's 一般/较差 (a
 *   supervisor's override for a discipline problem, say) is never averaged away.
 * - work / conduct are the means of the counted months' part scores, for tie-breaks.
 */
function meanScoreBand(months: readonly MonthResult[], rules: ProposalRules, context?: QuarterContext): QuarterProposal {
  const inProbation = (m: MonthResult) =>
    rules.quarterly.probation === 'undetermined' && !!context?.probationUntil && parsePeriodKey(m.month, 'month').end <= context.probationUntil;
  const counted = months.filter((m): m is MonthResult & { total: number } => isCounted(m) && !inProbation(m));
  const goodMonths = counted.filter((m) => m.tier === '好').length;
  const parts = months.map((m) => {
    if (!isCounted(m)) return `${m.month} ${m.tier === UNDETERMINED ? '不定等次' : '无评分'}（不计入）`;
    if (inProbation(m)) return `${m.month} 试用期内（不计入）`;
    return `${m.month} ${m.tier === tierForScore(m.total, rules.scoring.bands) ? '' : `${m.tier} `}${formatScore(m.total)} 分`;
  });
  const listed = parts.length > 0 ? `${parts.join('、')}；` : '';
  const min = rules.quarterly.min_months;
  if (counted.length < min) {
    return {
      score: null,
      work: null,
      conduct: null,
      goodMonths,
      proposedTier: UNDETERMINED,
      basis: `${listed}${whyTooFew(months, counted.length, min, context, rules)}，建议季度不定等次（不占“好”等次名额，不计入名额基数）`,
      parts: null,
    };
  }
  const leader = round2(mean(counted.map((m) => m.total)));
  const composed =
    context?.voices && rules.peers && rules.service_rating
      ? composeQuarterScore(leader, context.voices, { scoring: rules.scoring, peers: rules.peers, service_rating: rules.service_rating })
      : null;
  const score = composed?.score ?? leader;
  // With no other voice counted the basis reads exactly as before; otherwise it shows the formula.
  const meanText = composed?.formula
    ? `${counted.length} 个月平均 ${formatScore(leader)} 分；${composed.formula}`
    : `${counted.length} 个月平均 ${formatScore(score)} 分`;
  const noteText = composed && composed.notes.length > 0 ? `（${composed.notes.join('；')}）` : '';
  const banded = tierForScore(score, rules.scoring.bands);
  const cap = capOf(counted, rules);
  const proposedTier = cap && rankOf(cap.tier) > rankOf(banded) ? cap.tier : banded;
  const capText = cap && proposedTier !== banded ? `；${cap.month} 月度“${cap.by}”，季度至多“${cap.tier}”` : '';
  return {
    score,
    work: meanOrNull(counted.map((m) => m.work)),
    conduct: meanOrNull(counted.map((m) => m.conduct)),
    goodMonths,
    proposedTier,
    basis: `${listed}${meanText}${noteText}，分数段为“${banded}”${capText}，建议“${proposedTier}”`,
    parts: composed?.formula ? composed.parts : null,
  };
}

/** The strictest cap the counted months impose, with the month that imposes it. */
function capOf(counted: readonly MonthResult[], rules: ProposalRules): { tier: Tier; by: Tier; month: string } | null {
  let cap: { tier: Tier; by: Tier; month: string } | null = null;
  for (const m of counted) {
    if (m.tier === UNDETERMINED) continue;
    const limit = rules.quarterly.month_caps[m.tier];
    if (limit && (!cap || rankOf(limit) > rankOf(cap.tier))) cap = { tier: limit, by: m.tier, month: m.month };
  }
  return cap;
}

/** 0 for 好 … 3 for 较差: a higher rank is a lower tier. */
const rankOf = (t: Tier): number => TIERS.indexOf(t);

function whyTooFew(months: readonly MonthResult[], counted: number, min: number, context: QuarterContext | undefined, rules: ProposalRules): string {
  const reasons: string[] = [];
  if (context) {
    const quarterMonths = monthsOfQuarter(context.quarterKey);
    const joined = context.joinedOn;
    const notOwed = joined ? quarterMonths.filter((m) => parsePeriodKey(m, 'month').end < joined) : [];
    if (notOwed.length > 0) reasons.push(`${joined} 入职，本季度 ${notOwed.length} 个月不在考核期内`);
    if (rules.quarterly.probation === 'undetermined' && context.probationUntil && context.probationUntil >= parsePeriodKey(quarterMonths[0], 'month').end) {
      reasons.push(`试用期至 ${context.probationUntil}`);
    }
    const pending = (context.pendingMonths ?? []).filter((m) => !months.some((x) => x.month === m));
    if (pending.length > 0) reasons.push(`${pending.join('、')} 尚未评鉴`);
  }
  return `${reasons.length > 0 ? `${reasons.join('；')}；` : ''}本季度计入考核的月份 ${counted} 个，少于 ${min} 个`;
}

function isCounted(m: MonthResult): m is MonthResult & { total: number } {
  return m.tier !== UNDETERMINED && m.total !== null;
}

function inMonthOrder(months: readonly MonthResult[]): MonthResult[] {
  // Sorted first, so a month given twice sits next to itself (no set per person: a city has 28,000).
  const ordered = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.month === ordered[i - 1]!.month) throw invalidInput(`月份 ${ordered[i]!.month} 的考核结果重复，请核对后再生成季度等次`);
  }
  return ordered;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function meanOrNull(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : round2(mean(present));
}
