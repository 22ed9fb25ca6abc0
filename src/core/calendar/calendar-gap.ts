import { DomainError } from '../errors';

/**
 * A date was asked of a year whose official schedule (holidays and make-up workdays) is not known.
 * Treating its weekdays as workdays would put due dates on 元旦 and prompts into the Spring
 * Festival, so the calendar refuses: jobs wait and alert the admins until the year is provided.
 */
export class CalendarGapError extends DomainError {
  constructor(readonly year: number) {
    super(
      'CALENDAR_GAP',
      `${year} 年的节假日与调休安排尚未录入，系统不按普通周末推算，相关提醒暂缓。请管理员升级 chinese-days，或在规则文件 calendar.extra_holidays 与 calendar.extra_workdays 中补录 ${year} 年的放假日期和调休上班日期。`,
    );
  }
}

export const isCalendarGap = (e: unknown): e is CalendarGapError => e instanceof CalendarGapError;
