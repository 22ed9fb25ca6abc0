import { weeklyTeamCard } from './weekly-team.card';
import { formatWeekLabel, previousWeek } from '../../core/calendar/periods';
import { instantLabel } from '../../core/weekly/format';
import { teamOf } from '../../core/weekly/team';
import { scheduleOf, weekRoster } from '../../core/weekly/week-roster';
import { currentWeekKey } from '../../core/weekly/week-window';
import { hasWritten, owesRecord, WEEK_STATUS_LABELS } from '../../core/weekly/weekly-status';
import { invalidInput } from '../../core/errors';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'team',
  aliases: ['团队'],
  describe: '查看下属本周周记情况，并可一键提醒未交人员（“团队 上周”看上周）',
  usage: '团队 上周',
  roles: ['supervisor', 'unit_admin'],
  // Names with statuses are personal data: in a group the card goes to the caller privately.
  private: true,
  async run(ctx, args) {
    const { deps } = ctx;
    const now = deps.clock.now();
    const arg = args.trim();
    if (arg !== '' && arg !== '上周' && arg !== '本周') throw invalidInput('用法：“团队”查看本周，“团队 上周”查看上周。');
    const weekKey = arg === '上周' ? previousWeek(currentWeekKey(now)) : currentWeekKey(now);
    const team = await teamOf(deps, ctx.actor!);
    const roster = await weekRoster(deps, weekKey, team.people, now);
    const schedule = scheduleOf(deps, weekKey);
    const counted = roster.filter((e) => e.status !== 'on_leave' && e.status !== 'no_workday');
    await ctx.reply({
      kind: 'card',
      card: weeklyTeamCard({
        weekKey,
        weekLabel: formatWeekLabel(weekKey),
        scopeLabel: team.scopeLabel,
        dueLabel: schedule.dueAt ? instantLabel(schedule.dueAt) : null,
        rows: roster.map((e) => ({ name: e.person.name, status: WEEK_STATUS_LABELS[e.status], submitted: e.log ? instantLabel(e.log.submittedAt) : '—' })),
        written: counted.filter((e) => hasWritten(e.status)).length,
        expected: counted.length,
        owing: roster.filter((e) => owesRecord(e.status) && e.person.openId !== ctx.openId).length,
      }),
    });
  },
});
