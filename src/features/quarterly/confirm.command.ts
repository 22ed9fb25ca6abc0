import { quarterDeterminationCard } from './quarterly-determination.card';
import { quarterTeamProposalsCard } from './quarterly-team-proposals.card';
import { formatQuarterLabel } from '../../core/calendar/periods';
import { quarterOfCloseDue } from '../../core/calendar/schedule';
import { forbidden } from '../../core/errors';
import { openDeterminations, scopesFor } from '../../core/quarterly/close.service';
import { isDeterminerOf } from '../../core/quarterly/people.repository';
import { loadUnits, organOf, unitLabel } from '../../core/quarterly/scope';
import { teamProposals } from '../../core/quarterly/team-proposals.service';
import { hasRole } from '../../core/org/person';
import { findActiveUnits } from '../../core/org/people.repository';
import { defineCommand } from '../../../commands/define-command';

/** Table rows per card: about 120 bytes a row keeps a card well under Lark's 30 KB. */
const TEAM_ROWS_PER_CARD = 60;

export default defineCommand({
  name: 'confirm',
  aliases: ['审定'],
  describe: '考核管理员：打开本机关尚未确认的季度审定卡片（公务员局管理员可加单位名称）；主管领导：查看下属的季度建议等次',
  usage: '审定 某市某局',
  roles: ['unit_admin', 'admin', 'supervisor'],
  private: true,
  async run(ctx, args) {
    const { deps } = ctx;
    const actor = ctx.actor!;
    const quarter = quarterOfCloseDue(deps.clock.now(), deps.calendar, deps.rules);
    const label = formatQuarterLabel(quarter);
    const units = await loadUnits(deps.db);
    if (!args.trim() && !isDeterminerOf(actor, organOf(actor.unitId, units), units) && hasRole(actor, 'supervisor')) {
      // A 局长's chain can be the whole organ: the list is split over cards, never cut.
      const view = await teamProposals(deps, actor, quarter);
      const parts = Math.max(1, Math.ceil(view.rows.length / TEAM_ROWS_PER_CARD));
      for (let i = 0; i < parts; i++) {
        const rows = view.rows.slice(i * TEAM_ROWS_PER_CARD, (i + 1) * TEAM_ROWS_PER_CARD);
        await ctx.reply({ kind: 'card', card: quarterTeamProposalsCard({ ...view, rows, part: parts > 1 ? { index: i + 1, count: parts, total: view.rows.length } : null }) });
      }
      return;
    }
    let unitId = actor.unitId;
    if (args.trim()) {
      const unit = (await findActiveUnits(deps.db)).find((u) => u.name === args.trim());
      if (!unit || !isDeterminerOf(actor, organOf(unit.id, units), units)) throw forbidden(`没有找到您可审定的单位“${args.trim()}”。请写单位全称，或不加参数审定本机关。`);
      unitId = unit.id;
    }
    const scopes = scopesFor(actor, unitId, units, deps);
    const views = [];
    for (const scopeId of scopes) views.push(...(await openDeterminations(deps, actor, { scopeId, quarterKey: quarter })));
    const where = unitLabel(units, organOf(unitId, units));
    if (views.length === 0) {
      await ctx.reply({ kind: 'text', text: `${where}${label}没有待审定的同级同台分组（均已审定，或本季度尚无月度考核结果）。` });
      return;
    }
    const groups = new Set(views.map((v) => `${v.scopeId}:${v.pool}`)).size;
    const pages = views.length > groups ? `（共 ${views.length} 张卡片，人数多的分组分页显示）` : '';
    await ctx.reply({ kind: 'text', text: `${where}${label}有 ${groups} 个分组待审定${pages}：` });
    for (const view of views) await ctx.reply({ kind: 'card', card: quarterDeterminationCard(view) });
  },
});
