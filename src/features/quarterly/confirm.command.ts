import { quarterDeterminationCard } from './quarterly-determination.card';
import { formatQuarterLabel } from '../../core/calendar/periods';
import { quarterOfCloseDue } from '../../core/calendar/schedule';
import { forbidden } from '../../core/errors';
import { openDeterminations } from '../../core/quarterly/close.service';
import { findActiveUnits } from '../../core/org/people.repository';
import { isAdminOf } from '../../core/org/person';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'confirm',
  aliases: ['审定'],
  describe: '打开本单位尚未确认的季度审定卡片；公务员局管理员可加单位名称',
  usage: '审定 政策法规处',
  roles: ['unit_admin', 'admin'],
  private: true,
  async run(ctx, args) {
    const { deps } = ctx;
    const actor = ctx.actor!;
    let unitId = actor.unitId;
    let unitLabel = '本单位';
    if (args.trim()) {
      const unit = (await findActiveUnits(deps.db)).find((u) => u.name === args.trim());
      if (!unit || !isAdminOf(actor, unit.id)) throw forbidden(`没有找到您可审定的单位“${args.trim()}”。请写单位全称，或不加参数审定本单位。`);
      unitId = unit.id;
      unitLabel = unit.name;
    }
    const quarter = quarterOfCloseDue(deps.clock.now(), deps.calendar, deps.rules);
    const views = await openDeterminations(deps, actor, { unitId, quarterKey: quarter });
    const label = formatQuarterLabel(quarter);
    if (views.length === 0) {
      await ctx.reply({ kind: 'text', text: `${unitLabel}${label}没有待审定的同级同台分组（均已审定，或本季度尚无月度考核结果）。` });
      return;
    }
    await ctx.reply({ kind: 'text', text: `${unitLabel}${label}有 ${views.length} 个分组待审定：` });
    for (const view of views) await ctx.reply({ kind: 'card', card: quarterDeterminationCard(view) });
  },
});
