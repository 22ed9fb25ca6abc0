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
