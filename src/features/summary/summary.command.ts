import { readSummaryByName } from '../../core/summary/summary-access.service';
import { summaryForm, summaryPeriodFor } from '../../core/summary/self-summary.service';
import { defineCommand } from '../../../commands/define-command';
import { summaryFormCard } from './summary-form.card';
import { summaryReadCard } from './summary-read.card';

export default defineCommand({
  name: 'summary',
  aliases: ['小结', '个人小结'],
  describe: '填写或修改本人的个人小结（保存草稿、提交）；主管领导、考核管理员可加姓名查看',
  usage: '小结 张三',
  private: true,
  async run(ctx, args) {
    const actor = ctx.actor!;
    const name = args.trim();
    if (name && name !== actor.name) return ctx.reply({ kind: 'card', card: summaryReadCard(await readSummaryByName(ctx.deps, actor, name)) });
    const period = await summaryPeriodFor(ctx.deps, actor);
    await ctx.reply({ kind: 'card', card: summaryFormCard(await summaryForm(ctx.deps, actor, period)) });
  },
});
