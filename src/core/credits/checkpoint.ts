import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { isCalendarDate } from './calendar-date';
import { formatHours, toCenti } from './hours';
import type { YearProgress } from './progress';
import { compareText } from '../text-order';

export type CheckpointKind = 'midyear' | 'yearend';

/**
 * The checkpoint in force on `date` (YYYY-MM-DD): the latest one whose configured MM-DD has been
 * reached this year, or null before the first. Checkpoints restart each calendar year.
 */
export function checkpointFor(date: string, training: Rules['training']): CheckpointKind | null {
  if (!isCalendarDate(date)) throw invalidInput(`日期无效：“${date}”，应为 YYYY-MM-DD`);
  const monthDay = date.slice(5);
  const reached = (
    [
      ['midyear', training.midyear_checkpoint.date],
      ['yearend', training.yearend_checkpoint.date],
    ] as const
  )
    .filter(([, at]) => monthDay >= at)
    .sort(([, a], [, b]) => compareText(a, b));
  return reached.at(-1)?.[0] ?? null;
}

/** The day a checkpoint falls on: `2026-midyear` → 2026-06-30 (by the rules). */
export function checkpointDate(year: number, kind: CheckpointKind, training: Rules['training']): string {
  return `${year}-${kind === 'midyear' ? training.midyear_checkpoint.date : training.yearend_checkpoint.date}`;
}

/** `2026-midyear`: the period key a checkpoint job claims so each notice goes out once a year. */
export function checkpointKey(date: string, training: Rules['training']): string | null {
  const kind = checkpointFor(date, training);
  return kind === null ? null : `${date.slice(0, 4)}-${kind}`;
}

/**
 * Mid-year: some requirement's counted hours are below `expected_share` of its hours (exactly at
 * the line is on track). Year-end: the year's requirements are not all met.
 */
export function isBehind(progress: YearProgress, kind: CheckpointKind, training: Rules['training']): boolean {
  if (kind === 'yearend') return !progress.met;
  return progress.requirements.some((r) => toCenti(r.counted) < Math.round(training.midyear_checkpoint.expected_share * toCenti(r.hours)));
}

/** One short sentence for a notice card: what is still missing, or that the year is done. */
export function whatIsStillNeeded(progress: YearProgress): string {
  if (progress.met) {
    const each = progress.requirements.map((r) => `${r.name} ${formatHours(r.counted)} / ${formatHours(r.hours)}`).join('，');
    return `${progress.year} 年学时要求已完成（${each || `已计 ${formatHours(progress.countedHours)} 学时`}）。`;
  }
  const parts: string[] = [];
  for (const r of progress.requirements.filter((x) => x.remaining > 0)) {
    const hint = progress.onlineCapReached && r.kinds.includes('online') && r.kinds.length > 1 ? '（网络学时已达计入上限，请参加线下等其他培训）' : '';
    parts.push(`${r.name} ${formatHours(r.remaining)} 学时${hint}`);
  }
  if (progress.requiredRemaining !== null && progress.requiredRemaining > 0) {
    parts.push(`必修学时 ${formatHours(progress.requiredRemaining)} 学时`);
  }
  const pending = progress.pendingHours > 0 ? `另有 ${formatHours(progress.pendingHours)} 学时待审核。` : '';
  return `${progress.year} 年还差${parts.join('、')}。${pending}`;
}
