import { helpCard, helpView } from '../cards/help.card';
import { rulesSummary } from '../src/core/rules/summary';
import { defineCommand, offeredCommands, type CommandDef } from './define-command';

/**
 * `/帮助`: what the caller may use, and the rules that decide tiers with their basis. Built by the app
 * with the full command list, which it passes in, so this file needs no registry of its own.
 */
export function helpCommand(all: () => readonly CommandDef[]): CommandDef {
  return defineCommand({
    name: 'help',
    aliases: ['帮助'],
    describe: '查看您可以使用的命令',
    public: true,
    async run(ctx) {
      await ctx.reply({ kind: 'card', card: helpCard(helpView(ctx.actor, offeredCommands(all(), ctx.deps.rules), rulesSummary(ctx.deps.rules))) });
    },
  });
}
