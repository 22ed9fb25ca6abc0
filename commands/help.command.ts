import { renderHelp } from '../cards/help.card';
import { defineCommand } from './define-command';
import { allCommands } from './registry';

export default defineCommand({
  name: 'help',
  aliases: ['帮助'],
  describe: '查看您可以使用的命令',
  public: true,
  async run(ctx) {
    await ctx.reply({ kind: 'card', card: renderHelp(ctx.actor, allCommands()) });
  },
});
