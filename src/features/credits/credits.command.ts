import { creditsProgressCard } from './credits-progress.card';
import { creditsUnitCard } from './credits-unit.card';
import { answerCreditsQuery } from '../../core/credits/credits-query.service';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'credits',
  aliases: ['学分', '学时', '我的学时'],
  describe: '查看本年度学时进度；考核管理员可加姓名或“本单位”查看',
  usage: '学分 本单位',
  private: true,
  async run(ctx, args) {
    const answer = await answerCreditsQuery(ctx.deps, ctx.actor!, args);
    const card =
      answer.type === 'person'
        ? creditsProgressCard(answer, { own: answer.person.openId === ctx.openId })
        : creditsUnitCard(answer);
    await ctx.reply({ kind: 'card', card });
  },
});
