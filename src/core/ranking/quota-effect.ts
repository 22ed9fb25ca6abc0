import type { Rules } from '../rules/rules';
import type { UnitClass } from '../rules/terms';
import type { RankingKind } from './ranking-doc';
import { periodEnd } from './ranking-period';

export type QuotaTarget = 'good_share' | 'excellent_share';

/** The share a class gives, or null when the rules leave that class's quota alone. */
export function shareForClass(className: UnitClass | null, target: QuotaTarget, rating: Rules['unit_rating']): number | null {
  if (!className) return null;
  return rating.quota_effects.classes[className]?.[target] ?? null;
}

/**
 * Which published ranking decides a quota: of the kinds in `basis_periods`, the one that ended last
 * within `[from, to]` (dates, inclusive); several ending that day → the kind listed first.
 */
export function basisRanking<T extends { periodKey: string; kind: RankingKind }>(
  published: readonly T[],
  window: { from: string; to: string },
  rating: Rules['unit_rating'],
): T | null {
  const prefs: readonly string[] = rating.quota_effects.basis_periods;
  const candidates = published.filter((p) => prefs.includes(p.kind) && periodEnd(p.periodKey) >= window.from && periodEnd(p.periodKey) <= window.to);
  candidates.sort((a, b) => periodEnd(b.periodKey).localeCompare(periodEnd(a.periodKey)) || prefs.indexOf(a.kind) - prefs.indexOf(b.kind));
  return candidates[0] ?? null;
}
