import type { Rules } from '../rules/rules';
import { round2 } from '../numbers';
import { advancedSeats, classifyUnit } from './classify';
import { compositeScore } from './composite';
import { rankUnits } from './rank';
import type { IndicatorDef, IndicatorResult, RankingDoc, RankingKind, RankingRow } from './ranking-doc';

export interface UnitIndicators {
  unitId: string;
  unitName: string;
  results: Record<string, IndicatorResult>;
  /** Consecutive earlier periods of the same kind with a negative published class. */
  negativeStreak: number;
}

export interface RankingInput {
  kind: RankingKind;
  periodKey: string;
  scope: string;
  scopeName: string;
  defs: IndicatorDef[];
  units: UnitIndicators[];
  computedAt: string;
}

/**
 * Composite, rank and class of every unit (pure): the whole 评优评差 decision for one period and
 * scope, each class with its reason. The 学时 bulletin (`kind: training`) ranks without classes.
 */
export function buildRanking(input: RankingInput, rating: Rules['unit_rating']): RankingDoc {
  const scored = input.units.map((u) => ({
    ...u,
    score: compositeScore(input.defs, u.results),
    vetoes: input.defs.filter((d) => d.veto && (u.results[d.name]?.value ?? 0) > 0).map((d) => d.label),
  }));
  const places = rankUnits(
    scored.map((u) => ({
      unitId: u.unitId,
      score: u.score,
      veto: u.vetoes.length > 0,
      tieKeys: input.kind === 'training' ? [] : rating.tie_break.map((name) => u.results[name]?.score ?? null),
    })),
  );
  const rankedScores = scored.filter((u) => u.score !== null).map((u) => u.score!);
  const mean = rankedScores.length > 0 ? round2(rankedScores.reduce((s, x) => s + x, 0) / rankedScores.length) : null;
  const ctx = { ranked: rankedScores.length, mean, seats: input.kind === 'training' ? 0 : advancedSeats(rankedScores.length, rating) };
  const byId = new Map(scored.map((u) => [u.unitId, u]));
  const rows = places.map((place): RankingRow => {
    const u = byId.get(place.unitId)!;
    const base = { unitId: u.unitId, unitName: u.unitName, indicators: u.results, score: u.score, rank: place.rank, tied: place.tied, vetoes: u.vetoes, adjustment: null };
    if (input.kind === 'training') {
      const detail = u.results.training?.detail;
      return { ...base, autoClass: null, autoReason: u.score === null ? '本单位暂无在册人员' : `学时达标 ${detail ?? ''}`.trim() };
    }
    const c = classifyUnit({ ...place, score: u.score, vetoes: u.vetoes, negativeStreak: u.negativeStreak }, ctx, rating);
    return { ...base, autoClass: c.class, autoReason: c.reason };
  });
  return {
    kind: input.kind,
    periodKey: input.periodKey,
    scope: input.scope,
    scopeName: input.scopeName,
    indicators: input.defs,
    mean,
    rankedCount: ctx.ranked,
    seats: ctx.seats,
    computedAt: input.computedAt,
    rows,
  };
}
