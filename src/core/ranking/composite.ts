import { clamp, round2 } from '../numbers';
import type { IndicatorDef, IndicatorResult } from './ranking-doc';

/**
 * An indicator's value on the 100 scale: rates × 100, scores as they are, imported values scaled by
 * their `max`; "lower is better" indicators are turned round so that 100 is always best.
 */
export function indicatorScore(def: IndicatorDef, value: number): number {
  const share = def.format === 'score' ? value / 100 : value / def.max;
  return round2(clamp(100 * (def.lowerIsBetter ? 1 - share : share), 0, 100));
}

export function resultOf(def: IndicatorDef, value: number | null, detail?: string): IndicatorResult {
  if (value === null || !Number.isFinite(value)) return { value: null, score: null, ...(detail ? { detail } : {}) };
  return { value, score: def.veto ? null : indicatorScore(def, value), ...(detail ? { detail } : {}) };
}

/**
 * Σ weight × score / Σ weight over the indicators that have data: a missing indicator drops out and
 * the others carry its weight, so missing data never counts as zero. Null when nothing weighted has data.
 */
export function compositeScore(defs: readonly IndicatorDef[], results: Readonly<Record<string, IndicatorResult>>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const def of defs) {
    const score = results[def.name]?.score;
    if (def.veto || def.weight <= 0 || score === null || score === undefined) continue;
    weighted += def.weight * score;
    weights += def.weight;
  }
  return weights > 0 ? round2(weighted / weights) : null;
}

/** The weights in force for this unit: each present indicator's share of the weights with data. */
export function effectiveWeights(defs: readonly IndicatorDef[], results: Readonly<Record<string, IndicatorResult>>): Map<string, number> {
  const present = defs.filter((d) => !d.veto && d.weight > 0 && results[d.name]?.score != null);
  const total = present.reduce((s, d) => s + d.weight, 0);
  return new Map(present.map((d) => [d.name, total > 0 ? d.weight / total : 0]));
}
