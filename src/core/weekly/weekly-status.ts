import type { WeeklyLog } from './weekly-log';

/**
 * A person's standing for one week. The ledger (CONTRACT.md) uses the first six; `not_due` is a
 * week whose due time has not come yet and nothing is written; `no_workday` is a week with no
 * workday, which asks nothing of anyone.
 */
export type WeekStatus = 'on_time' | 'late' | 'missing' | 'on_leave' | 'confirmed' | 'returned' | 'not_due';
export type WeekStatusOrNone = WeekStatus | 'no_workday';

export const WEEK_STATUS_LABELS: Record<WeekStatusOrNone, string> = {
  on_time: '按时提交',
  late: '逾期补交',
  missing: '未提交',
  on_leave: '请假',
  confirmed: '已确认',
  returned: '已退回',
  not_due: '未到截止时间',
  no_workday: '本周无工作日',
};

export interface WeekStatusInput {
  log: Pick<WeeklyLog, 'state' | 'late'> | null;
  /** Leave covers every workday of the week (see leave.ts). */
  onLeave: boolean;
  /** null: the week has no workday. */
  dueAt: Date | null;
  now: Date;
}

/**
 * The one rule for a week's status, used by the prompt, reminder, digest, team view, history,
 * monthly grading and the ledger alike. A written record wins over leave (the person chose to
 * write); the supervisor's decision wins over punctuality.
 */
export function weekStatus({ log, onLeave, dueAt, now }: WeekStatusInput): WeekStatusOrNone {
  if (log) {
    if (log.state === 'confirmed') return 'confirmed';
    if (log.state === 'returned') return 'returned';
    return log.late ? 'late' : 'on_time';
  }
  if (!dueAt) return 'no_workday';
  if (onLeave) return 'on_leave';
  return now < dueAt ? 'not_due' : 'missing';
}

/** A first submission after the due time is late; a week with no workday has no due time and is never late. */
export function isLate(submittedAt: Date, dueAt: Date | null): boolean {
  return dueAt !== null && submittedAt > dueAt;
}

/** Statuses that mean "has written something for the week". */
export const hasWritten = (s: WeekStatusOrNone): boolean => s === 'on_time' || s === 'late' || s === 'confirmed' || s === 'returned';

/** Still owes a record: nothing written and not on leave (before or after the due time). */
export const owesRecord = (s: WeekStatusOrNone): boolean => s === 'missing' || s === 'not_due';
