import { defineCommand } from '../../../commands/define-command';

/**
 * 评优评差 unit rankings are not built yet (no issue has asked for them); the command answers honestly
 * instead of falling through to the help card, so the contract's command table keeps working.
 */
export default defineCommand({
  name: 'rank',
  aliases: ['排名'],
  describe: '查看最近一次公布的单位评优评差排名',
  async run(ctx) {
    await ctx.reply({ kind: 'text', text: '目前还没有公布的单位排名。单位评优评差功能上线后，公布的排名会在这里查看。' });
  },
});
