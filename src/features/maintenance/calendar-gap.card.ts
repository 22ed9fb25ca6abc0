import type { CalendarGapView } from '../../core/calendar/calendar-gap-view';
import type { CardJson } from '../../core/ports';
import { card, md, note } from '../../../cards/components';

/** To the admins: a job waits because the year's official holiday schedule is missing. */
export function calendarGapCard(v: CalendarGapView): CardJson {
  return card({
    title: `节假日安排缺失 · ${v.year}年`,
    template: 'red',
    elements: [
      md(
        `定时任务 **${v.job}** 需要 ${v.year} 年的日期，但系统中还没有 ${v.year} 年的放假和调休安排。为免把节假日当作工作日（如把周记截止日排在元旦、在春节期间发提醒），相关任务**已暂停等待**。`,
      ),
      md(
        `**请处理**：升级 chinese-days 软件包；或在规则文件的 \`calendar.extra_holidays\`（放假日期）和 \`calendar.extra_workdays\`（调休上班日期）中补录 ${v.year} 年国务院公布的安排，两项都录入后重启。补录后任务会自动补发。`,
      ),
      note('`npx pingshi doctor` 和 /metrics（pingshi_calendar_year_ready）也会显示此项。'),
    ],
  });
}
