import type { ExamResult, TrainingKind } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { isCalendarDate } from './calendar-date';
import { formatHours } from './hours';
import { trainingSection } from './rules-section';
import { describeTrainingKinds, parseTrainingKind } from './training-kind-labels';
import { parseTrainingHours } from './training-hours-input';

export type TrainingSource = 'import' | 'claim';
export type TrainingStatus = 'approved' | 'pending' | 'rejected';

/** One training record of one person (the person's open_id is kept beside it, not inside). */
export interface TrainingRecord {
  /** YYYY-MM-DD */
  date: string;
  title: string;
  kind: TrainingKind;
  /** > 0, at most two decimals. */
  hours: number;
  required: boolean;
  source: TrainingSource;
  status: TrainingStatus;
  /** 结业考试 result where the training platform gives one; a failed exam's hours do not count. */
  examResult?: ExamResult | null;
}

/** The import columns (CONTRACT.md): `open_id,date,title,kind,hours,required`, plus an optional `result`. */
export const TRAINING_IMPORT_COLUMNS = ['open_id', 'date', 'title', 'kind', 'hours', 'required'] as const;

/** Optional: the 结业考试 result, `pass` or `fail` (also 通过/合格, 未通过/不合格); empty when there is no exam. */
export const TRAINING_RESULT_COLUMN = 'result';

const RESULT_WORDS: Record<string, ExamResult> = {
  pass: 'pass',
  passed: 'pass',
  通过: 'pass',
  合格: 'pass',
  fail: 'fail',
  failed: 'fail',
  未通过: 'fail',
  不通过: 'fail',
  不合格: 'fail',
};

/** Reads the optional result cell: null when empty, undefined when it says something else. */
export function parseExamResult(text: string): ExamResult | null | undefined {
  const word = text.normalize('NFKC').trim().toLowerCase();
  if (word === '') return null;
  return RESULT_WORDS[word];
}

export interface TrainingRowContext {
  knownPerson: (openId: string) => boolean;
  /** YYYY-MM-DD; when given, records dated after it are refused. */
  today?: string;
}

export type TrainingRowResult =
  | { ok: true; openId: string; record: TrainingRecord }
  | { ok: false; reason: string };

/**
 * Checks one import row. Every problem of the row is reported (joined by `；`) so the admin can
 * fix a line in one go. Imported rows come from the training platform, which is authoritative,
 * so they are `source: 'import'` and already `approved`.
 */
export function validateTrainingRow(
  values: Record<string, string>,
  rules: Rules | Rules['training'],
  context: TrainingRowContext,
): TrainingRowResult {
  const training = trainingSection(rules);
  if (context.today !== undefined && !isCalendarDate(context.today)) {
    throw invalidInput(`今天的日期无效：“${context.today}”，应为 YYYY-MM-DD`);
  }
  const cell = (column: string) => (values[column] ?? '').trim();
  const reasons: string[] = [];

  const openId = cell('open_id');
  if (openId === '') reasons.push('缺少人员 open_id');
  else if (!context.knownPerson(openId)) reasons.push(`人员 open_id 不在组织名单中：${openId}`);

  const date = cell('date').normalize('NFKC');
  if (!isCalendarDate(date)) {
    reasons.push(`日期无效：“${date}”，应为 YYYY-MM-DD 格式的真实日期`);
  } else if (context.today !== undefined && date > context.today) {
    reasons.push(`日期无效：${date} 晚于今天（${context.today}）`);
  }

  const title = cell('title');
  if (title === '') reasons.push('培训名称不能为空');

  const kindText = cell('kind').normalize('NFKC');
  const kind = parseTrainingKind(kindText);
  if (kind === null) reasons.push(`培训类型无效：“${kindText}”，应为 ${describeTrainingKinds()} 之一`);

  const hours = parseTrainingHours(cell('hours'), training);
  if (!hours.ok) reasons.push(hours.reason);

  const requiredText = cell('required').normalize('NFKC');
  if (requiredText !== '1' && requiredText !== '0') {
    reasons.push(`是否必修（required）应为 1 或 0，实为“${requiredText}”`);
  }

  const resultText = cell(TRAINING_RESULT_COLUMN);
  const examResult = parseExamResult(resultText);
  if (examResult === undefined) reasons.push(`结业考试结果（result）应为 pass 或 fail（通过/未通过），或留空，实为“${resultText}”`);

  if (reasons.length > 0 || kind === null || !hours.ok || examResult === undefined) return { ok: false, reason: reasons.join('；') };
  return {
    ok: true,
    openId,
    record: { date, title, kind, hours: hours.hours, required: requiredText === '1', source: 'import', status: 'approved', examResult },
  };
}

/**
 * `open_id|date|title|kind|hours|required`, with hours in canonical form (so `2天` and `16` agree)
 * and `|` / `\` escaped inside free text. Re-importing the same file yields the same strings, which
 * the store keeps unique, so nothing is added twice. Source and status are left out on purpose:
 * they describe how the record got in, not which training it was.
 */
export function recordFingerprint(openId: string, record: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required'>): string {
  return [
    escapeField(openId.trim()),
    record.date,
    escapeField(record.title.trim()),
    record.kind,
    formatHours(record.hours),
    record.required ? '1' : '0',
  ].join('|');
}

function escapeField(text: string): string {
  return text.replace(/[\\|]/g, (c) => `\\${c}`);
}
