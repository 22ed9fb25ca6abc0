import { calmTime } from '../calendar/calm';
import { shanghaiDate, shanghaiTime } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { Rules } from '../rules/rules';

type Window = Rules['unit_rating']['announce_window'];

/** When an announcement may go out: announcements are never urgent (see calendar/calm.ts). */
export const announceAt = (now: Date, calendar: WorkCalendar, window: Window): Date => calmTime(now, calendar, window);

/** The announce job's period: today, once the window has opened on a workday (it catches up on the rest of the day). */
export function announceDayAt(now: Date, calendar: WorkCalendar, window: Window): string | null {
  const today = shanghaiDate(now);
  return calendar.isWorkday(today) && shanghaiTime(now) >= window.from ? today : null;
}
