import { formatWeekLabel, parsePeriodKey, shanghaiDate, weekKeyOf, daysBetween } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { scheduleOf } from './week-roster';
import type { WeeklySchedule } from '../calendar/schedule';

export const currentWeekKey = (now: Date): string => weekKeyOf(shanghaiDate(now));

/**
 * The weeks a record may be written for at `now`: the current one and `weekly.late_weeks` before it.
 * Checked on the server for every submission, whatever week a card carried.
 */
export function writableWeek(deps: CoreDeps, weekKeyText: string, now: Date): WeeklySchedule {
  const week = parsePeriodKey(weekKeyText, 'week');
  const current = parsePeriodKey(currentWeekKey(now), 'week');
  const weeksBack = daysBetween(week.start, current.start) / 7;
  const label = formatWeekLabel(week.key);
  if (weeksBack < 0) throw new DomainError('INVALID_INPUT', `${label}还没有到，不能提前填写周记。`);
  if (weeksBack > deps.rules.weekly.late_weeks) {
    throw new DomainError(
      'TOO_LATE',
      `${label}的周记已超过补交期限（可补交本周及前 ${deps.rules.weekly.late_weeks} 周）。如需补记，请联系您的主管领导或考核管理员。`,
    );
  }
  const schedule = scheduleOf(deps, week.key);
  if (!schedule.dueAt) throw new DomainError('NOT_APPLICABLE', `${label}没有工作日，无需填写周记。`);
  return schedule;
}
