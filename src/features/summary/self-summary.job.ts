import { findActivePeople } from '../../core/org/people.repository';
import { summaryForm, owesSummary } from '../../core/summary/self-summary.service';
import { submittedOpenIds } from '../../core/summary/self-summary.repository';
import { summaryPeriodDue } from '../../core/summary/summary-schedule';
import { defineJob } from '../../jobs/define-job';
import { summaryFormCard } from './summary-form.card';

export const summaryCardKey = (periodKey: string, openId: string) => `self-summary:${periodKey}:${openId}`;

/**
 * 个人小结: on the period's last workday each active person who had joined by the period's end gets
 * the form card, prefilled from their weekly records (or showing their draft). The card's key names
 * the period and person, so a re-run sends nothing twice; it goes through the calm sender.
 */
export default defineJob({
  name: 'self-summary',
  describe: '个人小结卡片（考核期最后一个工作日发给每位参加考核的人员）',
  cron: '*/15 * * * *',
  periodAt: (deps) => summaryPeriodDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, periodKey) {
    const people = (await findActivePeople(deps.db)).filter((p) => owesSummary(p, periodKey));
    const done = await submittedOpenIds(deps.db, periodKey);
    let sent = 0;
    for (const person of people) {
      if (done.has(person.openId)) continue;
      const card = summaryFormCard(await summaryForm(deps, person, periodKey, { purpose: 'prompt' }));
      await deps.messenger.send({ type: 'open_id', id: person.openId }, { kind: 'card', card }, summaryCardKey(periodKey, person.openId));
      sent++;
    }
    const skipped = people.length - sent;
    return `已向 ${sent} 人发送个人小结卡片${skipped ? `（${skipped} 人已提交）` : ''}`;
  },
});
