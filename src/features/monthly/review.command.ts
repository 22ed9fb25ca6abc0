import { monthlyGradingCard } from './monthly-form.card';
import { formatMonthLabel } from '../../core/calendar/periods';
import { pendingOverviewOfUnit, pendingReviewsOfLeader } from '../../core/monthly/review.service';
import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { hasRole } from '../../core/org/person';
import { defineCommand } from '../../../commands/define-command';
import type { BotContext } from '../../dispatch/context';

/** More than this many cards in one answer would bury the chat; the rest follow on the next 评鉴. */
const MAX_CARDS = 10;

export default defineCommand({
  name: 'review',
  aliases: ['评鉴'],
  describe: '打开尚未完成的月度评鉴卡片',
  roles: ['supervisor', 'unit_admin'],
  private: true,
  async run(ctx) {
    const pending = await pendingReviewsOfLeader(ctx.deps, ctx.openId);
    if (pending.length === 0) {
      await ctx.reply({ kind: 'text', text: '您目前没有待完成的月度评鉴。' });
    } else {
      const more = pending.length > MAX_CARDS ? `，先发送前 ${MAX_CARDS} 份，完成后请再发送“评鉴”` : '';
      await ctx.reply({ kind: 'text', text: `您有 ${pending.length} 份月度评鉴待完成${more}：` });
      for (const review of pending.slice(0, MAX_CARDS)) {
        await ctx.reply({ kind: 'card', card: monthlyGradingCard(await loadGradingSheet(ctx.deps, review)) });
      }
    }
    if (hasRole(ctx.actor, 'unit_admin')) await replyUnitOverview(ctx);
  },
});

/** A unit admin also sees who in the unit is still waiting to be graded, and by whom. */
async function replyUnitOverview(ctx: BotContext): Promise<void> {
  const groups = await pendingOverviewOfUnit(ctx.deps, ctx.actor!.unitId);
  if (groups.length === 0) return void (await ctx.reply({ kind: 'text', text: '本单位的月度评鉴均已完成。' }));
  const count = groups.reduce((n, g) => n + g.names.length, 0);
  const lines = groups.map((g) => `${formatMonthLabel(g.monthKey)} · 主管领导 ${g.leaderName ?? '（未设置）'}：${g.names.join('、')}`);
  await ctx.reply({ kind: 'text', text: `本单位尚有 ${count} 人的月度评鉴未完成：\n${lines.join('\n')}` });
}
