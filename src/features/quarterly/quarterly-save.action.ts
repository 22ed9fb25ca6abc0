import { saveAdjustments } from '../../core/quarterly/determination.service';
import { quarterlySave } from './quarterly-actions';
import { quarterDeterminationCard } from './quarterly-determination.card';

/** 保存调整: stores the admin's tier choices without confirming. */
export default quarterlySave.handle(async (ctx, { value, form }) => {
  const view = await saveAdjustments(ctx.deps, ctx.actor, { pool: { unitId: value.unit, quarterKey: value.quarter, level: value.level }, revision: value.rev, form });
  return { toast: { type: 'success', content: '已保存调整，尚未确认审定' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
});
