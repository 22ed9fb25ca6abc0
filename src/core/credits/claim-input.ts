import type { TrainingKind } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { isCalendarDate } from './calendar-date';
import { parseTrainingHours } from './training-hours-input';
import { parseTrainingKind } from './training-kind-labels';
import type { TrainingRecord } from './training-record';

/**
 * Kinds a person may claim themselves. Online study is left out on purpose: the training platform
 * reports it, so a claim for it would count the same hours twice.
 */
export const CLAIMABLE_KINDS: readonly TrainingKind[] = ['offline', 'lecture', 'exam', 'degree'];

export const CLAIM_TITLE_MAX = 100;
export const CLAIM_NOTE_MAX = 500;

export interface ClaimForm {
  title: string;
  date: string;
  hours: string;
  kind: string;
  note: string;
}

export type ClaimParse =
  | { ok: true; record: TrainingRecord; note: string | null }
  | { ok: false; reasons: string[] };

/**
 * Checks a claim as typed on the form. Every problem is reported at once so the person fixes the
 * form in one go. A claim is elective (必修 hours come from the platform) and waits for approval.
 */
export function parseClaimForm(form: ClaimForm, training: Rules['training'], today: string): ClaimParse {
  const reasons: string[] = [];
  const title = form.title.trim();
  if (title === '') reasons.push('请填写培训名称');
  else if (title.length > CLAIM_TITLE_MAX) reasons.push(`培训名称不超过 ${CLAIM_TITLE_MAX} 字`);

  const date = form.date.normalize('NFKC').trim().replace(/[./年月]/g, '-').replace(/日$/, '');
  const normalisedDate = /^\d{4}-\d{1,2}-\d{1,2}$/.test(date)
    ? date.replace(/-(\d)(?=-|$)/g, '-0$1')
    : date;
  if (!isCalendarDate(normalisedDate)) reasons.push(`培训日期“${form.date.trim()}”无效，请写成 2026-11-10 这样的日期`);
  else if (normalisedDate > today) reasons.push(`培训日期 ${normalisedDate} 晚于今天，请培训结束后再申报`);

  const hours = parseTrainingHours(form.hours, training);
  if (!hours.ok) reasons.push(hours.reason);

  const kind = form.kind.trim() === '' ? 'offline' : parseTrainingKind(form.kind);
  if (kind === null || !CLAIMABLE_KINDS.includes(kind)) {
    reasons.push('培训类型请选择线下培训、讲座、考试或学历教育（网络学习由培训平台导入，无需申报）');
  }

  const note = form.note.trim();
  if (note.length > CLAIM_NOTE_MAX) reasons.push(`备注不超过 ${CLAIM_NOTE_MAX} 字`);

  if (reasons.length > 0 || !hours.ok || kind === null) return { ok: false, reasons };
  return {
    ok: true,
    record: { date: normalisedDate, title, kind, hours: hours.hours, required: false, source: 'claim', status: 'pending' },
    note: note === '' ? null : note,
  };
}
