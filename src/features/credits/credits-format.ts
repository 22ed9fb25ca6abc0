import { describeRecord } from '../../core/credits/record-text';
import { formatHours } from '../../core/credits/hours';
import type { TrainingRecord } from '../../core/credits/training-record';
import { escapeMd } from '../../../cards/components';

/** Shared wording of the credits cards, so a record reads the same on every card. */

export const STATUS_LABELS: Record<TrainingRecord['status'], string> = {
  approved: '已计入',
  pending: '待审核',
  rejected: '已驳回',
};

export const SOURCE_LABELS: Record<TrainingRecord['source'], string> = {
  import: '平台导入',
  claim: '本人申报',
};

export const h = (hours: number): string => `${formatHours(hours)} 学时`;

/** `2026-11-10 线下培训《依法行政专题》8 学时（必修）`, title escaped. */
export function recordLine(r: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required'>): string {
  return describeRecord(r, escapeMd);
}

/** `集中培训 60 / 90 学时（还差 30）`, one line per requirement, each met on its own. */
export function requirementLines(requirements: ReadonlyArray<{ name: string; counted: number; hours: number; remaining: number }>): string {
  return requirements
    .map((r) => `- ${r.remaining > 0 ? '⬜' : '✅'} **${escapeMd(r.name)}** ${formatHours(r.counted)} / ${h(r.hours)}${r.remaining > 0 ? `（还差 ${formatHours(r.remaining)}）` : ''}`)
    .join('\n');
}

/** How a stored record stands, with a failed 结业考试 said plainly. */
export function recordStatus(r: Pick<TrainingRecord, 'status' | 'examResult'>): string {
  return r.status === 'approved' && r.examResult === 'fail' ? '结业考试未通过，不计入' : STATUS_LABELS[r.status];
}
