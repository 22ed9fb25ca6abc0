import type { UnitClass } from '../rules/terms';

/**
 * A ranking as stored (`unit_rankings.doc`, and frozen in each publication): what was computed, and
 * the city admin's adjustments beside it, so the card can always say what the rules gave and why a
 * human changed it.
 */

/** The four rhythms: 月度评价, 季度通报, 半年检查, and the 学时 bulletin of a credits checkpoint. */
export type RankingKind = 'month' | 'quarter' | 'half' | 'training';

export interface IndicatorDef {
  /** `weekly_completion` …, or the imported indicator's name as the rules spell it. */
  name: string;
  label: string;
  weight: number;
  source: 'auto' | 'import';
  /** 一票否决: no weight; any value above 0 forces the veto class. */
  veto: boolean;
  /** rate: a 0–1 share shown as a percentage; score: already 0–100; value: an imported figure. */
  format: 'rate' | 'score' | 'value';
  lowerIsBetter: boolean;
  /** The value that scores 100 (imported indicators). */
  max: number;
}

/** One indicator of one unit; both null when the data is missing (never counted as zero). */
export interface IndicatorResult {
  value: number | null;
  score: number | null;
  /** e.g. "42/48 份" — what the value was computed from. */
  detail?: string;
}

export interface Adjustment {
  class: UnitClass;
  reason: string;
  by: string;
  byName: string;
  at: string;
}

export interface RankingRow {
  unitId: string;
  unitName: string;
  indicators: Record<string, IndicatorResult>;
  /** Composite on a 100 scale (two decimals); null: no indicator with data, not ranked. */
  score: number | null;
  rank: number | null;
  /** Shares its rank with another unit. */
  tied: boolean;
  /** Labels of the veto items that apply. */
  vetoes: string[];
  /** What the rules gave; null for the 学时 bulletin, which has no classes. */
  autoClass: UnitClass | null;
  autoReason: string;
  adjustment: Adjustment | null;
}

export interface RankingDoc {
  kind: RankingKind;
  periodKey: string;
  scope: string;
  /** 全市 (organs ranked city-wide) or the organ's name (its 处室 ranked). */
  scopeName: string;
  indicators: IndicatorDef[];
  /** Mean composite of the ranked units. */
  mean: number | null;
  rankedCount: number;
  /** 先进单位 seats: top_share × ranked units, rounded per the rules. */
  seats: number;
  computedAt: string;
  /** In rank order; units without data last. */
  rows: RankingRow[];
}

export const classOf = (row: RankingRow): UnitClass | null => row.adjustment?.class ?? row.autoClass;

export function reasonOf(row: RankingRow): string {
  if (!row.adjustment) return row.autoReason;
  const was = row.autoClass ? `按规则为${row.autoClass}：${row.autoReason}` : row.autoReason;
  return `经审核调整为${row.adjustment.class}：${row.adjustment.reason}（${was}）`;
}

/** What an announcement states about a unit; two publications that agree on these send nothing new. */
export function publishedFacts(doc: RankingDoc): string {
  return JSON.stringify(doc.rows.map((r) => [r.unitId, r.rank, r.score, classOf(r), reasonOf(r)]));
}
