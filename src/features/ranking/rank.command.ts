import { latestRankingFor, pendingReviews } from '../../core/ranking/query.service';
import { hasRole } from '../../core/org/person';
import { defineCommand } from '../../../commands/define-command';
import { rankingReviewCard } from './ranking-review.card';
import { rankingReviewPages } from './ranking-review-pages.card';
import { unitAnnouncementCard } from './ranking-unit.card';

/**
 * /排名 [期间]: the latest published ranking, the caller's unit highlighted (unit-level results only,
 * so it answers in a group too). Admins: `/排名 审核` brings back the review cards still to act on.
 */
export default defineCommand({
  name: 'rank',
  aliases: ['排名'],
  describe: '查看最近一次公布的单位评优评差排名；可加期间，如“排名 2026-Q4”',
  usage: '排名 2026-Q4',
  async run(ctx, args) {
    const actor = ctx.actor!;
    if (args.trim() === '审核') {
      const views = await pendingReviews(ctx.deps, actor);
      if (views.length === 0) return void (await ctx.replyPrivately({ kind: 'text', text: '没有待审核的排名：所有排名均已发布，且发布后没有修改。' }));
      for (const v of views) {
        for (const page of rankingReviewPages(v)) await ctx.replyPrivately({ kind: 'card', card: page });
        await ctx.replyPrivately({ kind: 'card', card: rankingReviewCard(v) });
      }
      return;
    }
    const answer = await latestRankingFor(ctx.deps, actor, args);
    if (answer.type === 'none') return void (await ctx.reply({ kind: 'text', text: answer.text }));
    await ctx.reply({ kind: 'card', card: unitAnnouncementCard(answer.view) });
    if (answer.note) await ctx.reply({ kind: 'text', text: answer.note });
    if (hasRole(actor, 'admin') && !args.trim()) {
      const pending = (await pendingReviews(ctx.deps, actor)).length;
      if (pending > 0) await ctx.replyPrivately({ kind: 'text', text: `另有 ${pending} 份排名待审核或有未发布的修改，发送“排名 审核”获取审核卡片。` });
    }
  },
});
