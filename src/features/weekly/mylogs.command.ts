import { weeklyHistoryCard } from './weekly-history.card';
import { formatWeekLabel, previousWeek } from '../../core/calendar/periods';
import { instantLabel } from '../../core/weekly/format';
import { personWeeks } from '../../core/weekly/week-roster';
import { currentWeekKey } from '../../core/weekly/week-window';
import { WEEK_STATUS_LABELS } from '../../core/weekly/weekly-status';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'mylogs',
  aliases: ['我的周记'],
  describe: '查看自己最近几周的周记及状态',
  roles: ['staff'],
  private: true,
  async run(ctx) {
    const { deps } = ctx;
    const now = deps.clock.now();
    const weeks = [currentWeekKey(now)];
    while (weeks.length < deps.rules.weekly.history_weeks) weeks.push(previousWeek(weeks.at(-1)!));
    const history = await personWeeks(deps, ctx.openId, weeks, now);
    const rows = history.map((w) => ({
      week: formatWeekLabel(w.weekKey),
      status: WEEK_STATUS_LABELS[w.status] + (w.log && w.log.late && (w.status === 'confirmed' || w.status === 'returned') ? '（逾期补交）' : ''),
      submitted: w.log ? instantLabel(w.log.submittedAt) : '—',
      comment: w.log?.reviewComment ?? '',
    }));
    await ctx.reply({ kind: 'card', card: weeklyHistoryCard({ rows, lateWeeks: deps.rules.weekly.late_weeks }) });
  },
});
