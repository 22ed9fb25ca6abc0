import { addDays, monthKeyOf, parsePeriodKey, weekKeyOf } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { mapRead, type Read } from '../read-together';
import { peopleWeeksRead, type PersonWeek } from './week-roster';
import type { WeekStatus } from './weekly-status';

export interface MonthWeekRecord {
  weekKey: string;
  /** The week's last workday (YYYY-MM-DD), when the record is due. */
  dueDate: string | null;
  status: WeekStatus;
  submittedAt: string | null;
  bonusClaim: string | null;
  done: string | null;
}

/** The weeks that belong to a month: those whose last workday falls in it (so each week counts once). */
export function weeksOfMonth(deps: Pick<CoreDeps, 'calendar'>, monthKey: string): string[] {
  const month = parsePeriodKey(monthKey, 'month');
  const out: string[] = [];
  // A week ending in the month may start up to 6 days before it; one starting in it may end after it.
  for (let d = addDays(month.start, -6); d <= month.end; d = addDays(d, 7)) {
    const week = weekKeyOf(d);
    const last = deps.calendar.lastWorkdayOfWeek(week);
    if (last && monthKeyOf(last) === month.key && !out.includes(week)) out.push(week);
  }
  return out;
}

/**
 * Each person's weekly records for the month's weeks, by open_id, for the monthly grading cards.
 * `not_due` marks a week whose due time is still ahead at deps.clock.now().
 */
export function monthWeekRecordsRead(deps: CoreDeps, openIds: readonly string[], monthKey: string): Read<Map<string, MonthWeekRecord[]>> {
  return mapRead(peopleWeeksRead(deps, openIds, weeksOfMonth(deps, monthKey)), (weeks) => new Map([...weeks].map(([openId, own]) => [openId, own.map(toRecord)])));
}

function toRecord(w: PersonWeek): MonthWeekRecord {
  return {
    weekKey: w.weekKey,
    dueDate: w.schedule.workdays.at(-1) ?? null,
    // Every week here has a workday, so `no_workday` cannot occur; the fallback keeps the type honest.
    status: w.status === 'no_workday' ? 'not_due' : w.status,
    submittedAt: w.log?.submittedAt ?? null,
    bonusClaim: w.log?.bonusClaim ?? null,
    done: w.log?.done ?? null,
  };
}
