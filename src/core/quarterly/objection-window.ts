import type { Rules } from '../rules/rules';
import { shanghaiDate } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';

/**
 * The last day (inclusive, Shanghai date) on which the person may object: `objection_workdays`
 * workdays after the day the feedback went out, so holidays and 调休 are counted as the
 * calendar says.
 */
export function objectionDeadline(feedbackAtIso: string, calendar: WorkCalendar, rules: Pick<Rules, 'quarterly'>): string {
  return calendar.addWorkdays(shanghaiDate(new Date(feedbackAtIso)), rules.quarterly.objection_workdays);
}

export function isWithinObjectionWindow(now: Date, feedbackAtIso: string, calendar: WorkCalendar, rules: Pick<Rules, 'quarterly'>): boolean {
  return shanghaiDate(now) <= objectionDeadline(feedbackAtIso, calendar, rules);
}
