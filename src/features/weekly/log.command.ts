import { weeklyFormCard } from './weekly-form.card';
import { weeklyReceiptCard } from './weekly-receipt.card';
import { splitEntry } from '../../core/weekly/entry-text';
import { currentWeekKey } from '../../core/weekly/week-window';
import { receiptView } from '../../core/weekly/weekly-views';
import { openWeeklyForm, setWeeklyPromptOptOut, submitWeeklyLog } from '../../core/weekly/weekly.service';
import { defineCommand } from '../../../commands/define-command';

const OPT_OUT = /^(不再提醒|关闭提醒)$/;
const OPT_IN = /^(恢复提醒|开启提醒)$/;

export default defineCommand({
  name: 'log',
  aliases: ['周记'],
  describe: '提交或修改本周周记（只发“周记”打开填写卡片）。另起一行以“下周计划：”开头写计划，以“加分事项：”开头申报加分；“周记 不再提醒”关闭周五提醒，“周记 恢复提醒”恢复',
  usage: '周记 完成年度总结初稿；参加业务培训\n下周计划：修改总结并报送',
  roles: ['staff'],
  // The receipt repeats the record: in a group it goes to the author's private chat.
  private: true,
  async run(ctx, args) {
    const actor = ctx.actor!;
    const { deps } = ctx;
    const text = args.trim();
    if (OPT_OUT.test(text) || OPT_IN.test(text)) {
      const optOut = OPT_OUT.test(text);
      const changed = await setWeeklyPromptOptOut(deps, actor, optOut);
      const state = optOut ? '已关闭每周五的周记填写提醒。未交周记时，下周一仍会收到一次补交提醒。发送“周记 恢复提醒”可重新开启。' : '已恢复每周五的周记填写提醒。';
      return ctx.reply({ kind: 'text', text: changed ? state : `无需更改：${state}` });
    }
    const weekKey = currentWeekKey(deps.clock.now());
    if (text === '') return ctx.reply({ kind: 'card', card: weeklyFormCard(await openWeeklyForm(deps, actor, { weekKey, purpose: 'form' })) });
    const entry = splitEntry(args);
    const outcome = await submitWeeklyLog(deps, actor, { weekKey, ...entry });
    await ctx.reply({ kind: 'card', card: weeklyReceiptCard(receiptView(outcome.log, outcome.supervisorName, outcome.unchanged)) });
  },
});
