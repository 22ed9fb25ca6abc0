import type { WeeklyLogRow } from '../../db/schema';

/** Where a record stands in its review: written (or amended), confirmed by the supervisor, or sent back. */
export type ReviewState = 'submitted' | 'confirmed' | 'returned';

export interface WeeklyLog {
  id: string;
  openId: string;
  weekKey: string;
  done: string;
  plan: string;
  bonusClaim: string | null;
  state: ReviewState;
  /** The first submission came after the week's due time; amendments do not change it. */
  late: boolean;
  revision: number;
  submittedAt: string;
  updatedAt: string;
  reviewerOpenId: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
}

export function weeklyLogRowToLog(row: WeeklyLogRow): WeeklyLog {
  return {
    id: row.id,
    openId: row.open_id,
    weekKey: row.week_key,
    done: row.done,
    plan: row.plan,
    bonusClaim: row.bonus_claim,
    state: (['submitted', 'confirmed', 'returned'] as const).find((s) => s === row.status) ?? 'submitted',
    late: row.late === 1,
    revision: row.revision,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    reviewerOpenId: row.reviewer_open_id,
    reviewComment: row.review_comment,
    reviewedAt: row.reviewed_at,
  };
}

/** The record as one text (ledger `content`): 完成工作, then 下周计划 and 加分事项 when present. */
export function logContent(log: Pick<WeeklyLog, 'done' | 'plan' | 'bonusClaim'>): string {
  const parts = [log.done];
  if (log.plan.trim()) parts.push(`${PLAN_LABEL}${log.plan}`);
  if (log.bonusClaim?.trim()) parts.push(`${BONUS_LABEL}${log.bonusClaim}`);
  return parts.join('\n');
}

export const PLAN_LABEL = '下周计划：';
export const BONUS_LABEL = '加分事项：';
