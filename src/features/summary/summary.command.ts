import { readSummaryByName } from '../../core/summary/summary-access.service';
import { assertPeriod, parseSummaryPeriod, summaryForm, summaryPeriodFor } from '../../core/summary/self-summary.service';
import { defineCommand } from '../../../commands/define-command';
import { summaryFormCard } from './summary-form.card';
import { summaryReadCard } from './summary-read.card';

const PERIOD = /^\d{4}-(Q[1-4]|\d{2})$/;

export default defineCommand({
  name: 'summary',
  aliases: ['小结', '个人小结'],
  describe: '填写或修改本人的个人小结（保存草稿、提交）；主管领导、考核管理员可加姓名查看，可加期间如 2026-Q3',
  usage: '小结 张三 2026-Q3',
  private: true,
  async run(ctx, args) {
    const actor = ctx.actor!;
    const words = args.trim().split(/\s+/).filter(Boolean);
    const periodKey = words.find((w) => PERIOD.test(w));
    const name = words.filter((w) => w !== periodKey).join(' ');
    if (periodKey) parseSummaryPeriod(ctx.deps.rules.self_summary, periodKey);
    if (name && name !== actor.name) return ctx.reply({ kind: 'card', card: summaryReadCard(await readSummaryByName(ctx.deps, actor, name, periodKey)) });
    if (periodKey) assertPeriod(ctx.deps, actor, periodKey);
    const period = periodKey ?? (await summaryPeriodFor(ctx.deps, actor));
    await ctx.reply({ kind: 'card', card: summaryFormCard(await summaryForm(ctx.deps, actor, period)) });
  },
});
