import { formatHours } from './hours';
import { TRAINING_KIND_LABELS } from './training-kind-labels';
import type { TrainingRecord } from './training-record';

/**
 * `2026-11-10 线下培训《依法行政专题》8 学时（必修）`. Cards pass `escapeMd` for the title, which a
 * person typed; plain-text messages leave it as it is.
 */
export function describeRecord(
  r: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required'>,
  escapeTitle: (text: string) => string = (text) => text,
): string {
  return `${r.date} ${TRAINING_KIND_LABELS[r.kind]}《${escapeTitle(r.title)}》${formatHours(r.hours)} 学时${r.required ? '（必修）' : ''}`;
}
