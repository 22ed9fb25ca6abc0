import { shanghaiDate } from '../../core/calendar/periods';
import { summaryRoster } from '../../core/summary/summary-roster';
import { summaryReminderDue } from '../../core/summary/summary-schedule';
import { defineJob } from '../../jobs/define-job';
import { sendSummaryForms } from './send-summary-forms';

/**
 * One private reminder per person and period, `self_summary.reminder.workdays_before_due` workdays
 * before the due day, to those who have not submitted (not to anyone on leave that day). No group
 * message and no @: it goes to each person's own chat through the calm sender, keyed so a re-run
 * sends nothing twice.
 */
export default defineJob({
  name: 'self-summary-reminder',
  describe: '个人小结提交提醒（截止前，仅私信尚未提交的人员）',
  cron: '*/15 * * * *',
  periodAt: (deps) => summaryReminderDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, periodKey) {
    const roster = await summaryRoster(deps, periodKey, [shanghaiDate(deps.clock.now())]);
    await sendSummaryForms(deps, roster.owing, periodKey, 'reminder', (openId) => `self-summary-reminder:${periodKey}:${openId}`);
    return `已提醒 ${roster.owing.length} 人提交个人小结（已提交 ${roster.submitted} 人${roster.onLeave ? `，请假 ${roster.onLeave} 人` : ''}）`;
  },
});
