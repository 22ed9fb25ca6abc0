import { weeklyFormCard } from './weekly-form.card';
import { promptWeekDue } from '../../core/calendar/schedule';
import { scheduleOf, weekRoster, weeklyParticipants } from '../../core/weekly/week-roster';
import { formViewsOf } from '../../core/weekly/weekly-views';
import { owesRecord } from '../../core/weekly/weekly-status';
import { defineJob } from '../../jobs/define-job';
import { sendInBatches } from '../../core/send-in-batches';

export const promptKey = (weekKey: string, openId: string) => `weekly-prompt:${weekKey}:${openId}`;

/**
 * On the week's last workday: the form card to everyone who still owes the record, except people on
 * leave for the whole week and people who turned the prompt off (周记 不再提醒).
 */
export default defineJob({
  name: 'weekly-prompt',
  describe: '周记填写提醒（每周最后一个工作日）',
  // Looks every 15 minutes, weekends too (make-up workdays); promptWeekDue decides whether anything is due.
  cron: '*/15 * * * *',
  periodAt: (deps) => promptWeekDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, weekKey) {
    const at = deps.clock.now();
    const schedule = scheduleOf(deps, weekKey);
    const roster = await weekRoster(deps, weekKey, await weeklyParticipants(deps.db), at);
    const owing = roster.filter((e) => owesRecord(e.status));
    const asked = owing.filter((e) => !e.person.promptOptOut);
    const viewOf = await formViewsOf(deps, asked, schedule, 'prompt', at);
    await sendInBatches(deps.messenger, asked, async (e) => ({
      to: { type: 'open_id', id: e.person.openId },
      message: { kind: 'card', card: weeklyFormCard(await viewOf(e)) },
      key: promptKey(weekKey, e.person.openId),
    }));
    const onLeave = roster.filter((e) => e.status === 'on_leave').length;
    return `已向 ${asked.length} 人发送周记填写提醒（已提交 ${roster.length - owing.length - onLeave} 人，请假 ${onLeave} 人，关闭提醒 ${owing.length - asked.length} 人）`;
  },
});
