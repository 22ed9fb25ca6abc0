import { parseRules, type RulesInput } from '../../src/core/rules/rules';
import { resultOf } from '../../src/core/ranking/composite';
import { indicatorDefs } from '../../src/core/ranking/indicator-defs';
import type { IndicatorResult, RankingDoc } from '../../src/core/ranking/ranking-doc';
import { buildRanking, type UnitIndicators } from '../../src/core/ranking/ranking-table';

/**
 * Hand-computed tables: three weighted indicators (周记完成率 0.5, 月度考核平均分 0.3, 学时达标率 0.2),
 * the others weighted 0, plus whatever a test adds to the rules.
 */
export function ratingRules(extra: NonNullable<RulesInput['unit_rating']> = {}) {
  return parseRules({
    unit_rating: {
      weights: { weekly_completion: 0.5, weekly_on_time: 0, avg_monthly_score: 0.3, low_tier_share: 0, training: 0.2 },
      tie_break: ['avg_monthly_score'],
      ...extra,
    },
  }).unit_rating;
}

export type Values = Record<string, number | null>;

export function unitOf(rating: ReturnType<typeof ratingRules>, unitId: string, values: Values, negativeStreak = 0): UnitIndicators {
  const results: Record<string, IndicatorResult> = {};
  for (const def of indicatorDefs(rating)) results[def.name] = resultOf(def, values[def.name] ?? null);
  return { unitId, unitName: `单位${unitId}`, results, negativeStreak };
}

export function rankTable(rating: ReturnType<typeof ratingRules>, units: UnitIndicators[]): RankingDoc {
  return buildRanking(
    { kind: 'month', periodKey: '2026-11', scope: 'all', scopeName: '全市', defs: indicatorDefs(rating), units, computedAt: '2026-12-10T02:00:00.000Z' },
    rating,
  );
}

/** unitId → [rank, score, class] for compact assertions. */
export function summary(doc: RankingDoc): Record<string, [number | null, number | null, string | null]> {
  return Object.fromEntries(doc.rows.map((r) => [r.unitId, [r.rank, r.score, r.autoClass]]));
}
