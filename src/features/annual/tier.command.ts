import { tierOverviewCard } from './annual-tier-overview.card';
import { resolveSubject, tierOverview } from '../../core/annual/overview.service';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'tier',
  aliases: ['等次', '我的等次'],
  describe: '查看本人各月、各季度等次和年度评优资格；主管领导、考核管理员可加姓名',
  usage: '等次 张三',
  private: true,
  async run(ctx, args) {
    const subject = await resolveSubject(ctx.deps, ctx.actor!, args);
    await ctx.reply({ kind: 'card', card: tierOverviewCard(await tierOverview(ctx.deps, ctx.actor, subject)) });
  },
});
