import { isCalendarGap } from '../calendar/calendar-gap';
import { datesFrom, monthsOf, parsePeriodKey, weekKeyOf } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { findLogsOfPeople } from '../weekly/weekly.repository';
import { groupBy } from '../group-by';
import { weeksOfMonth } from '../weekly/weekly-month';
import { charCount, excerpt } from './self-summary';

export interface PeriodRecords {
  /** Weeks of the period that owe a record (their last workday falls in it). */
  weeks: number;
  written: number;
  /** 完成工作, one line per written week, oldest first. */
  done: string[];
  /** 加分事项 claimed in the period's records. */
  bonusClaims: string[];
}

/**
 * Each person's weekly records of the period (a quarter's weeks are its months' weeks), by open_id,
 * read for all of them at once.
 */
export async function periodRecords(deps: CoreDeps, openIds: readonly string[], periodKey: string): Promise<Map<string, PeriodRecords>> {
  const weekKeys = [...new Set(monthsOf(periodKey).flatMap((m) => weeksOf(deps, m)))];
  const logsOf = groupBy(await findLogsOfPeople(deps.db, openIds, weekKeys), (l) => l.openId);
  return new Map(
    openIds.map((openId) => {
      const logs = (logsOf.get(openId) ?? []).sort((a, b) => a.weekKey.localeCompare(b.weekKey));
      return [openId, { weeks: weekKeys.length, written: logs.length, done: logs.map((l) => l.done.trim()).filter(Boolean), bonusClaims: logs.map((l) => l.bonusClaim?.trim() ?? '').filter(Boolean) }];
    }),
  );
}

/** The month's weeks; while next year's holidays are unknown (December's last week), every week it touches. */
function weeksOf(deps: CoreDeps, monthKey: string): string[] {
  try {
    return weeksOfMonth(deps, monthKey);
  } catch (e) {
    if (!isCalendarGap(e)) throw e;
    const { start, end } = parsePeriodKey(monthKey, 'month');
    return [...new Set(datesFrom(start, end).map(weekKeyOf))];
  }
}

const LINE_CHARS = 60;

/**
 * A first draft from the records: 主要工作 (one line per week), 加分事项, and a heading for the
 * person's own reflection. Lines are dropped from the end (with a note) so it fits `maxChars`.
 */
export function prefillText(records: PeriodRecords, maxChars: number): string {
  const work = records.done.map((d, i) => `${i + 1}. ${excerpt(d, LINE_CHARS)}`);
  const bonus = records.bonusClaims.map((b) => `- ${excerpt(b, LINE_CHARS)}`);
  const build = (w: string[], b: string[], cut: boolean) =>
    [
      '一、主要工作',
      ...(w.length > 0 ? w : ['（本期周记中没有记录，请补充）']),
      ...(cut ? ['……（其余见周记）'] : []),
      ...(b.length > 0 ? ['二、加分事项', ...b, '三、不足与改进'] : ['二、不足与改进']),
      '',
    ].join('\n');
  let cut = false;
  let text = build(work, bonus, cut);
  while (charCount(text) > maxChars && (work.length > 1 || bonus.length > 0)) {
    if (bonus.length > 1 || (bonus.length > 0 && work.length <= 1)) bonus.pop();
    else work.pop();
    cut = true;
    text = build(work, bonus, cut);
  }
  return charCount(text) > maxChars ? [...text].slice(0, maxChars).join('') : text;
}
