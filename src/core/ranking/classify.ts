import type { Rules } from '../rules/rules';
import type { UnitClass } from '../rules/terms';
import type { NegativeRule } from '../rules/unit-rating';
import { denoise, formatScore, round2 } from '../numbers';

type Rating = Rules['unit_rating'];

export interface ClassifyInput {
  score: number | null;
  rank: number | null;
  tied: boolean;
  /** Ranked units strictly behind this one. */
  behind: number;
  vetoes: readonly string[];
  /** How many periods of the same kind just before this one the unit's published class was negative. */
  negativeStreak: number;
}

export interface ClassifyContext {
  ranked: number;
  mean: number | null;
  seats: number;
}

export interface ClassResult {
  class: UnitClass;
  reason: string;
}

const SEVERITY: Record<UnitClass, number> = { 先进单位: 0, 一般: 1, 工作提示单位: 2, 通报批评单位: 3, 警示单位: 4 };
export const isNegativeClass = (c: UnitClass | null): boolean => c !== null && SEVERITY[c] >= 2;

/** 先进单位 seats: top_share × ranked units, rounded as the rules say. */
export function advancedSeats(ranked: number, rating: Rating): number {
  const exact = denoise(rating.advanced.top_share * ranked);
  const round = { floor: Math.floor, round: Math.round, ceil: Math.ceil }[rating.advanced.rounding];
  return round(exact);
}

/**
 * The class the rules give one unit, with the reason that put it there. In order: a veto forces
 * `veto_class`; a unit without data is 一般 (not ranked); the most severe negative rule that holds;
 * 先进单位 for a rank within the seats (units tied at the line all keep it) and a score at least
 * `advanced.min_score`; otherwise 一般.
 */
export function classifyUnit(u: ClassifyInput, ctx: ClassifyContext, rating: Rating): ClassResult {
  if (u.vetoes.length > 0) return { class: rating.veto_class, reason: `一票否决：${u.vetoes.join('、')}，直接列为末位` };
  if (u.score === null || u.rank === null) return { class: '一般', reason: '各项指标均无数据，本期未参加排名' };
  const rules = [...rating.negative].sort((a, b) => SEVERITY[b.class] - SEVERITY[a.class]);
  for (const rule of rules) {
    const why = negativeRuleHolds(rule, u, ctx);
    if (why) return { class: rule.class, reason: why };
  }
  const place = `综合得分 ${formatScore(u.score)} 分，第 ${u.rank} 名${u.tied ? '（并列）' : ''}，共 ${ctx.ranked} 个单位`;
  if (u.rank <= ctx.seats) {
    if (u.score >= rating.advanced.min_score) {
      return { class: '先进单位', reason: `${place}，在先进名额 ${ctx.seats} 个之内` };
    }
    return { class: '一般', reason: `${place}，名次在先进名额之内，但得分低于先进单位最低分 ${formatScore(rating.advanced.min_score)} 分` };
  }
  return { class: '一般', reason: place };
}

/** The reason when every condition of the rule holds, else null. */
function negativeRuleHolds(rule: NegativeRule, u: ClassifyInput, ctx: ClassifyContext): string | null {
  const score = u.score!;
  const parts: string[] = [];
  if (rule.score_below !== undefined) {
    if (!(round2(score) < rule.score_below)) return null;
    parts.push(`综合得分 ${formatScore(score)} 分，低于 ${formatScore(rule.score_below)} 分`);
  }
  if (rule.gap_below_mean !== undefined) {
    if (ctx.mean === null) return null;
    const gap = round2(ctx.mean - score);
    if (!(gap >= rule.gap_below_mean)) return null;
    parts.push(`低于各单位平均分（${formatScore(ctx.mean)} 分）${formatScore(gap)} 分`);
  }
  if (rule.bottom_ranks !== undefined) {
    if (!(u.behind < rule.bottom_ranks)) return null;
    const where = rule.bottom_ranks === 1 ? '排名末位' : `排名后 ${rule.bottom_ranks} 位`;
    parts.push(`${where}（第 ${u.rank} 名，共 ${ctx.ranked} 个单位）`);
  }
  if (rule.consecutive_periods !== undefined) {
    if (u.negativeStreak < rule.consecutive_periods - 1) return null;
    parts.push(`连续 ${rule.consecutive_periods} 期列入工作提示及以下类别`);
  }
  return parts.join('，');
}
