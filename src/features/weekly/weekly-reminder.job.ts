import { weeklyDigestCard } from './weekly-digest.card';
import { weeklyFormCard } from './weekly-form.card';
import { formatWeekLabel } from '../../core/calendar/periods';
import { reminderWeekDue, type WeeklySchedule } from '../../core/calendar/schedule';
import type { CoreDeps } from '../../core/deps';
import { scheduleOf, weekRoster, weeklyParticipants, type RosterEntry } from '../../core/weekly/week-roster';
import { writableWeek } from '../../core/weekly/week-window';
import { formViewsOf } from '../../core/weekly/weekly-views';
import { defineJob } from '../../jobs/define-job';
import { groupBy } from '../../core/group-by';
import type { Addressed } from '../../core/ports';
import { sendInBatches } from '../../core/send-in-batches';

export const reminderKey = (weekKey: string, openId: string) => `weekly-reminder:${weekKey}:${openId}`;
export const digestKey = (weekKey: string, supervisorOpenId: string) => `weekly-digest:${weekKey}:${supervisorOpenId}`;

/**
 * On the next week's first workday: one private reminder to each person still missing the record
 * (opt-out of the Friday prompt does not apply: this is the one message about a missed week), and
 * a digest to each supervisor about their direct reports.
 */
export default defineJob({
  name: 'weekly-reminder',
  describe: '周记补交提醒与主管汇总（下周第一个工作日）',
  cron: '*/15 * * * *',
  periodAt: (deps) => reminderWeekDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, weekKey) {
    const at = deps.clock.now();
    const roster = await weekRoster(deps, weekKey, await weeklyParticipants(deps.db, {}, scheduleOf(deps, weekKey).dueAt), at);
    const missing = roster.filter((e) => e.status === 'missing');
    const remind = await reminderOf(deps, weekKey, missing, at);
    await sendInBatches(deps.messenger, missing, remind);
    const supervisors = groupBySupervisor(roster);
    await sendInBatches(deps.messenger, supervisors, ([supervisor, team]) => {
      const card = weeklyDigestCard({
        weekKey,
        weekLabel: formatWeekLabel(weekKey),
        onTime: namesIn(team, 'on_time'),
        late: namesIn(team, 'late'),
        missing: namesIn(team, 'missing'),
        onLeave: namesIn(team, 'on_leave'),
        awaitingReview: team.filter((e) => e.log?.state === 'submitted').length,
      });
      return { to: { type: 'open_id', id: supervisor }, message: { kind: 'card', card }, key: digestKey(weekKey, supervisor) };
    });
    return `补交提醒 ${missing.length} 人，主管汇总 ${supervisors.size} 份`;
  },
});

/** The reminder for each missing person: the form card (last week's plans read for all of them at once). */
async function reminderOf(deps: CoreDeps, weekKey: string, missing: readonly RosterEntry[], at: Date): Promise<(e: RosterEntry) => Promise<Addressed>> {
  let schedule: WeeklySchedule;
  try {
    schedule = writableWeek(deps, weekKey, at);
  } catch {
    // Past the late window (weekly.late_weeks = 0): nothing can be submitted, so only say so.
    const text = `${formatWeekLabel(weekKey)}的周记未提交，已记为未交。如有特殊情况，请与主管领导沟通。`;
    return async (e) => ({ to: { type: 'open_id', id: e.person.openId }, message: { kind: 'text', text }, key: reminderKey(weekKey, e.person.openId) });
  }
  const viewOf = await formViewsOf(deps, missing, schedule, 'reminder', at);
  return async (e) => ({ to: { type: 'open_id', id: e.person.openId }, message: { kind: 'card', card: weeklyFormCard(await viewOf(e)) }, key: reminderKey(weekKey, e.person.openId) });
}

/** The digest is about punctuality: a confirmed or returned record still counts as on time or late. */
function bucketOf(e: RosterEntry): string {
  return e.log ? (e.log.late ? 'late' : 'on_time') : e.status;
}

const namesIn = (team: RosterEntry[], bucket: string) =>
  team
    .filter((e) => bucketOf(e) === bucket)
    .map((e) => e.person.name)
    .sort((a, b) => a.localeCompare(b, 'zh'));

function groupBySupervisor(roster: RosterEntry[]): Map<string, RosterEntry[]> {
  return groupBy(roster.filter((e) => e.person.leaderOpenId), (e) => e.person.leaderOpenId!);
}
