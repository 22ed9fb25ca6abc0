import type { CardJson } from '../ports';

/** What the admins are told when a job waits for a year's holiday schedule. */
export interface CalendarGapView {
  year: number;
  /** The job that is waiting, e.g. weekly-prompt. */
  job: string;
}

export interface MaintenanceCards {
  calendarGap(v: CalendarGapView): CardJson;
}
