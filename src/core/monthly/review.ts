import type { Tier, TierOrUndetermined } from '../rules/terms';
import type { MonthlyReviewRow } from '../../db/schema';
import type { ScoreItem } from './score';
import { isTier, isTierOrUndetermined } from '../tiers';
import { merged } from '../merged';

/** pending: the card went out, nobody has graded yet; undetermined: graded 不定等次 with a reason. */
export type MonthlyStatus = 'pending' | 'submitted' | 'undetermined';

export const MONTHLY_STATUS_LABELS: Record<MonthlyStatus, string> = {
  pending: '待评鉴',
  submitted: '已评鉴',
  undetermined: '不定等次',
};

export interface MonthlyReview {
  id: string;
  openId: string;
  monthKey: string;
  /** Snapshots of the person when graded (when created, while still pending). */
  unitId: string;
  level: string;
  reviewerOpenId: string | null;
  work: number | null;
  conduct: number | null;
  bonuses: ScoreItem[];
  deductions: ScoreItem[];
  bonus: number | null;
  deduction: number | null;
  total: number | null;
  suggestedTier: Tier | null;
  tier: TierOrUndetermined | null;
  overrideReason: string | null;
  comment: string | null;
  status: MonthlyStatus;
  revision: number;
  updatedAt: string;
}

export function monthlyReviewRowToReview(row: MonthlyReviewRow): MonthlyReview {
  return merged(monthResultRowToReview(row), {
    id: row.id,
    reviewerOpenId: row.reviewer_open_id,
    bonuses: parseItems(row.bonuses),
    deductions: parseItems(row.deductions),
    bonus: numOrNull(row.bonus),
    deduction: numOrNull(row.deduction),
    suggestedTier: isTier(row.suggested_tier) ? row.suggested_tier : null,
    overrideReason: row.override_reason,
    comment: row.comment,
    revision: Number(row.revision),
    updatedAt: row.updated_at,
  });
}

/** The columns of a review that make a month's result (what a quarter's proposals are computed from). */
export const MONTH_RESULT_COLUMNS = ['open_id', 'month_key', 'unit_id', 'level', 'status', 'tier', 'total', 'work_score', 'conduct_score'] as const;
export type MonthResultRow = Pick<MonthlyReviewRow, (typeof MONTH_RESULT_COLUMNS)[number]>;
export type MonthResultReview = Pick<MonthlyReview, 'openId' | 'monthKey' | 'unitId' | 'level' | 'status' | 'tier' | 'total' | 'work' | 'conduct'>;

export function monthResultRowToReview(row: MonthResultRow): MonthResultReview {
  return {
    openId: row.open_id,
    monthKey: row.month_key,
    unitId: row.unit_id,
    level: row.level,
    work: numOrNull(row.work_score),
    conduct: numOrNull(row.conduct_score),
    total: numOrNull(row.total),
    tier: isTierOrUndetermined(row.tier) ? row.tier : null,
    status: toStatus(row.status),
  };
}

// PostgreSQL's double precision comes back as a number from pg, but be strict anyway.
function numOrNull(x: number | string | null): number | null {
  if (x === null) return null;
  const n = Number(x);
  return Number.isFinite(n) ? n : null;
}

function toStatus(s: string): MonthlyStatus {
  return s === 'submitted' || s === 'undetermined' ? s : 'pending';
}

/** Items are written by this feature only, but a hand-edited row must not crash a card. */
function parseItems(json: string): ScoreItem[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((x): x is { points: unknown; reason: unknown } => typeof x === 'object' && x !== null)
      .map((x) => ({ points: Number(x.points), reason: String(x.reason ?? '') }))
      .filter((x) => Number.isFinite(x.points));
  } catch {
    return [];
  }
}
