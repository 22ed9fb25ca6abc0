import { summaryRoster, workdaysOfPeriod } from '../../core/summary/summary-roster';
import { summaryPeriodDue } from '../../core/summary/summary-schedule';
import { defineJob } from '../../jobs/define-job';
import { sendSummaryForms } from './send-summary-forms';

export const summaryCardKey = (periodKey: string, openId: string) => `self-summary:${periodKey}:${openId}`;

/**
 * 个人小结: on the period's last workday each active person who had joined by the period's end gets
 * the form card, prefilled from their weekly records (or showing their draft) — not those on leave
 * for the whole period, nor those who already submitted. The card's key names the period and
 * person, so a re-run sends nothing twice; it goes through the calm sender.
 */
export default defineJob({
  name: 'self-summary',
  describe: '个人小结卡片（考核期最后一个工作日发给每位参加考核的人员）',
  cron: '*/15 * * * *',
  periodAt: (deps) => summaryPeriodDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, periodKey) {
    const roster = await summaryRoster(deps, periodKey, workdaysOfPeriod(deps, periodKey));
    await sendSummaryForms(deps, roster.owing, periodKey, 'prompt', (openId) => summaryCardKey(periodKey, openId));
    const also = [roster.submitted ? `${roster.submitted} 人已提交` : '', roster.onLeave ? `${roster.onLeave} 人全期请假` : ''].filter(Boolean).join('，');
    return `已向 ${roster.owing.length} 人发送个人小结卡片${also ? `（${also}）` : ''}`;
  },
});
