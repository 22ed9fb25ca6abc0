import { claimFormCard } from './credits-claim-form.card';
import { shanghaiDate } from '../../core/calendar/periods';
import { defineCommand } from '../../../commands/define-command';

/** `/学时申报 [培训名称]`: always answers with the form; text after the command pre-fills the title. */
export default defineCommand({
  name: 'claim',
  aliases: ['学时申报', '申报学时'],
  describe: '申报线下培训等学时，经本单位考核管理员审核后计入',
  usage: '学时申报 依法行政专题培训班',
  roles: ['staff'],
  private: true,
  async run(ctx, args) {
    const { deps } = ctx;
    const card = claimFormCard({
      values: args ? { title: args } : {},
      today: shanghaiDate(deps.clock.now()),
      hoursPerDay: deps.rules.training.hours_per_day,
    });
    await ctx.reply({ kind: 'card', card });
  },
});
